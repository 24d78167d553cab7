import { TabbedPage } from '../../components/TabbedPage';
import { ScenesTab } from './ScenesTab';
import { SendsTab } from './SendsTab';

/** 消息通知: the WeChat subscribe template each scene uses, and every send attempt. */
export default function NotificationsPage() {
  return (
    <TabbedPage
      title='消息通知'
      tabs={[
        { key: 'scenes', label: '模板配置', children: <ScenesTab /> },
        { key: 'sends', label: '发送记录', children: <SendsTab /> },
      ]}
    />
  );
}
