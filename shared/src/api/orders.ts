import type { Fen } from '../money/fen';
import type { CouponTerms, PricingInput } from '../pricing/pricing';
import type { AfterSaleKind } from '../fulfilment/after-sale';
import type { TrackingEvent, TrackingStage } from '../fulfilment/tracking';
import type { AfterSaleStatus, Fulfilment, OrderStatus } from '../state/order';
import type { WechatPayParams } from '../state/payment';

export interface OrderLineRequest {
  skuId: number;
  quantity: number;
}

/** POST /api/orders/checkout-context — what the mini-program needs to preview checkout itself. */
export interface CheckoutContext {
  input: PricingInput;
  products: { skuId: number; productId: number; name: string; specs: string; imageUrl: string }[];
  coupons: { id: number; name: string; text: string; validUntil: string; terms: CouponTerms }[];
  /** Open stores the member can pick up from, nearest (or bound) first. */
  pickupStores: PickupStoreOption[];
}

export interface PickupStoreOption {
  id: number;
  name: string;
  address: string;
  openingHours: string;
  /** The store the member is bound to (导购绑定), when there is one. */
  isMyStore: boolean;
}

/** POST /api/orders */
export interface CreateOrderRequest {
  lines: OrderLineRequest[];
  couponIds?: number[];
  pointsToUse?: number;
  balanceToUse?: Fen;
  fulfilment: Fulfilment;
  addressId?: number;
  storeId?: number;
  /** What the member saw; a different server price means the preview is stale (PRICE_CHANGED). */
  expectedPayableFen?: Fen;
  pin?: string;
  remark?: string;
}

export interface CreateOrderResult {
  orderId: number;
  orderNo: string;
  status: OrderStatus;
  cashFen: Fen;
  outTradeNo: string | null;
  payParams: WechatPayParams | null;
}

export interface OrderAmounts {
  listTotalFen: Fen;
  memberDiscountFen: Fen;
  couponDiscountFen: Fen;
  pointsUsed: number;
  pointsDeductionFen: Fen;
  shippingFen: Fen;
  balanceFen: Fen;
  cashFen: Fen;
  payableFen: Fen;
}

export interface OrderLineView {
  id: number;
  skuId: number;
  productId: number;
  productName: string;
  specs: string;
  imageUrl: string;
  quantity: number;
  unitPriceFen: Fen;
  /** What the member paid for this line (balance + cash). */
  payFen: Fen;
  refundedQuantity: number;
  /** Units that left in a shipment. */
  shippedQuantity: number;
  /** Units refunded before they were shipped (never to be shipped): quantity − shipped − cancelled are waiting. */
  cancelledQuantity: number;
  /** Units already in an after-sale request that was not rejected; a new request may take the rest. */
  afterSaleQuantity: number;
}

export interface ShippingAddress {
  name: string;
  phone: string;
  region: string;
  detail: string;
}

/** GET /api/orders/:id — also the rows of GET /api/orders. */
export interface OrderView {
  id: number;
  orderNo: string;
  status: OrderStatus;
  /** The one label for this status (see ORDER_STATES / orderStatusLabel). */
  statusText: string;
  fulfilment: Fulfilment;
  address: ShippingAddress | null;
  storeId: number | null;
  store: { id: number; name: string; address: string } | null;
  /** 8 digits, shown while the order can be picked up. */
  pickupCode: string | null;
  amounts: OrderAmounts;
  pointsEarned: number;
  savings: { source: { type: string; id: number | null; name: string }; fen: Fen }[];
  outTradeNo: string | null;
  createdAt: string;
  paidAt: string | null;
  cancelReason: string;
  lines: OrderLineView[];
  /** Some units shipped, some not yet (status stays paid; statusText 部分发货). */
  partiallyShipped: boolean;
  shipments: ShipmentView[];
  /** When the last shipment left (delivery) or the order was readied (pickup). */
  shippedAt: string | null;
  completedAt: string | null;
  /** A shipped delivery order is confirmed received automatically at this time. */
  autoConfirmAt: string | null;
}

