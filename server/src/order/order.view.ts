import { AFTER_SALE_STATES, orderStatusLabel, type AdminOrderView, type AfterSaleView, type OrderView, type ShippingAddress } from '@mall/shared';
import type { AfterSale, OrderLine, ShopOrder } from './order.entity';

/** The pickup store as the order shows it. */
export interface OrderStoreRef {
  id: number;
  name: string;
  address: string;
}

export function toOrderView(o: ShopOrder, lines: OrderLine[], store: OrderStoreRef | null = null): OrderView {
  return {
    id: o.id,
    orderNo: o.orderNo,
    status: o.status,
    statusText: orderStatusLabel(o.status, o.fulfilment),
    fulfilment: o.fulfilment,
    address: o.address ? (JSON.parse(o.address) as ShippingAddress) : null,
    storeId: o.storeId,
    store: store && o.storeId === store.id ? { id: store.id, name: store.name, address: store.address } : null,
    pickupCode: o.status === 'paid' || o.status === 'ready_for_pickup' ? o.pickupCode : null,
    amounts: {
      listTotalFen: o.listTotalFen,
      memberDiscountFen: o.memberDiscountFen,
      couponDiscountFen: o.couponDiscountFen,
      pointsUsed: o.pointsUsed,
      pointsDeductionFen: o.pointsDeductionFen,
      shippingFen: o.shippingFen,
      balanceFen: o.balanceFen,
      cashFen: o.cashFen,
      payableFen: o.payableFen,
    },
    pointsEarned: o.pointsEarned,
    savings: o.savings ? JSON.parse(o.savings) : [],
    outTradeNo: o.outTradeNo,
    createdAt: o.createdAt.toISOString(),
    paidAt: o.paidAt?.toISOString() ?? null,
    cancelReason: o.cancelReason,
    lines: lines.map((l) => ({
      id: l.id,
      skuId: l.skuId,
      productId: l.productId,
      productName: l.productName,
      specs: l.specs,
      imageUrl: l.imageUrl,
      quantity: l.quantity,
      unitPriceFen: l.unitPriceFen,
      payFen: l.balanceFen + l.cashFen,
      refundedQuantity: l.refundedQuantity,
    })),
  } satisfies OrderView;
}

export function toAdminOrderView(o: ShopOrder, lines: OrderLine[], store: OrderStoreRef | null = null): AdminOrderView {
  return { ...toOrderView(o, lines, store), memberId: o.memberId } satisfies AdminOrderView;
}

export function toAfterSaleView(a: AfterSale): AfterSaleView {
  return {
    id: a.id,
    orderId: a.orderId,
    memberId: a.memberId,
    lines: JSON.parse(a.lines),
    reason: a.reason,
    status: a.status,
    statusText: AFTER_SALE_STATES.labels[a.status],
    cashFen: a.cashFen,
    balanceFen: a.balanceFen,
    pointsReturned: a.pointsReturned,
    reviewNote: a.reviewNote,
    createdAt: a.createdAt.toISOString(),
  } satisfies AfterSaleView;
}
