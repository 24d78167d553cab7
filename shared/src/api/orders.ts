import type { Fen } from '../money/fen';
import type { CouponTerms, PricingInput } from '../pricing/pricing';
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
}

/** GET /api/admin/orders rows */
export interface AdminOrderView extends OrderView {
  memberId: number;
}

export interface AfterSaleLineRequest {
  lineId: number;
  quantity: number;
}

export interface AfterSaleView {
  id: number;
  orderId: number;
  memberId: number;
  lines: AfterSaleLineRequest[];
  reason: string;
  status: AfterSaleStatus;
  statusText: string;
  cashFen: Fen;
  balanceFen: Fen;
  pointsReturned: number;
  reviewNote: string;
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
