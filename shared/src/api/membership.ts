import type { Fen } from '../money/fen';
import type { MembershipPurchaseStatus, MembershipPeriodStatus } from '../state/membership';
import type { WechatPayParams } from '../state/payment';
import type { PeriodUnit } from '../membership/membership-rules';
import type { MembershipRefundPolicy, RefundQuote } from '../membership/refund-policy';

export type MembershipStatusName = 'none' | 'active' | 'grace' | 'expired';

/** A plan as the member sees it, priced for them (first-purchase price when it applies). */
export interface MembershipPlanOffer {
  id: number;
  name: string;
  periodUnit: PeriodUnit;
  periodDays: number;
  priceFen: Fen;
  listPriceFen: Fen;
  strikePriceFen: Fen | null;
  firstPurchase: boolean;
  tagline: string;
  refundDays: number;
  refundPolicy: MembershipRefundPolicy;
  refundPolicyText: string;
}

export interface MembershipPurchaseView {
  id: number;
  planName: string;
  priceFen: Fen;
  paidBy: 'wechat' | 'balance';
  status: MembershipPurchaseStatus;
  statusText: string;
  paidAt: string | null;
  refundedFen: Fen;
  refundReason: string | null;
  refundedAt: string | null;
  /** For a paid purchase: what the member would get back now, per the plan's policy. */
  refundQuote: RefundQuote | null;
}

/** POST /api/membership/purchases/:id/refund — expectedAmountFen is the previewed amount (409 if it changed). */
export interface RefundMembershipRequest {
  expectedAmountFen: Fen;
  reason?: string;
}

/** GET /api/admin/membership/purchases rows, in a Page (query: memberId, status, page, pageSize). */
export interface AdminMembershipPurchaseView extends MembershipPurchaseView {
  memberId: number;
}

/** POST /api/admin/membership/purchases/:id/refund — finance, any policy; amount defaults to the full price. */
export interface AdminRefundMembershipRequest {
  amountFen?: Fen;
  reason: string;
}

/** GET /api/membership */
export interface MembershipSummary {
  status: MembershipStatusName;
  expiresAt: string | null;
  currentPlan: { id: number; name: string } | null;
  /** The running period: what it cost and what its benefits saved so far. */
  period: { startsAt: string; endsAt: string; costFen: Fen; savedFen: Fen } | null;
  periods: { startsAt: string; endsAt: string; planId: number; priceFen: Fen }[];
  plans: MembershipPlanOffer[];
  purchases: MembershipPurchaseView[];
}

export interface PurchaseMembershipRequest {
  planId: number;
  payWith: 'wechat' | 'balance';
  pin?: string;
}

export interface PurchaseMembershipResult {
  purchaseId: number;
  status: MembershipPurchaseStatus;
  priceFen: Fen;
  outTradeNo: string | null;
  payParams: WechatPayParams | null;
}

/** GET /api/admin/membership/plans rows */
export interface MembershipPlanView {
  id: number;
  name: string;
  periodUnit: PeriodUnit;
  periodDays: number;
  priceFen: Fen;
  strikePriceFen: Fen | null;
  firstPurchasePriceFen: Fen | null;
  refundDays: number;
  refundPolicy: MembershipRefundPolicy;
  tagline: string;
  sortOrder: number;
  enabled: boolean;
}

/** GET /api/admin/membership/members rows */
export interface PaidMemberView {
  memberId: number;
  active: boolean;
  expiresAt: string | null;
  periods: { planId: number; startsAt: string; endsAt: string; priceFen: Fen; status: MembershipPeriodStatus }[];
}

/** GET /api/admin/membership/metrics */
export interface MembershipMetrics {
  active: number;
  newMembers: number;
  renewals: number;
  churned: number;
  renewalRate: number | null;
  expiredInWindow: number;
  revenueFen: Fen;
  cohorts: { month: string; expired: number; renewed: number; rate: number | null }[];
}
