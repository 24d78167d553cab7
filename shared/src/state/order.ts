import { defineStateMachine, stateLabel } from './transitions';

/**
 * A mall order. Partial refunds keep the status (lines carry refunded quantities); the last refund
 * of a fully refunded order moves it to `refunded`.
 *
 * pending_payment → paid | cancelled          paid when every source is settled; cancelled releases the holds
 * paid → shipped | ready_for_pickup | completed | refunded   (a pickup order can be handed over straight from paid)
 * shipped | ready_for_pickup → completed | refunded
 * completed → refunded                         (after-sale on a completed order)
 */
export type OrderStatus = 'pending_payment' | 'paid' | 'shipped' | 'ready_for_pickup' | 'completed' | 'cancelled' | 'refunded';
export type Fulfilment = 'delivery' | 'pickup';

export const ORDER_STATES = defineStateMachine<OrderStatus>(
  'order',
  {
    pending_payment: ['paid', 'cancelled'],
    paid: ['shipped', 'ready_for_pickup', 'completed', 'refunded'],
    shipped: ['completed', 'refunded'],
    ready_for_pickup: ['completed', 'refunded'],
    completed: ['refunded'],
    cancelled: [],
    refunded: [],
  },
  {
    pending_payment: '待支付',
    paid: '待发货',
    shipped: '待收货',
    ready_for_pickup: '待自提',
    completed: '已完成',
    cancelled: '已取消',
    refunded: '已退款',
  },
);

/** The label for an order as the member, staff and ops see it: a paid pickup order is already 待自提. */
export function orderStatusLabel(status: OrderStatus | string, fulfilment: Fulfilment | string): string {
  if (status === 'paid' && fulfilment === 'pickup') return ORDER_STATES.labels.ready_for_pickup;
  return stateLabel(ORDER_STATES, status);
}

/** States in which the member may ask for a refund of what is left. */
export const ORDER_REFUNDABLE_STATES: readonly OrderStatus[] = ['paid', 'shipped', 'ready_for_pickup', 'completed'];

/**
 * An after-sale (refund) request on some lines of an order.
 * pending → refunding (approved: balance, points and coupons returned; cash asked of WeChat) | rejected
 * refunding → completed (WeChat confirmed the cash, or there was none) | failed (WeChat refused)
 */
export type AfterSaleStatus = 'pending' | 'refunding' | 'rejected' | 'completed' | 'failed';

export const AFTER_SALE_STATES = defineStateMachine<AfterSaleStatus>(
  'after_sale',
  { pending: ['refunding', 'rejected'], refunding: ['completed', 'failed'], rejected: [], completed: [], failed: [] },
  { pending: '待审核', refunding: '退款中', rejected: '已拒绝', completed: '已退款', failed: '退款失败' },
);

/** The fulfilment a member chooses at checkout, in words. */
export const FULFILMENT_LABELS: Record<Fulfilment, string> = { delivery: '快递配送', pickup: '门店自提' };
