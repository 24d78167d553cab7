import type { WechatPayParams } from '@mall/shared';
import { request } from './request';

export interface PointsSummary {
  balance: number;
  expiringSoon: { points: number; expiresAt: string }[];
  signedToday: boolean;
  streak: number;
  signInPoints: number;
  signInStreakBonus: number;
  /** Points for inviting a friend who then pays a first order (0: no referral programme). */
  referralPoints: number;
  /** The scene the member's share link carries. */
  referralScene: string;
  deduction: { pointsPerYuan: number; maxShareBps: number };
}

export interface PointsEntryView {
  id: number;
  kind: string;
  title: string;
  deltaPoints: number;
  balanceAfter: number;
  createdAt: string;
}

export interface MallItem {
  id: number;
  name: string;
  description: string;
  imageUrl: string;
  pricePoints: number;
  /** Cash part of a points + cash item (fen); 0 for points only. */
  cashFen: number;
  stock: number;
  perMemberLimit: number | null;
}

export interface Redemption {
  id: number;
  itemName: string;
  points: number;
  cashFen: number;
  outTradeNo: string | null;
  pickupCode: string | null;
  status: 'pending_payment' | 'issued' | 'written_off' | 'cancelled';
  createdAt: string;
}

export const fetchPoints = () => request<PointsSummary>({ url: '/api/points' });
export const fetchPointsEntries = (cursor?: string | null) => request<{ items: PointsEntryView[]; nextCursor: string | null }>({ url: `/api/points/entries?limit=20${cursor ? `&cursor=${cursor}` : ''}` });
export const signIn = (idempotencyKey: string) => request<{ points: number; streak: number; day: string }>({ url: '/api/points/sign-in', method: 'POST', idempotencyKey });
export const fetchSignIns = (month: string) => request<{ month: string; days: { day: string; points: number; streak: number }[] }>({ url: `/api/points/sign-ins?month=${month}` });
export const fetchMall = () => request<{ items: MallItem[] }>({ url: '/api/points/mall' });
export const redeem = (itemId: number, idempotencyKey: string) => request<Redemption & { payParams: WechatPayParams | null }>({ url: `/api/points/mall/${itemId}/redeem`, method: 'POST', idempotencyKey });
export const payRedemption = (id: number) => request<{ payParams: WechatPayParams }>({ url: `/api/points/redemptions/${id}/pay`, method: 'POST' });
export const cancelRedemption = (id: number) => request<Redemption>({ url: `/api/points/redemptions/${id}/cancel`, method: 'POST' });
export const fetchRedemptions = () => request<{ items: Redemption[] }>({ url: '/api/points/redemptions' });
