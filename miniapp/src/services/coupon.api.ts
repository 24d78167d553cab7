import type { ClaimCouponResult, CouponCentreItem, CouponStoreCode, MyCouponView } from '@mall/shared';
import { request } from './request';

export const fetchCouponCentre = () => request<{ items: CouponCentreItem[] }>({ url: '/api/coupons/centre' });
export const claimCoupon = (templateId: number, idempotencyKey: string) =>
  request<ClaimCouponResult>({ url: '/api/coupons/claim', method: 'POST', body: { templateId }, idempotencyKey });
export const fetchMyCoupons = () => request<{ items: MyCouponView[] }>({ url: '/api/coupons/mine' });
export const couponStoreCode = (couponId: number) => request<CouponStoreCode>({ url: `/api/coupons/${couponId}/store-code`, method: 'POST' });
