import { useRef, type PropsWithChildren } from 'react';
import { useDidHide, useDidShow, useLaunch } from '@tarojs/taro';
import { useSessionStore } from '@/stores/session.store';
import { prefetchSubscribeTemplates } from '@/services/subscribe';
import { track } from '@/services/track';
import './app.scss';

/** Logs in on launch unless the member logged out on purpose (wx.login in WeChat, a simulator dev code in H5); pages wait for the session. */
function App({ children }: PropsWithChildren) {
  const wasHidden = useRef(false);
  useLaunch((options) => {
    track.visit(options);
    void useSessionStore
      .getState()
      .resume(typeof options?.query?.scene === 'string' ? options.query.scene : undefined)
      .then(prefetchSubscribeTemplates, () => undefined);
  });
  // A visit is the launch, or coming back from the background (the first show is the launch itself).
  useDidShow((options) => {
    if (wasHidden.current) track.visit(options);
    wasHidden.current = false;
  });
  useDidHide(() => {
    wasHidden.current = true;
    track.flush();
  });
  return children;
}

export default App;
