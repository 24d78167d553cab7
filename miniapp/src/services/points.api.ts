import type {
  CursorPage,
  PointsEntriesPage,
  PointsMallItemView,
  PointsSummary,
  RedeemResult,
  RedemptionView,
  SignInMonth,
  SignInResult,
  WechatPayParams,
} from '@mall/shared';
import { request } from './request';

export const fetchPoints = () => request<PointsSummary>({ url: '/api/points' });
export const fetchPointsEntries = (cursor?: string | null) =>
  request<PointsEntriesPage>({ url: `/api/points/entries?limit=20${cursor ? `&cursor=${cursor}` : ''}` });
export const signIn = (idempotencyKey: string) => request<SignInResult>({ url: '/api/points/sign-in', method: 'POST', idempotencyKey });
export const fetchSignIns = (month: string) => request<SignInMonth>({ url: `/api/points/sign-ins?month=${month}` });
export const fetchMall = (cursor?: string | null) =>
  request<CursorPage<PointsMallItemView>>({ url: `/api/points/mall?limit=20${cursor ? `&cursor=${cursor}` : ''}` });
export const redeem = (itemId: number, idempotencyKey: string) =>
  request<RedeemResult>({ url: `/api/points/mall/${itemId}/redeem`, method: 'POST', idempotencyKey });
export const payRedemption = (id: number) => request<{ payParams: WechatPayParams }>({ url: `/api/points/redemptions/${id}/pay`, method: 'POST' });
export const cancelRedemption = (id: number) => request<RedemptionView>({ url: `/api/points/redemptions/${id}/cancel`, method: 'POST' });
export const fetchRedemptions = () => request<{ items: RedemptionView[] }>({ url: '/api/points/redemptions' });
