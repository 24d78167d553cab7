import type { PricingInput, PricingResult, WechatPayParams } from '@mall/shared';
import { request } from './request';

export interface ProductDetail {
  id: number;
  name: string;
  subtitle: string;
  imageUrl: string;
  priceFen: number;
  memberPriceFen: number | null;
  stock: number;
  minTierLevel: number;
  detail: string | null;
  skus: { id: number; specs: string; priceFen: number; memberPriceFen: number | null; svipPriceFen: number | null; stock: number }[];
}

export interface CheckoutLine {
  skuId: number;
  quantity: number;
}

export interface CheckoutContext {
  input: PricingInput;
  products: { skuId: number; productId: number; name: string; specs: string; imageUrl: string }[];
  coupons: { id: number; name: string; text: string; validUntil: string; terms: PricingInput['coupons'][number] }[];
}

export interface OrderView {
  id: number;
  orderNo: string;
  status: string;
  statusText: string;
  fulfilment: 'delivery' | 'pickup';
  address: { name: string; phone: string; region: string; detail: string } | null;
  pickupCode: string | null;
  amounts: { listTotalFen: number; memberDiscountFen: number; couponDiscountFen: number; pointsUsed: number; pointsDeductionFen: number; shippingFen: number; balanceFen: number; cashFen: number; payableFen: number };
  pointsEarned: number;
  savings: { source: { name: string }; fen: number }[];
  outTradeNo: string | null;
  createdAt: string;
  cancelReason: string;
  lines: { id: number; productName: string; specs: string; imageUrl: string; quantity: number; unitPriceFen: number; payFen: number; refundedQuantity: number }[];
}

export interface AddressView {
  id: number;
  name: string;
  phone: string;
  region: string;
  detail: string;
  isDefault: boolean;
}

export const fetchCategories = () => request<{ items: { id: number; name: string; icon: string }[] }>({ url: '/api/catalog/categories', auth: false });
export const fetchProductsIn = (categoryId?: number) => request<{ items: import('@mall/shared').ProductSummary[] }>({ url: `/api/catalog/products${categoryId ? `?categoryId=${categoryId}` : ''}`, auth: false });
export const fetchProduct = (id: number) => request<ProductDetail>({ url: `/api/catalog/products/${id}`, auth: false });
export const fetchCheckoutContext = (lines: CheckoutLine[], fulfilment: 'delivery' | 'pickup') =>
  request<CheckoutContext>({ url: '/api/orders/checkout-context', method: 'POST', data: { lines, fulfilment } });
export const previewOrder = (body: object) => request<PricingResult>({ url: '/api/orders/preview', method: 'POST', data: body, silent: true });
export const createOrder = (body: object, idempotencyKey: string) =>
  request<{ orderId: number; orderNo: string; status: string; cashFen: number; outTradeNo: string | null; payParams: WechatPayParams | null }>({ url: '/api/orders', method: 'POST', data: body, idempotencyKey });
export const fetchOrders = (status?: string) => request<{ items: OrderView[] }>({ url: `/api/orders${status ? `?status=${status}` : ''}` });
export const fetchOrder = (id: number) => request<OrderView>({ url: `/api/orders/${id}` });
export const cancelOrder = (id: number) => request<OrderView>({ url: `/api/orders/${id}/cancel`, method: 'POST' });
export const confirmReceipt = (id: number) => request<OrderView>({ url: `/api/orders/${id}/confirm-receipt`, method: 'POST' });
export const requestRefund = (id: number, lines: { lineId: number; quantity: number }[], reason: string, idempotencyKey: string) =>
  request<{ id: number; status: string }>({ url: `/api/orders/${id}/after-sales`, method: 'POST', data: { lines, reason }, idempotencyKey });
export const fetchAddresses = () => request<{ items: AddressView[] }>({ url: '/api/addresses' });
export const addAddress = (body: Omit<AddressView, 'id'>) => request<AddressView>({ url: '/api/addresses', method: 'POST', data: body });
export const fetchCouponCentre = () =>
  request<{ items: { templateId: number; name: string; text: string; remaining: number | null; claimedPercent: number; canClaim: boolean; validDays: number | null }[] }>({ url: '/api/coupons/centre' });
export const claimCoupon = (templateId: number, idempotencyKey: string) => request<{ id: number }>({ url: '/api/coupons/claim', method: 'POST', data: { templateId }, idempotencyKey });
export const fetchMyCoupons = () => request<{ items: { id: number; name: string; text: string; status: string; validUntil: string }[] }>({ url: '/api/coupons/mine' });
export const couponStoreCode = (couponId: number) => request<{ token: string; expiresAt: string }>({ url: `/api/coupons/${couponId}/store-code`, method: 'POST' });
