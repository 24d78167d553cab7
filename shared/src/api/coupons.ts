import type { Fen } from '../money/fen';
import type { CouponTerms } from '../pricing/pricing';
import type { CouponStatus } from '../state/coupon';

/** GET /api/coupons/centre rows: templates the member can claim. */
export interface CouponCentreItem {
  templateId: number;
  name: string;
  /** e.g. 满¥100减¥20 */
  text: string;
  /** Left of the total; null when unlimited. */
  remaining: number | null;
  claimedPercent: number;
  canClaim: boolean;
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
