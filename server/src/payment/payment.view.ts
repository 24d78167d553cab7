import type { PaymentView } from '@mall/shared';
import type { Payment } from './payment.entity';
import type { Refund } from './refund.entity';

export function toPaymentView(p: Payment): PaymentView {
  return {
    outTradeNo: p.outTradeNo,
    purpose: p.purpose,
    amountFen: p.amountFen,
    status: p.status,
    paidAt: p.paidAt?.toISOString() ?? null,
    refundedFen: p.refundedFen,
  };
}

export function toAdminPaymentView(p: Payment) {
  return {
    ...toPaymentView(p),
    id: p.id,
    purposeId: p.purposeId,
    memberId: p.memberId,
    description: p.description,
    transactionId: p.transactionId,
    lateRefund: p.lateRefund,
    createdAt: p.createdAt.toISOString(),
    closedAt: p.closedAt?.toISOString() ?? null,
  };
}

export function toRefundView(r: Refund) {
  return {
    outRefundNo: r.outRefundNo,
    amountFen: r.amountFen,
    reason: r.reason,
    status: r.status,
    failureReason: r.failureReason,
    createdAt: r.createdAt.toISOString(),
    succeededAt: r.succeededAt?.toISOString() ?? null,
  };
}
