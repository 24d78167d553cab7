import { useEffect, useState } from 'react';
import { Alert } from 'antd';
import { ProForm, ProFormText } from '@ant-design/pro-components';
import { yuanLabel, type AdminPaymentView, type Fen, type RefundView } from '@mall/shared';
import { EditModal } from '../../components/EditModal';
import { useAction } from '../../components/use-action';
import { YuanInput } from '../../components/YuanInput';
import { yuan } from '../../services/format';
import { http, newIdempotencyKey } from '../../services/http';
import { refundable } from './labels';

/** Refunds (part of) a paid payment to the payer's WeChat. One Idempotency-Key per opening, reused if the operator retries. */
export function RefundModal({ payment, onClose, onDone }: { payment: AdminPaymentView | null; onClose: () => void; onDone: () => void }) {
  const run = useAction();
  const [key, setKey] = useState(newIdempotencyKey);
  useEffect(() => {
    if (payment) setKey(newIdempotencyKey());
  }, [payment]);

  return (
    <EditModal<{ amountFen: Fen; reason: string }>
      title={`退款 · ${payment?.outTradeNo ?? ''}`}
      open={payment !== null}
      onOpenChange={(open) => !open && onClose()}
      modalProps={{ okText: '确认退款' }}
      onFinish={async ({ amountFen, reason }) => {
        const done = await run(
          () => http<RefundView>(`/api/admin/payments/${payment!.outTradeNo}/refunds`, { method: 'POST', body: { amountFen, reason }, idempotencyKey: key }),
          `已提交退款 ${yuanLabel(amountFen)}`,
        );
        if (done) onDone();
        return done;
      }}
    >
      {payment && (
        <>
          <Alert type='warning' showIcon style={{ marginBottom: 16 }} message={`原路退回微信支付；最多可退 ${yuan(refundable(payment))}`} />
          <ProForm.Item name='amountFen' label='退款金额（元）' rules={[{ required: true, message: '请输入金额' }]}>
            <YuanInput min={1} max={refundable(payment)} style={{ width: '100%' }} />
          </ProForm.Item>
          <ProFormText name='reason' label='原因' rules={[{ required: true, message: '请填写原因' }]} fieldProps={{ maxLength: 80 }} />
        </>
      )}
    </EditModal>
  );
}
