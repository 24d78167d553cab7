import { defineStateMachine } from './transitions';

/**
 * A group (拼团). The leader's checkout creates it `pending` (nobody can join an unpaid group);
 * the leader's payment opens it and starts its clock; the Nth payment completes it; at the time
 * limit an open group fails and every paid member is refunded.
 *
 * pending → open        the leader paid (expiresAt = paidAt + time limit)
 * pending → cancelled   the leader's order ended unpaid
 * open → completed      the last slot was paid: its orders go to fulfilment
 * open → failed         the time limit passed first
 */
export type GroupBuyGroupStatus = 'pending' | 'open' | 'completed' | 'failed' | 'cancelled';

export const GROUP_BUY_GROUP_STATES = defineStateMachine<GroupBuyGroupStatus>(
  'group_buy_group',
  { pending: ['open', 'cancelled'], open: ['completed', 'failed'], completed: [], failed: [], cancelled: [] },
  { pending: '待开团', open: '拼团中', completed: '已成团', failed: '拼团失败', cancelled: '已取消' },
);

/**
 * A member's slot in a group. A slot is taken at checkout (held) and is final when the order is
 * paid; an order that ends unpaid gives it back. A paid member of a failed group is refunded once:
 * the refund job claims the slot (paid → refunding) in the transaction that applies the refund, and
 * marks it refunded when WeChat confirmed the cash (at once when there was none).
 *
 * held → paid | released
 * paid → refunding → refunded
 */
export type GroupBuyMemberStatus = 'held' | 'paid' | 'released' | 'refunding' | 'refunded';

export const GROUP_BUY_MEMBER_STATES = defineStateMachine<GroupBuyMemberStatus>(
  'group_buy_member',
  { held: ['paid', 'released'], paid: ['refunding'], released: [], refunding: ['refunded'], refunded: [] },
  { held: '待支付', paid: '已支付', released: '已释放', refunding: '退款中', refunded: '已退款' },
);
