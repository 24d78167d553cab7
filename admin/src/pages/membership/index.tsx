import { TabbedPage } from '../../components/TabbedPage';
import { MetricsTab } from './MetricsTab';
import { PaidMembersTab } from './PaidMembersTab';
import { PlansTab } from './PlansTab';
import { PurchasesTab } from './PurchasesTab';

export default function MembershipPage() {
  return (
    <TabbedPage
      title='付费会员 SVIP'
      tabs={[
        { key: 'metrics', label: '经营指标', children: <MetricsTab /> },
        { key: 'plans', label: '方案', children: <PlansTab /> },
        { key: 'members', label: '付费会员', children: <PaidMembersTab /> },
        { key: 'purchases', label: '购买记录 · 退款', children: <PurchasesTab /> },
      ]}
    />
  );
}
