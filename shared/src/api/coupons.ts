import type { Fen } from '../money/fen';
import type { CouponTerms } from '../pricing/pricing';
import type { CouponClaimState } from '../coupon/coupon-centre';
import type { CouponStatus } from '../state/coupon';

/** GET /api/coupons/centre rows: templates the member can claim. */
export interface CouponCentreItem {
  templateId: number;
  name: string;
  /** e.g. 满¥100减¥20 */
  text: string;
  /** Left of the total; null when unlimited. */
  remaining: number | null;
  /** 已抢 share, rounded up (see claimedPercent). */
  claimedPercent: number;
  canClaim: boolean;
  /** claimable → the button says 领取; claimed: 已领取 (limit reached); sold_out: 已抢光. */
  claimState: CouponClaimState;
  /** How many of this coupon the member holds or held. */
  claimedByMe: number;
  validUntil: string | null;
  validDays: number | null;
}

/** GET /api/coupons/mine rows */
export interface MyCouponView {
  id: number;
  templateId: number;
  name: string;
  text: string;
  status: CouponStatus;
  statusText: string;
  validFrom: string;
  validUntil: string;
  terms: CouponTerms;
}

/** GET /api/coupons/counts — 我的 shows how many coupons the member can use now. */
export interface CouponCounts {
  available: number;
  total: number;
}

export interface ClaimCouponResult {
  id: number;
  validUntil: string;
}

/** A coupon's single-use 60-second code for in-store write-off. */
export interface CouponStoreCode {
  token: string;
  expiresAt: string;
}

export type CouponKind = 'fixed' | 'percent';

/** GET /api/admin/coupon-templates rows */
export interface CouponTemplateView {
  id: number;
  name: string;
  text: string;
  kind: CouponKind;
  amountFen: Fen;
  percentBps: number;
  capFen: Fen;
  thresholdFen: Fen;
  productIds: number[];
  categoryIds: number[];
  stackable: boolean;
  totalQuantity: number | null;
  issuedCount: number;
  perMemberLimit: number | null;
  validDays: number | null;
  validFrom: string | null;
  validUntil: string | null;
  enabled: boolean;
  claimable: boolean;
}