export interface ShipmentLine {
  orderLineId: number;
  quantity: number;
}

export interface ShipmentView {
  id: number;
  carrierCode: string;
  carrierName: string;
  trackingNo: string;
  lines: ShipmentLine[];
  shippedAt: string;
}

/** POST /api/admin/orders/:id/shipments */
export interface CreateShipmentRequest {
  carrierCode: string;
  trackingNo: string;
  lines: ShipmentLine[];
}

/** A parcel with what the logistics provider knows of it (events newest first). */
export interface ParcelTracking {
  carrierCode: string;
  carrierName: string;
  trackingNo: string;
  shippedAt: string;
  /** null before the carrier has scanned it. */
  stage: TrackingStage | null;
  stageText: string;
  events: TrackingEvent[];
}

/** GET /api/orders/:id/logistics (and /api/admin/orders/:id/logistics) */
export interface OrderLogisticsView {
  orderId: number;
  orderNo: string;
  address: ShippingAddress | null;
  parcels: (ParcelTracking & { shipmentId: number; lines: (ShipmentLine & { productName: string; specs: string; imageUrl: string })[] })[];
}

/** GET /api/admin/orders rows */
export interface AdminOrderView extends OrderView {
  memberId: number;
}

export interface AfterSaleLineRequest {
  lineId: number;
  quantity: number;
}

/** POST /api/orders/:id/after-sales */
export interface AfterSaleRequest {
  /** refund_only when absent. */
  kind?: AfterSaleKind;
  lines: AfterSaleLineRequest[];
  /** One of AFTER_SALE_REASONS. */
  reasonCode?: string;
  /** Free text (required when reasonCode is absent or `other`). */
  reason?: string;
  /** Upload ids (purpose after_sale) of the member's own photos, at most AFTER_SALE_MAX_PHOTOS. */
  photoIds?: number[];
}

/** POST /api/after-sales/:id/return-shipment — and the replacement ops ship for an exchange. */
export interface ParcelRequest {
  carrierCode: string;
  trackingNo: string;
}

export interface AfterSaleParcel {
  carrierCode: string;
  carrierName: string;
  trackingNo: string;
  shippedAt: string;
}

export interface AfterSaleLineView extends AfterSaleLineRequest {
  productName: string;
  specs: string;
  imageUrl: string;
}

export interface AfterSaleView {
  id: number;
  orderId: number;
  orderNo: string;
  memberId: number;
  kind: AfterSaleKind;
  kindText: string;
  lines: AfterSaleLineView[];
  reasonCode: string;
  /** The reason as shown: the chosen reason's label, then the member's text. */
  reason: string;
  photos: { id: number; url: string }[];
  status: AfterSaleStatus;
  statusText: string;
  cashFen: Fen;
  balanceFen: Fen;
  pointsReturned: number;
  /** Ops' note; for a rejected request, the reason the member sees. */
  reviewNote: string;
  reviewedAt: string | null;
  /** Where the member sends the goods back (return and exchange, once approved). */
  returnAddress: string;
  returnParcel: AfterSaleParcel | null;
  receivedAt: string | null;
  replacementParcel: AfterSaleParcel | null;
  createdAt: string;
}

export interface AddressView extends ShippingAddress {
  id: number;
  isDefault: boolean;
}

export type AddressInput = Omit<AddressView, 'id'>;

/** A page of a member's list, newest first: pass `nextCursor` back as ?cursor= for the next one (null at the end). */
export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

/** GET /api/orders/counts — the shortcuts on 我的: orders waiting on the member or the shop, and after-sales in progress. */
export interface OrderCounts {
  pendingPayment: number;
  /** Paid, waiting to be shipped or prepared. */
  toShip: number;
  /** Shipped or ready for pickup. */
  toReceive: number;
  afterSales: number;
}
