import type { WechatPayParams } from '@mall/shared';
import { request } from './request';

export interface MembershipSummary {
  status: 'none' | 'active' | 'grace' | 'expired';
  expiresAt: string | null;
  currentPlan: { id: number; name: string } | null;
  period: { startsAt: string; endsAt: string; costFen: number; savedFen: number } | null;
  plans: { id: number; name: string; periodUnit: string; priceFen: number; listPriceFen: number; strikePriceFen: number | null; firstPurchase: boolean; tagline: string; refundDays: number }[];
  purchases: { id: number; planName: string; priceFen: number; paidBy: string; status: string; paidAt: string | null }[];
}

export const fetchMembership = () => request<MembershipSummary>({ url: '/api/membership' });
export const buyMembership = (planId: number, payWith: 'wechat' | 'balance', idempotencyKey: string) =>
  request<{ purchaseId: number; status: string; priceFen: number; outTradeNo: string | null; payParams: WechatPayParams | null }>({ url: '/api/membership/purchases', method: 'POST', data: { planId, payWith }, idempotencyKey });
