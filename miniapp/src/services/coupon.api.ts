import type { ClaimCouponResult, CouponCentreItem, CouponCounts, CouponStoreCode, CursorPage, MyCouponView, ReceivedCouponView } from '@mall/shared';
import { request } from './request';

export const fetchCouponCentre = () => request<{ items: CouponCentreItem[] }>({ url: '/api/coupons/centre' });
export const claimCoupon = (templateId: number, idempotencyKey: string) =>
  request<ClaimCouponResult>({ url: '/api/coupons/claim', method: 'POST', body: { templateId }, idempotencyKey });
export const fetchCouponCounts = () => request<CouponCounts>({ url: '/api/coupons/counts' });
export const fetchMyCoupons = (cursor?: string | null) =>
  request<CursorPage<MyCouponView>>({ url: `/api/coupons/mine?limit=20${cursor ? `&cursor=${cursor}` : ''}` });
export const couponStoreCode = (couponId: number) => request<CouponStoreCode>({ url: `/api/coupons/${couponId}/store-code`, method: 'POST' });
/** Silent: the 收到优惠券 notice is a nicety, the home page works without it. */
export const fetchReceivedCoupons = () => request<{ items: ReceivedCouponView[] }>({ url: '/api/coupons/received', silent: true });
