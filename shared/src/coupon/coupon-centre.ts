/** Where a template stands for one member in the coupon centre. */
export type CouponClaimState = 'claimable' | 'claimed' | 'sold_out';

export const COUPON_CLAIM_LABELS: Record<CouponClaimState, string> = { claimable: '领取', claimed: '已领取', sold_out: '已抢光' };

export interface CouponCentreFacts {
  /** Issued so far, and the total (null: unlimited). */
  issued: number;
  total: number | null;
  /** How many one member may hold (null: no limit), and how many this member has claimed. */
  perMemberLimit: number | null;
  mine: number;
}

/**
 * The 已抢 share shown on a limited coupon: rounded up, so one claim out of a thousand reads 1%
 * rather than 0%, and never 100% while one is left.
 */
export function claimedPercent(issued: number, total: number | null): number {
  if (!total || total <= 0 || issued <= 0) return 0;
  if (issued >= total) return 100;
  return Math.min(99, Math.ceil((issued * 100) / total));
}

/** Sold out beats claimed: a member who reached their limit on a sold-out coupon sees 已抢光 either way. */
export function couponClaimState(f: CouponCentreFacts): CouponClaimState {
  if (f.total !== null && f.issued >= f.total) return 'sold_out';
  if (f.perMemberLimit !== null && f.mine >= f.perMemberLimit) return 'claimed';
  return 'claimable';
}
