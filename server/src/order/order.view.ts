import type { AfterSale, OrderLine, ShopOrder } from './order.entity';

export const ORDER_STATUS_TEXT: Record<ShopOrder['status'], string> = {
  pending_payment: '待支付',
  paid: '待发货',
  shipped: '待收货',
  ready_for_pickup: '待自提',
  completed: '已完成',
  cancelled: '已取消',
  refunded: '已退款',
};

export function toOrderView(o: ShopOrder, lines: OrderLine[]) {
  return {
    id: o.id,
    orderNo: o.orderNo,
    status: o.status,
    statusText: ORDER_STATUS_TEXT[o.status],
    fulfilment: o.fulfilment,
    address: o.address ? JSON.parse(o.address) : null,
    storeId: o.storeId,
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
  };
}

export function toAfterSaleView(a: AfterSale) {
  return {
    id: a.id,
    orderId: a.orderId,
    memberId: a.memberId,
    lines: JSON.parse(a.lines),
    reason: a.reason,
    status: a.status,
    cashFen: a.cashFen,
    balanceFen: a.balanceFen,
    pointsReturned: a.pointsReturned,
    reviewNote: a.reviewNote,
    createdAt: a.createdAt.toISOString(),
  };
}
