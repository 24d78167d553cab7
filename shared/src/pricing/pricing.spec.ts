import fc from 'fast-check';
import { resolveBenefits } from '../benefits/resolve-benefits';
import type { BenefitSource } from '../benefits/benefit-types';
import { priceOrder, refundLine, type CouponTerms, type PricingInput } from './pricing';

const tier: BenefitSource = { type: 'tier', id: 2, name: '金卡会员' };
const svip: BenefitSource = { type: 'plan', id: 1, name: 'SVIP' };
const rule = { pointsPerYuan: 100, maxShareBps: 5000 };
const coupon = (over: Partial<CouponTerms> = {}): CouponTerms => ({
  couponId: 1,
  name: '满100减20',
  kind: 'fixed',
  amountFen: 2000,
  percentBps: 0,
  capFen: 0,
  thresholdFen: 10000,
  productIds: [],
  categoryIds: [],
  stackable: false,
  ...over,
});
const base = (over: Partial<PricingInput> = {}): PricingInput => ({
  lines: [
    { skuId: 1, productId: 1, categoryId: 7, quantity: 2, listPriceFen: 6900, memberPriceFen: 5900 },
    { skuId: 2, productId: 2, categoryId: 8, quantity: 1, listPriceFen: 12800, memberPriceFen: null },
  ],
  benefits: resolveBenefits([]),
  coupons: [],
  points: { use: 0, balance: 0, rule },
  balance: { useFen: 0, availableFen: 0 },
  shipping: { method: 'delivery', feeFen: 1000 },
  earn: { pointsPerYuan: 1, growthPerYuan: 1 },
  ...over,
});

