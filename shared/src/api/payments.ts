import type { Fen } from '../money/fen';
import type { PaymentPurpose, PaymentStatus, RefundStatus } from '../state/payment';

/** GET /api/payments/:outTradeNo — the member polls this after wx.requestPayment. */
export interface PaymentView {
  outTradeNo: string;
  purpose: PaymentPurpose;
  amountFen: Fen;
  status: PaymentStatus;
  statusText: string;
  paidAt: string | null;
  refundedFen: Fen;
}

/** GET /api/admin/payments rows */
export interface AdminPaymentView extends PaymentView {
  id: number;
  purposeId: string;
  memberId: number;
  description: string;
  transactionId: string | null;
  /** WeChat took the money after we had closed the payment; it was refunded in full. */
  lateRefund: boolean;
  createdAt: string;
  closedAt: string | null;
}

export interface RefundView {
  outRefundNo: string;
  amountFen: Fen;
  reason: string;
  status: RefundStatus;
  statusText: string;
  failureReason: string | null;
  createdAt: string;
  succeededAt: string | null;
}

/** GET /api/admin/refunds rows: every refund with the payment it returns money from. */
export interface AdminRefundView extends RefundView {
  outTradeNo: string;
  purpose: PaymentPurpose;
  purposeId: string;
  memberId: number;
  paymentAmountFen: Fen;
}

/** A page of an admin list with server paging. */
export interface Page<T> {
  items: T[];
  total: number;
}
