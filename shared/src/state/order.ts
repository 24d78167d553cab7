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

/**
 * The label for an order as the member, staff and ops see it: a paid pickup order is already 待自提;
 * a delivery order that has some but not all units shipped stays `paid` (it is not yet waiting for
 * receipt, and auto-confirm counts from its last shipment) and shows 部分发货.
 */
export function orderStatusLabel(status: OrderStatus | string, fulfilment: Fulfilment | string, partiallyShipped = false): string {
  if (status === 'paid' && fulfilment === 'pickup') return ORDER_STATES.labels.ready_for_pickup;
  if (status === 'paid' && partiallyShipped) return PARTIALLY_SHIPPED_LABEL;
  return stateLabel(ORDER_STATES, status);
}

export const PARTIALLY_SHIPPED_LABEL = '部分发货';

/** States in which the member may ask for a refund of what is left. */
export const ORDER_REFUNDABLE_STATES: readonly OrderStatus[] = ['paid', 'shipped', 'ready_for_pickup', 'completed'];
/** Orders that count as bought (member facts, campaign attribution): the same set — paid, not cancelled, not refunded in full. */
export const BOUGHT_ORDER_STATUSES = ORDER_REFUNDABLE_STATES;

/**
 * An after-sale request on some units of some lines of an order, of one kind (see AfterSaleKind).
 * refund_only:   pending → refunding → completed | failed
 * return_refund: pending → awaiting_return → returning (member sent it back with a tracking number)
 *                → refunding (ops confirmed receipt; the refund runs and the units are restocked) → completed | failed
 * exchange:      pending → awaiting_return → returning → received → completed (ops shipped the replacement)
 * pending → rejected (with a reason the member sees)
 */
export type AfterSaleStatus = 'pending' | 'awaiting_return' | 'returning' | 'received' | 'refunding' | 'rejected' | 'completed' | 'failed';

export const AFTER_SALE_STATES = defineStateMachine<AfterSaleStatus>(
  'after_sale',
  {
    pending: ['refunding', 'awaiting_return', 'rejected'],
    awaiting_return: ['returning'],
    returning: ['refunding', 'received'],
    received: ['completed'],
    refunding: ['completed', 'failed'],
    rejected: [],
    completed: [],
    failed: [],
  },
  {
    pending: '待审核',
    awaiting_return: '待寄回',
    returning: '寄回中',
    received: '商家已收货',
    refunding: '退款中',
    rejected: '已拒绝',
    completed: '已退款',
    failed: '退款失败',
  },
);

/** States of a request still in progress: an order has at most one. */
export const AFTER_SALE_OPEN_STATES: readonly AfterSaleStatus[] = ['pending', 'awaiting_return', 'returning', 'received', 'refunding'];

/** The label as the member and ops see it: an exchange that completed is 已换货, not 已退款. */
export function afterSaleStatusLabel(status: AfterSaleStatus | string, kind: string): string {
  if (kind === 'exchange' && status === 'completed') return '已换货';
  return stateLabel(AFTER_SALE_STATES, status);
}

/** The fulfilment a member chooses at checkout, in words. */
export const FULFILMENT_LABELS: Record<Fulfilment, string> = { delivery: '快递配送', pickup: '门店自提' };
