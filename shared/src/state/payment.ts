import { defineStateMachine } from './transitions';

export const PAYMENT_PURPOSES = ['recharge', 'membership', 'order', 'deal', 'points_mall'] as const;
export type PaymentPurpose = (typeof PAYMENT_PURPOSES)[number];

export const PAYMENT_PURPOSE_LABELS: Record<PaymentPurpose, string> = {
  recharge: '储值充值',
  membership: '付费会员',
  order: '商城订单',
  deal: '秒杀拼团',
  points_mall: '积分兑换',
};

/**
 * created → paid     (notify or reconciliation saw SUCCESS)
 * created → closed   (expired unpaid, closed at WeChat)
 * closed  → paid     (the payer paid just before our close took effect: WeChat says SUCCESS later;
 *                     the purpose either accepts it or it is refunded in full automatically)
 * Refunds do not change the status: refunded amounts are tracked beside it.
 */
export type PaymentStatus = 'created' | 'paid' | 'closed';

export const PAYMENT_STATES = defineStateMachine<PaymentStatus>(
  'payment',
  { created: ['paid', 'closed'], closed: ['paid'], paid: [] },
  { created: '待支付', paid: '已支付', closed: '已关闭' },
);
export const PAYMENT_TRANSITIONS = PAYMENT_STATES.transitions;

/** processing → success | failed. A failed refund gives its amount back to the refundable balance. */
export type RefundStatus = 'processing' | 'success' | 'failed';

export const REFUND_STATES = defineStateMachine<RefundStatus>(
  'refund',
  { processing: ['success', 'failed'], success: [], failed: [] },
  { processing: '退款中', success: '已退款', failed: '退款失败' },
);
export const REFUND_TRANSITIONS = REFUND_STATES.transitions;

/** What the mini-program needs to call wx.requestPayment. */
export interface WechatPayParams {
  appId: string;
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: 'RSA';
  paySign: string;
}
