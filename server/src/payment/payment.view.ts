import { PAYMENT_STATES, REFUND_STATES, type AdminPaymentView, type AdminRefundView, type PaymentView, type RefundView } from '@mall/shared';
import type { Payment } from './payment.entity';
import type { Refund } from './refund.entity';

export function toPaymentView(p: Payment): PaymentView {
  return {
    outTradeNo: p.outTradeNo,
    purpose: p.purpose,
    amountFen: p.amountFen,
    status: p.status,
    statusText: PAYMENT_STATES.labels[p.status],
    paidAt: p.paidAt?.toISOString() ?? null,
    refundedFen: p.refundedFen,
  } satisfies PaymentView;
}

export function toAdminPaymentView(p: Payment): AdminPaymentView {
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
  } satisfies AdminPaymentView;
}

export function toRefundView(r: Refund): RefundView {
  return {
    outRefundNo: r.outRefundNo,
    amountFen: r.amountFen,
    reason: r.reason,
    status: r.status,
    statusText: REFUND_STATES.labels[r.status],
    failureReason: r.failureReason,
    createdAt: r.createdAt.toISOString(),
    succeededAt: r.succeededAt?.toISOString() ?? null,
  } satisfies RefundView;
}

export function toAdminRefundView(r: Refund, p: Payment): AdminRefundView {
  return {
    ...toRefundView(r),
    outTradeNo: p.outTradeNo,
    purpose: p.purpose,
    purposeId: p.purposeId,
    memberId: p.memberId,
    paymentAmountFen: p.amountFen,
  } satisfies AdminRefundView;
}
