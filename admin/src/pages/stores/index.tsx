import { TabbedPage } from '../../components/TabbedPage';
import { BindingsTab } from './BindingsTab';
import { LeaderboardTab } from './LeaderboardTab';
import { PolicyTab } from './PolicyTab';
import { StoresTab } from './StoresTab';
import { TransferTab } from './TransferTab';
import { WriteOffsTab } from './WriteOffsTab';

export default function StoresPage() {
  return (
    <TabbedPage
      title='门店与导购'
      tabs={[
        { key: 'stores', label: '门店', children: <StoresTab /> },
        { key: 'leaderboard', label: '业绩排行', children: <LeaderboardTab /> },
        { key: 'bindings', label: '绑定记录', children: <BindingsTab /> },
        { key: 'transfer', label: '会员转移', children: <TransferTab /> },
        { key: 'write-offs', label: '核销记录', children: <WriteOffsTab /> },
        { key: 'policy', label: '绑定规则', children: <PolicyTab /> },
      ]}
    />
  );
}
