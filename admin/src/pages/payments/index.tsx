import { TabbedPage } from '../../components/TabbedPage';
import { PaymentsTab } from './PaymentsTab';
import { RefundsTab } from './RefundsTab';

export default function PaymentsPage() {
  return (
    <TabbedPage
      title='支付与退款'
      tabs={[
        { key: 'payments', label: '支付记录', children: <PaymentsTab /> },
        { key: 'refunds', label: '退款记录', children: <RefundsTab /> },
      ]}
    />
  );
}
