import type {
  MembershipPurchaseView,
  MembershipSummary,
  PurchaseMembershipRequest,
  PurchaseMembershipResult,
  RefundMembershipRequest,
  RefundQuote,
} from '@mall/shared';
import { request } from './request';

export const fetchMembership = () => request<MembershipSummary>({ url: '/api/membership' });
export const buyMembership = (body: PurchaseMembershipRequest, idempotencyKey: string) =>
  request<PurchaseMembershipResult>({ url: '/api/membership/purchases', method: 'POST', body, idempotencyKey });
/** What a refund of this purchase would return now, per its plan's policy. */
export const fetchRefundQuote = (purchaseId: number) => request<RefundQuote>({ url: `/api/membership/purchases/${purchaseId}/refund-quote` });
/** Silent: a 409 PRICE_CHANGED (the quote moved) is shown by the page with the new amount. */
export const refundPurchase = (purchaseId: number, body: RefundMembershipRequest) =>
  request<MembershipPurchaseView>({ url: `/api/membership/purchases/${purchaseId}/refund`, method: 'POST', body, silent: true });
