import { defineStateMachine } from './transitions';

/**
 * A points-mall redemption.
 * pending_payment → issued (a gift: pickup code handed out) | written_off (a coupon item: delivered at once) | cancelled (cash never paid)
 * issued → written_off (staff handed the gift over)
 * Points-only items pass through pending_payment inside the redeeming transaction.
 */
export type RedemptionStatus = 'pending_payment' | 'issued' | 'written_off' | 'cancelled';

export const REDEMPTION_STATES = defineStateMachine<RedemptionStatus>(
  'points_redemption',
  { pending_payment: ['issued', 'written_off', 'cancelled'], issued: ['written_off'], written_off: [], cancelled: [] },
  { pending_payment: '待支付', issued: '待领取', written_off: '已兑换', cancelled: '已取消' },
);