describe('priceOrder', () => {
  it('a non-member pays list price plus shipping in cash', () => {
    const r = priceOrder(base());
    expect(r.breakdown).toMatchObject({ listTotalFen: 26600, memberDiscountFen: 0, shippingFen: 1000, cashFen: 27600, payableFen: 27600 });
    expect(r.pointsEarned).toBe(266);
  });

  it('member price + 9.5折 tier discount: the better one per line, attributed to its source', () => {
    const benefits = resolveBenefits([
      { benefitId: 1, source: svip, spec: { type: 'member_price' } },
      { benefitId: 2, source: tier, spec: { type: 'member_discount', priceBps: 9500 } },
      { benefitId: 3, source: svip, spec: { type: 'free_shipping', minOrderFen: 9900 } },
    ]);
    const r = priceOrder(base({ benefits }));
    expect(r.lines[0]).toMatchObject({ memberDiscountFen: 2000, memberSource: svip });
    expect(r.lines[1]).toMatchObject({ memberDiscountFen: 640, memberSource: tier });
    expect(r.breakdown.shippingFen).toBe(0);
    expect(r.savingsBySource).toEqual(
      expect.arrayContaining([
        { source: svip, fen: 3000 },
        { source: tier, fen: 640 },
      ]),
    );
  });

  it('a deal price (flash sale, group buy) takes no member price or member discount on top', () => {
    const benefits = resolveBenefits([
      { benefitId: 1, source: svip, spec: { type: 'member_price' } },
      { benefitId: 2, source: svip, spec: { type: 'member_discount', priceBps: 8800 } },
    ]);
    const r = priceOrder(base({ benefits, lines: base().lines.map((l) => ({ ...l, dealPrice: true })) }));
    expect(r.lines.map((l) => l.memberDiscountFen)).toEqual([0, 0]);
    expect(r.breakdown.memberDiscountFen).toBe(0);
    expect(r.savingsBySource).toEqual([]);
  });

  it('coupon, points and balance stack in order and split exactly across lines', () => {
    const r = priceOrder(
      base({
        coupons: [coupon()],
        points: { use: 1500, balance: 5000, rule },
        balance: { useFen: 10000, availableFen: 50000 },
      }),
    );
    expect(r.breakdown).toMatchObject({ couponDiscountFen: 2000, pointsUsed: 1500, pointsDeductionFen: 1500, balanceFen: 10000 });
    expect(r.breakdown.cashFen).toBe(26600 - 2000 - 1500 + 1000 - 10000);
    expect(r.lines.reduce((s, l) => s + l.couponFen, 0)).toBe(2000);
  });

  it('reports an inapplicable or non-stackable coupon and points over the limit', () => {
    expect(priceOrder(base({ coupons: [coupon({ thresholdFen: 999999 })] })).problems[0].code).toBe('COUPON_NOT_APPLICABLE');
    expect(priceOrder(base({ coupons: [coupon(), coupon({ couponId: 2 })] })).problems[0].code).toBe('COUPONS_NOT_STACKABLE');
    const over = priceOrder(base({ points: { use: 999999, balance: 999999, rule } }));
    expect(over.problems[0].code).toBe('POINTS_OVER_LIMIT');
    expect(over.breakdown.pointsDeductionFen).toBe(13300);
  });

  const lineArb = fc.record({
    skuId: fc.nat(1000),
    productId: fc.integer({ min: 1, max: 5 }),
    categoryId: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
    quantity: fc.integer({ min: 1, max: 5 }),
    listPriceFen: fc.integer({ min: 1, max: 100_000 }),
    memberPriceFen: fc.option(fc.integer({ min: 1, max: 100_000 }), { nil: null }),
  });
  const couponArb = fc.record({
    couponId: fc.nat(100),
    name: fc.constant('券'),
    kind: fc.constantFrom<'fixed' | 'percent'>('fixed', 'percent'),
    amountFen: fc.integer({ min: 1, max: 50_000 }),
    percentBps: fc.integer({ min: 1000, max: 9900 }),
    capFen: fc.nat(20_000),
    thresholdFen: fc.nat(50_000),
    productIds: fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 2 }),
    categoryIds: fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 2 }),
    stackable: fc.boolean(),
  });
  const inputArb = fc.record({
    lines: fc.array(lineArb, { minLength: 1, maxLength: 6 }),
    coupons: fc.array(couponArb, { maxLength: 3 }),
    memberPrice: fc.boolean(),
    discountBps: fc.option(fc.integer({ min: 5000, max: 9999 }), { nil: null }),
    freeShipping: fc.option(fc.nat(50_000), { nil: null }),
    pointsUse: fc.nat(200_000),
    pointsBalance: fc.nat(200_000),
    balanceUse: fc.nat(500_000),
    balanceAvailable: fc.nat(500_000),
    method: fc.constantFrom<'delivery' | 'pickup'>('delivery', 'pickup'),
    feeFen: fc.nat(2000),
  });

  it('for any order: amounts add up, nothing is negative, and refunding every line in steps returns exactly what each source paid', () => {
    fc.assert(
      fc.property(inputArb, fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 6 }), (x, steps) => {
        const benefits = resolveBenefits([
          ...(x.memberPrice ? [{ benefitId: 1, source: svip, spec: { type: 'member_price' as const } }] : []),
          ...(x.discountBps ? [{ benefitId: 2, source: tier, spec: { type: 'member_discount' as const, priceBps: x.discountBps } }] : []),
          ...(x.freeShipping !== null ? [{ benefitId: 3, source: svip, spec: { type: 'free_shipping' as const, minOrderFen: x.freeShipping } }] : []),
        ]);
        const r = priceOrder({
          lines: x.lines,
          benefits,
          coupons: x.coupons,
          points: { use: x.pointsUse, balance: x.pointsBalance, rule },
          balance: { useFen: x.balanceUse, availableFen: x.balanceAvailable },
          shipping: { method: x.method, feeFen: x.feeFen },
          earn: { pointsPerYuan: 1, growthPerYuan: 1 },
        });
        const b = r.breakdown;
        for (const l of r.lines) {
          for (const v of [l.memberDiscountFen, l.couponFen, l.pointsFen, l.balanceFen, l.cashFen]) expect(v).toBeGreaterThanOrEqual(0);
          expect(l.memberDiscountFen + l.couponFen + l.pointsFen + l.balanceFen + l.cashFen).toBe(l.listFen);
        }
        expect(b.listTotalFen - b.memberDiscountFen - b.couponDiscountFen - b.pointsDeductionFen + b.shippingFen).toBe(b.payableFen);
        expect(b.balanceFen + b.cashFen).toBe(b.payableFen);
        expect(r.lines.reduce((s, l) => s + l.balanceFen, 0) + b.shippingBalanceFen).toBe(b.balanceFen);
        expect(r.lines.reduce((s, l) => s + l.cashFen, 0) + b.shippingCashFen).toBe(b.cashFen);
        expect(b.balanceFen).toBeLessThanOrEqual(x.balanceAvailable);
        expect(b.pointsUsed).toBeLessThanOrEqual(x.pointsBalance);

        // Refund every line in random unit steps: each source gets back exactly what it gave.
        let stepIndex = 0;
        for (const line of r.lines) {
          const state = {
            quantity: line.quantity,
            refundedQuantity: 0,
            couponFen: line.couponFen,
            pointsFen: line.pointsFen,
            balanceFen: line.balanceFen,
            cashFen: line.cashFen,
            refunded: { pointsFen: 0, balanceFen: 0, cashFen: 0 },
          };
          while (state.refundedQuantity < state.quantity) {
            const qty = Math.min(steps[stepIndex++ % Math.max(1, steps.length)] ?? 1, state.quantity - state.refundedQuantity);
            const part = refundLine(state, qty);
            for (const v of Object.values(part)) expect(v).toBeGreaterThanOrEqual(0);
            state.refunded.pointsFen += part.pointsFen;
            state.refunded.balanceFen += part.balanceFen;
            state.refunded.cashFen += part.cashFen;
            state.refundedQuantity += qty;
          }
          expect(state.refunded).toEqual({ pointsFen: line.pointsFen, balanceFen: line.balanceFen, cashFen: line.cashFen });
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('caps, against independently computed limits', () => {
  const capArb = fc.record({
    prices: fc.array(fc.record({ unit: fc.integer({ min: 1, max: 50_000 }), quantity: fc.integer({ min: 1, max: 5 }) }), { minLength: 1, maxLength: 4 }),
    couponKind: fc.constantFrom<'fixed' | 'percent' | 'none'>('fixed', 'percent', 'none'),
    couponAmount: fc.integer({ min: 1, max: 30_000 }),
    percentBps: fc.integer({ min: 5000, max: 9900 }),
    capFen: fc.nat(10_000),
    thresholdFen: fc.nat(100_000),
    pointsPerYuan: fc.constantFrom(1, 10, 100, 200),
    maxShareBps: fc.integer({ min: 0, max: 10_000 }),
    pointsUse: fc.nat(5_000_000),
    pointsBalance: fc.nat(5_000_000),
    balanceUse: fc.nat(1_000_000),
    balanceAvailable: fc.nat(1_000_000),
    delivery: fc.boolean(),
    feeFen: fc.nat(2000),
  });

  it('a coupon applies only above its threshold and never beyond its amount, cap or the goods; points never beyond the share or the balance; balance never beyond what is available or payable', () => {
    fc.assert(
      fc.property(capArb, (x) => {
        const goods = x.prices.reduce((s, p) => s + p.unit * p.quantity, 0);
        const coupons: CouponTerms[] =
          x.couponKind === 'none'
            ? []
            : [
                coupon({
                  kind: x.couponKind,
                  amountFen: x.couponKind === 'fixed' ? x.couponAmount : 0,
                  percentBps: x.couponKind === 'percent' ? x.percentBps : 0,
                  capFen: x.capFen,
                  thresholdFen: x.thresholdFen,
                }),
              ];
        const r = priceOrder({
          lines: x.prices.map((p, i) => ({ skuId: i + 1, productId: i + 1, categoryId: 1, quantity: p.quantity, listPriceFen: p.unit, memberPriceFen: null })),
          benefits: resolveBenefits([]),
          coupons,
          points: { use: x.pointsUse, balance: x.pointsBalance, rule: { pointsPerYuan: x.pointsPerYuan, maxShareBps: x.maxShareBps } },
          balance: { useFen: x.balanceUse, availableFen: x.balanceAvailable },
          shipping: { method: x.delivery ? 'delivery' : 'pickup', feeFen: x.feeFen },
          earn: { pointsPerYuan: 1, growthPerYuan: 1 },
        });
        const b = r.breakdown;

        // Coupon: the whole order is eligible (no product or category restriction).
        const couponApplies = x.couponKind !== 'none' && goods >= x.thresholdFen;
        expect(r.problems.some((p) => p.code === 'COUPON_NOT_APPLICABLE')).toBe(x.couponKind !== 'none' && !couponApplies);
        const couponMax = !couponApplies ? 0 : x.couponKind === 'fixed' ? x.couponAmount : goods - Math.floor((goods * x.percentBps) / 10_000);
        const couponCapped = x.couponKind === 'percent' && x.capFen > 0 ? Math.min(couponMax, x.capFen) : couponMax;
        expect(b.couponDiscountFen).toBe(Math.min(couponCapped, goods));

        // Points: at most maxShare of what the goods cost after the coupon, at most the balance and what was asked.
        const afterCoupon = goods - b.couponDiscountFen;
        const shareFen = Math.floor((afterCoupon * x.maxShareBps) / 10_000);
        expect(b.pointsDeductionFen).toBeLessThanOrEqual(shareFen);
        expect(b.pointsUsed).toBeLessThanOrEqual(Math.min(x.pointsUse, x.pointsBalance));
        expect(b.pointsDeductionFen).toBe(Math.floor((b.pointsUsed * 100) / x.pointsPerYuan));
        const affordable = Math.min(x.pointsBalance, Math.floor((shareFen * x.pointsPerYuan) / 100));
        expect(r.problems.some((p) => p.code === 'POINTS_OVER_LIMIT')).toBe(x.pointsUse > b.pointsUsed);
        if (x.pointsUse <= affordable && x.pointsUse % (x.pointsPerYuan % 100 === 0 ? x.pointsPerYuan / 100 : x.pointsPerYuan) === 0)
          expect(b.pointsUsed).toBe(x.pointsUse);

        // Balance: what was asked, within what is available and what is payable.
        const payable = afterCoupon - b.pointsDeductionFen + (x.delivery ? x.feeFen : 0);
        expect(b.payableFen).toBe(payable);
        expect(b.balanceFen).toBe(Math.min(x.balanceUse, x.balanceAvailable, payable));
        expect(r.problems.some((p) => p.code === 'BALANCE_OVER_AVAILABLE')).toBe(x.balanceUse > x.balanceAvailable);
        expect(b.cashFen).toBe(payable - b.balanceFen);
      }),
      { numRuns: 500 },
    );
  });
});
