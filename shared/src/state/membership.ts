import { defineStateMachine } from './transitions';

/** An SVIP purchase: pending → paid | closed; closed → paid (late payment still granted); paid → refunded. */
export type MembershipPurchaseStatus = 'pending' | 'paid' | 'closed' | 'refunded';

export const MEMBERSHIP_PURCHASE_STATES = defineStateMachine<MembershipPurchaseStatus>(
  'membership_purchase',
  { pending: ['paid', 'closed'], closed: ['paid'], paid: ['refunded'], refunded: [] },
  { pending: '待支付', paid: '已开通', closed: '已关闭', refunded: '已退款' },
);

/** A period a purchase added: active until its purchase is refunded. */
export type MembershipPeriodStatus = 'active' | 'refunded';

export const MEMBERSHIP_PERIOD_STATES = defineStateMachine<MembershipPeriodStatus>(
  'membership_period',
  { active: ['refunded'], refunded: [] },
  { active: '生效', refunded: '已退款' },
);
