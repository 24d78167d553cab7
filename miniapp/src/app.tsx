import type { PropsWithChildren } from 'react';
import { useLaunch } from '@tarojs/taro';
import { useSessionStore } from '@/stores/session.store';
import { prefetchSubscribeTemplates } from '@/services/subscribe';
import './app.scss';

/** Logs in on launch unless the member logged out on purpose (wx.login in WeChat, a simulator dev code in H5); pages wait for the session. */
function App({ children }: PropsWithChildren) {
  useLaunch((options) => {
    void useSessionStore
      .getState()
      .resume(typeof options?.query?.scene === 'string' ? options.query.scene : undefined)
      .then(prefetchSubscribeTemplates, () => undefined);
  });
  return children;
}

export default App;
