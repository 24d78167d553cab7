import { TabbedPage } from '../../components/TabbedPage';
import { ItemsTab } from './ItemsTab';
import { LiabilityTab } from './LiabilityTab';
import { MemberTab } from './MemberTab';
import { RulesTab } from './RulesTab';

export default function PointsPage() {
  return (
    <TabbedPage
      title='积分'
      tabs={[
        { key: 'rules', label: '积分规则', children: <RulesTab /> },
        { key: 'items', label: '积分商城', children: <ItemsTab /> },
        { key: 'member', label: '会员积分', children: <MemberTab /> },
        { key: 'liability', label: '积分负债', children: <LiabilityTab /> },
      ]}
    />
  );
}
