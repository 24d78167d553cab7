import fc from 'fast-check';
import { resolveBenefits } from '../benefits/resolve-benefits';
import { bestCoupon } from './best-coupon';
import { priceOrder, type CouponTerms, type PricingInput } from './pricing';

const rule = { pointsPerYuan: 100, maxShareBps: 5000 };
const coupon = (over: Partial<CouponTerms> = {}): CouponTerms => ({
  couponId: 1,
  name: '券',
  kind: 'fixed',
  amountFen: 2000,
  percentBps: 0,
  capFen: 0,
  thresholdFen: 0,
  productIds: [],
  categoryIds: [],
  stackable: false,
  ...over,
});
const order = (over: Partial<Omit<PricingInput, 'coupons'>> = {}): Omit<PricingInput, 'coupons'> => ({
  lines: [
    { skuId: 1, productId: 1, categoryId: 7, quantity: 2, listPriceFen: 6900, memberPriceFen: null },
    { skuId: 2, productId: 2, categoryId: 8, quantity: 1, listPriceFen: 12800, memberPriceFen: null },
  ],
  benefits: resolveBenefits([]),
  points: { use: 0, balance: 0, rule },
  balance: { useFen: 0, availableFen: 0 },
  shipping: { method: 'delivery', feeFen: 1000 },
  earn: { pointsPerYuan: 1, growthPerYuan: 1 },
  ...over,
});

describe('bestCoupon', () => {
  it('picks the coupon that saves most: ¥30 off 满200 beats 9折 capped at ¥20 and ¥10 off', () => {
    const best = bestCoupon(order(), [
      coupon({ couponId: 1, amountFen: 1000 }),
      coupon({ couponId: 2, kind: 'percent', percentBps: 9000, capFen: 2000, amountFen: 0 }),
      coupon({ couponId: 3, amountFen: 3000, thresholdFen: 20000 }),
    ]);
    expect(best).toEqual({ coupon: expect.objectContaining({ couponId: 3 }), payableFen: 26600 + 1000 - 3000, savedFen: 3000 });
  });

  it('skips coupons whose threshold or products the order does not reach', () => {
    const best = bestCoupon(order(), [
      coupon({ couponId: 1, amountFen: 9000, thresholdFen: 99_900 }),
      coupon({ couponId: 2, amountFen: 5000, productIds: [99] }),
      coupon({ couponId: 3, amountFen: 500, categoryIds: [8] }),
    ]);
    expect(best?.coupon.couponId).toBe(3);
  });

  it('none when nothing applies, or when there are no coupons', () => {
    expect(bestCoupon(order(), [coupon({ thresholdFen: 99_900 })])).toBeNull();
    expect(bestCoupon(order(), [])).toBeNull();
  });

  it('a coupon that costs the free shipping more than it saves is not picked', () => {
    const benefits = resolveBenefits([{ benefitId: 1, source: { type: 'tier', id: 1, name: '金卡' }, spec: { type: 'free_shipping', minOrderFen: 26600 } }]);
    expect(bestCoupon(order({ benefits }), [coupon({ amountFen: 100 })])).toBeNull();
    expect(bestCoupon(order({ benefits }), [coupon({ amountFen: 100 }), coupon({ couponId: 2, amountFen: 1500 })])?.coupon.couponId).toBe(2);
  });

  it('ties keep the earlier coupon', () => {
    expect(bestCoupon(order(), [coupon({ couponId: 5 }), coupon({ couponId: 4 })])?.coupon.couponId).toBe(5);
  });

  it('points and stored value chosen by the member do not change the pick', () => {
    const candidates = [coupon({ couponId: 1, amountFen: 1000 }), coupon({ couponId: 2, amountFen: 2500, thresholdFen: 20000 })];
    const plain = bestCoupon(order(), candidates);
    const paying = bestCoupon(order({ points: { use: 5000, balance: 5000, rule }, balance: { useFen: 9000, availableFen: 9000 } }), candidates);
    expect(paying).toEqual(plain);
  });

  const couponArb = fc.record({
    couponId: fc.integer({ min: 1, max: 1000 }),
    name: fc.constant('券'),
    kind: fc.constantFrom<'fixed' | 'percent'>('fixed', 'percent'),
    amountFen: fc.integer({ min: 1, max: 30_000 }),
    percentBps: fc.integer({ min: 1000, max: 9900 }),
    capFen: fc.nat(20_000),
    thresholdFen: fc.nat(60_000),
    productIds: fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 2 }),
    categoryIds: fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 2 }),
    stackable: fc.boolean(),
  });
  const orderArb = fc.record({
    lines: fc.array(
      fc.record({
        skuId: fc.nat(1000),
        productId: fc.integer({ min: 1, max: 4 }),
        categoryId: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
        quantity: fc.integer({ min: 1, max: 4 }),
        listPriceFen: fc.integer({ min: 1, max: 50_000 }),
        memberPriceFen: fc.constant(null),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    freeShippingFrom: fc.option(fc.nat(80_000), { nil: null }),
    method: fc.constantFrom<'delivery' | 'pickup'>('delivery', 'pickup'),
    feeFen: fc.nat(2000),
  });

  it('for any order and coupons: the pick is usable and no usable coupon leaves a lower payable; none only when no coupon lowers it', () => {
    fc.assert(
      fc.property(orderArb, fc.array(couponArb, { maxLength: 5 }), (x, candidates) => {
        const input = order({
          lines: x.lines,
          benefits: resolveBenefits(
            x.freeShippingFrom === null
              ? []
              : [{ benefitId: 1, source: { type: 'tier', id: 1, name: '金卡' }, spec: { type: 'free_shipping', minOrderFen: x.freeShippingFrom } }],
          ),
          shipping: { method: x.method, feeFen: x.feeFen },
        });
        const payable = (coupons: CouponTerms[]) => priceOrder({ ...input, coupons });
        const without = payable([]).breakdown.payableFen;
        const usable = candidates.filter((c) => {
          const r = payable([c]);
          return r.problems.length === 0 && r.breakdown.payableFen < without;
        });
        const best = bestCoupon(input, candidates);
        if (usable.length === 0) {
          expect(best).toBeNull();
          return;
        }
        expect(best).not.toBeNull();
        expect(candidates).toContain(best!.coupon);
        const withBest = payable([best!.coupon]);
        expect(withBest.problems).toEqual([]);
        expect(withBest.breakdown.payableFen).toBe(best!.payableFen);
        expect(best!.savedFen).toBe(without - best!.payableFen);
        for (const c of usable) expect(best!.payableFen).toBeLessThanOrEqual(payable([c]).breakdown.payableFen);
      }),
      { numRuns: 400 },
    );
  });
});
