import {
  AFTER_SALE_KIND_LABELS,
  afterSaleReasonLabel,
  afterSaleStatusLabel,
  carrierName,
  orderStatusLabel,
  type AdminOrderView,
  type AfterSaleParcel,
  type AfterSaleView,
  type OrderView,
  type ShipmentLine,
  type ShipmentView,
  type ShippingAddress,
} from '@mall/shared';
import type { AfterSale, OrderLine, Shipment, ShopOrder } from './order.entity';

/** The pickup store as the order shows it. */
export interface OrderStoreRef {
  id: number;
  name: string;
  address: string;
}

export interface OrderViewExtras {
  store?: OrderStoreRef | null;
  shipments?: Shipment[];
  /** ORDER_AUTO_CONFIRM_DAYS, to show when a shipped order confirms itself. */
  autoConfirmDays?: number;
}

export function toShipmentView(s: Shipment): ShipmentView {
  return {
    id: s.id,
    carrierCode: s.carrierCode,
    carrierName: carrierName(s.carrierCode),
    trackingNo: s.trackingNo,
    lines: JSON.parse(s.lines) as ShipmentLine[],
    shippedAt: s.shippedAt.toISOString(),
  } satisfies ShipmentView;
}

/** Some units of a delivery order left, others not yet. */
export function isPartiallyShipped(o: ShopOrder, lines: OrderLine[]): boolean {
  return o.fulfilment === 'delivery' && lines.some((l) => l.shippedQuantity > 0) && lines.some((l) => l.shippedQuantity + l.cancelledQuantity < l.quantity);
}

export function toOrderView(o: ShopOrder, lines: OrderLine[], extras: OrderViewExtras = {}): OrderView {
  const { store = null, shipments = [], autoConfirmDays } = extras;
  const partiallyShipped = o.status === 'paid' && isPartiallyShipped(o, lines);
  return {
    id: o.id,
    orderNo: o.orderNo,
    status: o.status,
    statusText: orderStatusLabel(o.status, o.fulfilment, partiallyShipped),
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
      shippedQuantity: l.shippedQuantity,
      cancelledQuantity: l.cancelledQuantity,
      afterSaleQuantity: l.afterSaleQuantity,
    })),
    partiallyShipped,
    shipments: shipments.filter((s) => s.orderId === o.id).map(toShipmentView),
    shippedAt: o.shippedAt?.toISOString() ?? null,
    completedAt: o.completedAt?.toISOString() ?? null,
    autoConfirmAt:
      o.status === 'shipped' && o.fulfilment === 'delivery' && o.shippedAt && autoConfirmDays
        ? new Date(o.shippedAt.getTime() + autoConfirmDays * 86_400_000).toISOString()
        : null,
  } satisfies OrderView;
}

export function toAdminOrderView(o: ShopOrder, lines: OrderLine[], extras: OrderViewExtras = {}): AdminOrderView {
  return { ...toOrderView(o, lines, extras), memberId: o.memberId } satisfies AdminOrderView;
}

function parcel(carrierCode: string | null, trackingNo: string | null, shippedAt: Date | null): AfterSaleParcel | null {
  if (!carrierCode || !trackingNo || !shippedAt) return null;
  return { carrierCode, carrierName: carrierName(carrierCode), trackingNo, shippedAt: shippedAt.toISOString() };
}

/** An after-sale as the member and ops see it; `lines` of its order name the goods, `photos` are its uploads' URLs. */
export function toAfterSaleView(
  a: AfterSale,
  context: { orderNo: string; lines: OrderLine[]; photos: Map<number, { id: number; url: string }> },
): AfterSaleView {
  const requested = JSON.parse(a.lines) as { lineId: number; quantity: number }[];
  const reasonLabel = a.reasonCode && a.reasonCode !== 'other' ? afterSaleReasonLabel(a.reasonCode) : '';
  return {
    id: a.id,
    orderId: a.orderId,
    orderNo: context.orderNo,
    memberId: a.memberId,
    kind: a.kind,
    kindText: AFTER_SALE_KIND_LABELS[a.kind] ?? a.kind,
    lines: requested.map((r) => {
      const line = context.lines.find((l) => l.id === r.lineId);
      return { ...r, productName: line?.productName ?? '', specs: line?.specs ?? '', imageUrl: line?.imageUrl ?? '' };
    }),
    reasonCode: a.reasonCode,
    reason: [reasonLabel, a.reason].filter(Boolean).join('：'),
    photos: (JSON.parse(a.photoIds) as number[])
      .map((id) => context.photos.get(id))
      .filter((p): p is { id: number; url: string } => Boolean(p))
      .map((p) => ({ id: p.id, url: p.url })),
    status: a.status,
    statusText: afterSaleStatusLabel(a.status, a.kind),
    cashFen: a.cashFen,
    balanceFen: a.balanceFen,
    pointsReturned: a.pointsReturned,
    reviewNote: a.reviewNote,
    reviewedAt: a.reviewedAt?.toISOString() ?? null,
    returnAddress: a.returnAddress,
    returnParcel: parcel(a.returnCarrierCode, a.returnTrackingNo, a.returnShippedAt),
    receivedAt: a.receivedAt?.toISOString() ?? null,
    replacementParcel: parcel(a.replacementCarrierCode, a.replacementTrackingNo, a.replacementShippedAt),
    createdAt: a.createdAt.toISOString(),
  } satisfies AfterSaleView;
}
