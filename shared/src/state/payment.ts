import type { TransitionTable } from './transitions';

export const PAYMENT_PURPOSES = ['recharge', 'membership', 'order', 'deal', 'points_mall'] as const;
export type PaymentPurpose = (typeof PAYMENT_PURPOSES)[number];

/**
 * created → paid     (notify or reconciliation saw SUCCESS)
 * created → closed   (expired unpaid, closed at WeChat)
 * closed  → paid     (the payer paid just before our close took effect: WeChat says SUCCESS later;
 *                     the purpose either accepts it or it is refunded in full automatically)
 * Refunds do not change the status: refunded amounts are tracked beside it.
 */
export type PaymentStatus = 'created' | 'paid' | 'closed';

export const PAYMENT_TRANSITIONS: TransitionTable<PaymentStatus> = {
  created: ['paid', 'closed'],
  closed: ['paid'],
  paid: [],
};

/** processing → success | failed. A failed refund gives its amount back to the refundable balance. */
export type RefundStatus = 'processing' | 'success' | 'failed';

export const REFUND_TRANSITIONS: TransitionTable<RefundStatus> = {
  processing: ['success', 'failed'],
  success: [],
  failed: [],
};

/** What the mini-program needs to call wx.requestPayment. */
export interface WechatPayParams {
  appId: string;
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: 'RSA';
  paySign: string;
}

export interface PaymentView {
  outTradeNo: string;
  purpose: PaymentPurpose;
  amountFen: number;
  status: PaymentStatus;
  paidAt: string | null;
  refundedFen: number;
}
