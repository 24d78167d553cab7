import { Alert, Typography } from 'antd';
import { ProFormDigit } from '@ant-design/pro-components';
import type { AdminOrderView, CreateShipmentRequest } from '@mall/shared';
import { EditModal } from '../../components/EditModal';
import { useAction } from '../../components/use-action';
import { http } from '../../services/http';
import { ParcelFields } from './ParcelFields';

interface ShipForm {
  carrierCode: string;
  trackingNo: string;
  /** units of each line in this parcel, keyed by line id */
  qty: Record<string, number | undefined>;
}

const remaining = (l: AdminOrderView['lines'][number]) => Math.max(0, l.quantity - l.shippedQuantity - l.cancelledQuantity);

/** One parcel: the address it goes to, carrier and tracking number, and how many units of each line it carries. */
export function ShipModal({ order, onClose, onShipped }: { order: AdminOrderView | null; onClose: () => void; onShipped: () => void }) {
  const run = useAction();
  const open = order !== null;
  const waiting = order?.lines.filter((l) => remaining(l) > 0) ?? [];
  return (
    <EditModal<ShipForm>
      title={order ? `发货 · ${order.orderNo}` : '发货'}
      open={open}
      onOpenChange={(v) => !v && onClose()}
      initialValues={{ qty: Object.fromEntries(waiting.map((l) => [String(l.id), remaining(l)])) }}
      onFinish={async (v) => {
        if (!order) return false;
        const lines = waiting.map((l) => ({ orderLineId: l.id, quantity: v.qty?.[String(l.id)] ?? 0 })).filter((l) => l.quantity > 0);
        if (lines.length === 0) {
          await run(() => Promise.reject(new Error('请至少发出一件商品')));
          return false;
        }
        const body: CreateShipmentRequest = { carrierCode: v.carrierCode, trackingNo: v.trackingNo, lines };
        const done = await run(() => http(`/api/admin/orders/${order.id}/shipments`, { method: 'POST', body }), '已发货');
        if (done) onShipped();
        return done;
      }}
    >
      {order?.address && (
        <Alert
          type='info'
          style={{ marginBottom: 16 }}
          data-testid='ship-address'
          message={`${order.address.name} ${order.address.phone}`}
          description={`${order.address.region} ${order.address.detail}`}
        />
      )}
      <ParcelFields />
      <Typography.Text strong>本包裹商品</Typography.Text>
      {waiting.map((l) => (
        <ProFormDigit
          key={l.id}
          name={['qty', String(l.id)]}
          label={`${l.productName}（${l.specs}） 待发 ${remaining(l)}`}
          min={0}
          max={remaining(l)}
          fieldProps={{ precision: 0 }}
        />
      ))}
    </EditModal>
  );
}
