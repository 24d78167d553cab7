import { priceOrder, type CouponTerms, type PricingInput } from './pricing';

export interface BestCoupon {
  coupon: CouponTerms;
  /** What the order costs with it (before points and stored value, which only split the payable). */
  payableFen: number;
  /** How much less than without any coupon. */
  savedFen: number;
}

/**
 * The coupon checkout selects by default: the one that leaves the lowest payable under the same
 * pricing rule the server applies (priceOrder), among those that apply and actually lower it (a
 * coupon that takes the goods below the free-shipping threshold may cost more than it saves).
 * Points and stored value are left out: they only split the payable. Ties keep the earlier coupon
 * in `candidates` (checkout lists the soonest to expire first). Null when no coupon helps.
 */
export function bestCoupon(input: Omit<PricingInput, 'coupons'>, candidates: CouponTerms[]): BestCoupon | null {
  const base = { ...input, points: { ...input.points, use: 0 }, balance: { ...input.balance, useFen: 0 } };
  const without = priceOrder({ ...base, coupons: [] }).breakdown.payableFen;
  let best: BestCoupon | null = null;
  for (const coupon of candidates) {
    const priced = priceOrder({ ...base, coupons: [coupon] });
    if (priced.couponsApplied.length === 0) continue; // not applicable to these lines
    const payableFen = priced.breakdown.payableFen;
    if (payableFen >= without) continue;
    if (!best || payableFen < best.payableFen) best = { coupon, payableFen, savedFen: without - payableFen };
  }
  return best;
}
