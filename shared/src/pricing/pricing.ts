import { bestDiscountFor, type EffectiveBenefits } from '../benefits/resolve-benefits';
import type { BenefitSource } from '../benefits/benefit-types';
import { allocate, type Fen } from '../money/fen';
import { maxDeductiblePoints, pointsForPaid, pointsToFen, type DeductionRule } from '../points/points-rules';
import { growthForSpend } from '../tier/tier-rules';

export interface PricingLineInput {
  skuId: number;
  productId: number;
  categoryId: number | null;
  quantity: number;
  listPriceFen: Fen;
  /** The SKU's member price, used when the member holds the member_price benefit. */
  memberPriceFen: Fen | null;
  /** The list price is a deal's price (flash sale, group buy): no member price or member discount on top of it. */
  dealPrice?: boolean;
}

export interface CouponTerms {
  couponId: number;
  name: string;
  kind: 'fixed' | 'percent';
  amountFen: Fen;
  /** For percent coupons: price kept, 8500 = 85折. */
  percentBps: number;
  capFen: Fen;
  thresholdFen: Fen;
  productIds: number[];
  categoryIds: number[];
  stackable: boolean;
}

export interface PricingInput {
  lines: PricingLineInput[];
  benefits: EffectiveBenefits;
  coupons: CouponTerms[];
  points: { use: number; balance: number; rule: DeductionRule };
  balance: { useFen: Fen; availableFen: Fen };
  shipping: { method: 'delivery' | 'pickup'; feeFen: Fen };
  earn: { pointsPerYuan: number; growthPerYuan: number };
}

/** What each line pays, by source. Summed over lines (+ shipping) these are the order's totals. */
export interface PricedLine {
  skuId: number;
  quantity: number;
  listFen: Fen;
  memberDiscountFen: Fen;
  couponFen: Fen;
  pointsFen: Fen;
  balanceFen: Fen;
  cashFen: Fen;
  /** Source of the member price or discount on this line, if any. */
  memberSource: BenefitSource | null;
}

export interface PricingBreakdown {
  listTotalFen: Fen;
  memberDiscountFen: Fen;
  couponDiscountFen: Fen;
  pointsUsed: number;
  pointsDeductionFen: Fen;
  shippingFen: Fen;
  /** Shipping paid by balance / cash (shipping is a bucket of its own so refunds stay exact). */
  shippingBalanceFen: Fen;
  shippingCashFen: Fen;
  balanceFen: Fen;
  cashFen: Fen;
  /** Everything the member pays with money: balance + cash. */
  payableFen: Fen;
}

