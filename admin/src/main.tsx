import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { App } from './App';

dayjs.locale('zh-cn');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider
      locale={zhCN}
      button={{ autoInsertSpace: false }}
      theme={{
        token: { colorPrimary: '#A67C3D', colorLink: '#A67C3D', borderRadius: 6, fontFamily: "-apple-system, 'PingFang SC', 'Microsoft YaHei', sans-serif" },
        components: {
          Layout: { siderBg: '#1F1F1F', triggerBg: '#161616' },
          Menu: { darkItemBg: '#1F1F1F', darkSubMenuItemBg: '#181818', darkItemSelectedBg: '#A67C3D' },
        },
      }}
    >
      <AntApp>
        <App />
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
