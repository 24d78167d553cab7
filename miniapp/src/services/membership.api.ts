import type { MembershipSummary, PurchaseMembershipRequest, PurchaseMembershipResult } from '@mall/shared';
import { request } from './request';

export const fetchMembership = () => request<MembershipSummary>({ url: '/api/membership' });
export const buyMembership = (body: PurchaseMembershipRequest, idempotencyKey: string) =>
  request<PurchaseMembershipResult>({ url: '/api/membership/purchases', method: 'POST', body, idempotencyKey });