export interface PricingResult {
  lines: PricedLine[];
  breakdown: PricingBreakdown;
  /** Savings attributable to each benefit source (the paid-membership savings tracker reads this). */
  savingsBySource: { source: BenefitSource; fen: Fen }[];
  couponsApplied: { couponId: number; fen: Fen }[];
  pointsEarned: number;
  growthEarned: number;
  problems: { code: 'COUPON_NOT_APPLICABLE' | 'COUPONS_NOT_STACKABLE' | 'POINTS_OVER_LIMIT' | 'BALANCE_OVER_AVAILABLE'; message: string; couponId?: number }[];
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

function couponCovers(coupon: CouponTerms, line: PricingLineInput): boolean {
  if (coupon.productIds.length === 0 && coupon.categoryIds.length === 0) return true;
  return coupon.productIds.includes(line.productId) || (line.categoryId !== null && coupon.categoryIds.includes(line.categoryId));
}

/**
 * The checkout price: member price or best member discount per line, then coupons, then points,
 * then shipping, then stored value; cash is what is left. Every order-level amount is allocated to
 * lines by largest remainder, so a refund of any lines returns exact amounts to every source.
 * Pure and integer-only: the mini-program previews with it, the server recomputes with it.
 */
export function priceOrder(input: PricingInput): PricingResult {
  const problems: PricingResult['problems'] = [];
  const lines: PricedLine[] = [];
  const savings = new Map<string, { source: BenefitSource; fen: Fen }>();

  // 1. Member price / member discount per line (best for the member wins, never both).
  for (const line of input.lines) {
    if (!Number.isSafeInteger(line.quantity) || line.quantity <= 0) throw new RangeError('quantity must be a positive integer');
    const listFen = line.listPriceFen * line.quantity;
    let unit = line.listPriceFen;
    let source: BenefitSource | null = null;
    if (!line.dealPrice && input.benefits.memberPrice && line.memberPriceFen !== null && line.memberPriceFen < unit) {
      unit = line.memberPriceFen;
      source = input.benefits.memberPrice.sources[0];
    }
    const rule = line.dealPrice ? null : bestDiscountFor(input.benefits, { id: line.productId, categoryId: line.categoryId });
    if (rule) {
      const discounted = Math.floor((line.listPriceFen * rule.priceBps) / 10_000);
      if (discounted < unit) {
        unit = discounted;
        source = rule.source;
      }
    }
    const memberDiscountFen = listFen - unit * line.quantity;
    if (source && memberDiscountFen > 0) {
      const key = `${source.type}:${source.id}`;
      savings.set(key, { source, fen: (savings.get(key)?.fen ?? 0) + memberDiscountFen });
    }
    lines.push({
      skuId: line.skuId,
      quantity: line.quantity,
      listFen,
      memberDiscountFen,
      couponFen: 0,
      pointsFen: 0,
      balanceFen: 0,
      cashFen: 0,
      memberSource: source,
    });
  }
  const afterMember = () => lines.map((l) => l.listFen - l.memberDiscountFen - l.couponFen);

  // 2. Coupons: at most one non-stackable; each applies to the lines it covers, above its threshold.
  const couponsApplied: PricingResult['couponsApplied'] = [];
  const exclusive = input.coupons.filter((c) => !c.stackable);
  if (exclusive.length > 1 || (exclusive.length === 1 && input.coupons.length > 1)) {
    problems.push({ code: 'COUPONS_NOT_STACKABLE', message: '所选优惠券不可叠加使用' });
  } else {
    for (const coupon of input.coupons) {
      const base = afterMember();
      const eligible = input.lines.map((line, i) => (couponCovers(coupon, line) ? base[i] : 0));
      const eligibleTotal = sum(eligible);
      if (eligibleTotal === 0 || eligibleTotal < coupon.thresholdFen) {
        problems.push({ code: 'COUPON_NOT_APPLICABLE', message: `「${coupon.name}」未满足使用条件`, couponId: coupon.couponId });
        continue;
      }
      const raw = coupon.kind === 'fixed' ? coupon.amountFen : eligibleTotal - Math.floor((eligibleTotal * coupon.percentBps) / 10_000);
      const fen = Math.min(raw, coupon.kind === 'percent' && coupon.capFen > 0 ? coupon.capFen : raw, eligibleTotal);
      allocate(fen, eligible).forEach((part, i) => (lines[i].couponFen += part));
      couponsApplied.push({ couponId: coupon.couponId, fen });
    }
  }

  // 3. Points, capped by the share rule on what is left of the goods.
  const goodsLeft = afterMember();
  const goodsLeftTotal = sum(goodsLeft);
  const maxPoints = maxDeductiblePoints(goodsLeftTotal, input.points.balance, input.points.rule);
  let pointsUsed = Math.max(0, Math.floor(input.points.use));
  if (pointsUsed > maxPoints) {
    problems.push({ code: 'POINTS_OVER_LIMIT', message: `本单最多可用 ${maxPoints} 积分` });
    pointsUsed = maxPoints;
  }
  const pointsFen = pointsToFen(pointsUsed, input.points.rule);
  if (pointsFen > 0) allocate(pointsFen, goodsLeft).forEach((part, i) => (lines[i].pointsFen = part));

  // 4. Shipping: free with a free-shipping benefit whose threshold the goods reach; none for pickup.
  const goodsPayable = lines.map((l) => l.listFen - l.memberDiscountFen - l.couponFen - l.pointsFen);
  const goodsPayableTotal = sum(goodsPayable);
  const free = input.benefits.freeShipping && goodsPayableTotal >= input.benefits.freeShipping.value.minOrderFen;
  const shippingFen = input.shipping.method === 'pickup' || free || input.lines.length === 0 ? 0 : input.shipping.feeFen;
  if (free && input.shipping.method === 'delivery' && input.shipping.feeFen > 0) {
    const source = input.benefits.freeShipping!.sources[0];
    const key = `${source.type}:${source.id}`;
    savings.set(key, { source, fen: (savings.get(key)?.fen ?? 0) + input.shipping.feeFen });
  }

  // 5. Stored value, then cash, over goods lines and the shipping bucket.
  const payableTotal = goodsPayableTotal + shippingFen;
  let balanceFen = Math.max(0, Math.floor(input.balance.useFen));
  if (balanceFen > input.balance.availableFen) {
    problems.push({ code: 'BALANCE_OVER_AVAILABLE', message: '余额不足' });
    balanceFen = input.balance.availableFen;
  }
  balanceFen = Math.min(balanceFen, payableTotal);
  const buckets = [...goodsPayable, shippingFen];
  const balanceParts = payableTotal > 0 ? allocate(balanceFen, buckets) : buckets.map(() => 0);
  lines.forEach((l, i) => {
    l.balanceFen = balanceParts[i];
    l.cashFen = goodsPayable[i] - balanceParts[i];
  });
  const shippingBalanceFen = balanceParts[buckets.length - 1];

  const paidForGoods = goodsPayableTotal; // balance + cash on goods
  const multiplier = input.benefits.pointsMultiplierPct?.value ?? 100;
  return {
    lines,
    breakdown: {
      listTotalFen: sum(lines.map((l) => l.listFen)),
      memberDiscountFen: sum(lines.map((l) => l.memberDiscountFen)),
      couponDiscountFen: sum(lines.map((l) => l.couponFen)),
      pointsUsed,
      pointsDeductionFen: pointsFen,
      shippingFen,
      shippingBalanceFen,
      shippingCashFen: shippingFen - shippingBalanceFen,
      balanceFen,
      cashFen: payableTotal - balanceFen,
      payableFen: payableTotal,
    },
    savingsBySource: [...savings.values()],
    couponsApplied,
    pointsEarned: pointsForPaid(paidForGoods, input.earn.pointsPerYuan, multiplier),
    growthEarned: growthForSpend(paidForGoods, input.earn.growthPerYuan),
    problems,
  };
}

export interface LineRefundInput {
  quantity: number;
  refundedQuantity: number;
  couponFen: Fen;
  pointsFen: Fen;
  balanceFen: Fen;
  cashFen: Fen;
  /** What earlier refunds of this line already returned, per source. */
  refunded: { pointsFen: Fen; balanceFen: Fen; cashFen: Fen };
}

/**
 * What refunding `quantity` more units of a line returns to each source: a share of the line's
 * amounts by units; the last unit returns exactly what is left, so refunding every unit in any
 * number of steps returns exactly what each source paid.
 */
export function refundLine(line: LineRefundInput, quantity: number): { pointsFen: Fen; balanceFen: Fen; cashFen: Fen } {
  const left = line.quantity - line.refundedQuantity;
  if (!Number.isSafeInteger(quantity) || quantity <= 0 || quantity > left) throw new RangeError(`can refund 1..${left} units, got ${quantity}`);
  const remaining = {
    pointsFen: line.pointsFen - line.refunded.pointsFen,
    balanceFen: line.balanceFen - line.refunded.balanceFen,
    cashFen: line.cashFen - line.refunded.cashFen,
  };
  if (quantity === left) return remaining;
  const share = (total: Fen, rem: Fen) => Math.min(rem, Math.floor((total * quantity) / line.quantity));
  return {
    pointsFen: share(line.pointsFen, remaining.pointsFen),
    balanceFen: share(line.balanceFen, remaining.balanceFen),
    cashFen: share(line.cashFen, remaining.cashFen),
  };
}
