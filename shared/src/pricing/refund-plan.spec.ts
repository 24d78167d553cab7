import fc from 'fast-check';
import {
  applyRefundPlan,
  normalizeRefundRequest,
  planRefund,
  RefundRequestError,
  type RefundableLine,
  type RefundableOrder,
  type RefundLineRequest,
} from './refund-plan';

const line = (
  id: number,
  quantity: number,
  amounts: Partial<Pick<RefundableLine, 'pointsFen' | 'balanceFen' | 'cashFen' | 'couponFen'>> = {},
): RefundableLine => ({
  id,
  quantity,
  refundedQuantity: 0,
  couponFen: 0,
  pointsFen: 0,
  balanceFen: 0,
  cashFen: 0,
  refunded: { pointsFen: 0, balanceFen: 0, cashFen: 0 },
  ...amounts,
});

const order = (lines: RefundableLine[], over: Partial<RefundableOrder> = {}): RefundableOrder => ({
  lines,
  pointsUsed: 0,
  pointsDeductionFen: lines.reduce((s, l) => s + l.pointsFen, 0),
  pointsEarned: 0,
  growthEarned: 0,
  shippingCashFen: 0,
  shippingBalanceFen: 0,
  pointsRestored: 0,
  pointsClawedBack: 0,
  growthReversed: 0,
  ...over,
});

describe('planRefund', () => {
  it('refunds one of two units: half of each source, earned points and growth in proportion', () => {
    const o = order([line(1, 2, { pointsFen: 1000, balanceFen: 3001, cashFen: 5001 })], {
      pointsUsed: 1000,
      pointsEarned: 80,
      growthEarned: 80,
      shippingCashFen: 600,
    });
    const plan = planRefund(o, [{ lineId: 1, quantity: 1 }]);
    expect(plan).toEqual({
      lines: [{ lineId: 1, quantity: 1, pointsFen: 500, balanceFen: 1500, cashFen: 2500 }],
      cashFen: 2500,
      balanceFen: 1500,
      pointsBack: 500,
      pointsClawback: 39,
      growthBack: 39,
      whole: false,
    });
    const rest = planRefund(applyRefundPlan(o, plan), [{ lineId: 1, quantity: 1 }]);
    expect(rest).toMatchObject({ cashFen: 2501 + 600, balanceFen: 1501, pointsBack: 500, pointsClawback: 41, growthBack: 41, whole: true });
  });

  it('adds up the same line named twice and refuses more than is left', () => {
    const o = order([line(1, 3, { cashFen: 300 }), line(2, 1, { cashFen: 100 })]);
    expect(
      normalizeRefundRequest(o, [
        { lineId: 1, quantity: 1 },
        { lineId: 1, quantity: 2 },
      ]),
    ).toEqual([{ lineId: 1, quantity: 3 }]);
    expect(() =>
      planRefund(o, [
        { lineId: 1, quantity: 2 },
        { lineId: 1, quantity: 2 },
      ]),
    ).toThrow(RefundRequestError);
    expect(() => planRefund(o, [{ lineId: 9, quantity: 1 }])).toThrow('退款商品不属于该订单');
    expect(() => planRefund(o, [{ lineId: 2, quantity: 0 }])).toThrow('退款数量不正确');
    expect(() => planRefund(o, [{ lineId: 2, quantity: 1.5 }])).toThrow(RefundRequestError);
    expect(() => planRefund(o, [])).toThrow(RefundRequestError);
  });

  it('refuses a line that earlier refunds already used up', () => {
    const o = order([line(1, 1, { cashFen: 100 })]);
    const done = applyRefundPlan(o, planRefund(o, [{ lineId: 1, quantity: 1 }]));
    expect(() => planRefund(done, [{ lineId: 1, quantity: 1 }])).toThrow('退款数量超过可退数量');
  });
});

/** An order with arbitrary (independent) amounts per line and source. */
const arbOrder = fc
  .record({
    lines: fc.array(
      fc.record({
        quantity: fc.integer({ min: 1, max: 6 }),
        pointsFen: fc.integer({ min: 0, max: 50_000 }),
        balanceFen: fc.integer({ min: 0, max: 500_000 }),
        cashFen: fc.integer({ min: 0, max: 500_000 }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    pointsPerFen: fc.integer({ min: 0, max: 3 }),
    pointsEarned: fc.integer({ min: 0, max: 10_000 }),
    growthEarned: fc.integer({ min: 0, max: 10_000 }),
    shippingCashFen: fc.integer({ min: 0, max: 2_000 }),
    shippingBalanceFen: fc.integer({ min: 0, max: 2_000 }),
  })
  .map((o) => {
    const lines = o.lines.map((l, i) => line(i + 1, l.quantity, l));
    const deduction = lines.reduce((s, l) => s + l.pointsFen, 0);
    return order(lines, {
      pointsUsed: deduction * o.pointsPerFen,
      pointsDeductionFen: deduction,
      pointsEarned: o.pointsEarned,
      growthEarned: o.growthEarned,
      shippingCashFen: o.shippingCashFen,
      shippingBalanceFen: o.shippingBalanceFen,
    });
  });

/** Every unit of every line, dealt into requests in a random order and grouping (a line may appear twice in one request). */
const withRefundSequence = arbOrder.chain((o) => {
  const units = o.lines.flatMap((l) => Array.from({ length: l.quantity }, () => l.id));
  return fc.tuple(
    fc.constant(o),
    fc.shuffledSubarray(units, { minLength: units.length, maxLength: units.length }),
    fc.array(fc.integer({ min: 1, max: 4 }), { minLength: units.length, maxLength: units.length }),
  );
});

describe('planRefund properties', () => {
  it('over any sequence of partial refunds that refunds everything, each source gets back exactly what it paid, never more on the way', () => {
    fc.assert(
      fc.property(withRefundSequence, ([o, units, sizes]) => {
        const requests: RefundLineRequest[][] = [];
        for (let i = 0, k = 0; i < units.length; i += sizes[k++]) requests.push(units.slice(i, i + sizes[k]).map((lineId) => ({ lineId, quantity: 1 })));
        let state = o;
        const got = { cash: 0, balance: 0, pointsBack: 0, claw: 0, growth: 0 };
        const paid = {
          cash: o.lines.reduce((s, l) => s + l.cashFen, 0) + o.shippingCashFen,
          balance: o.lines.reduce((s, l) => s + l.balanceFen, 0) + o.shippingBalanceFen,
        };
        requests.forEach((request, index) => {
          const plan = planRefund(state, request);
          for (const v of [plan.cashFen, plan.balanceFen, plan.pointsBack, plan.pointsClawback, plan.growthBack]) expect(v).toBeGreaterThanOrEqual(0);
          expect(plan.whole).toBe(index === requests.length - 1);
          got.cash += plan.cashFen;
          got.balance += plan.balanceFen;
          got.pointsBack += plan.pointsBack;
          got.claw += plan.pointsClawback;
          got.growth += plan.growthBack;
          expect(got.cash).toBeLessThanOrEqual(paid.cash);
          expect(got.balance).toBeLessThanOrEqual(paid.balance);
          expect(got.pointsBack).toBeLessThanOrEqual(o.pointsUsed);
          expect(got.claw).toBeLessThanOrEqual(o.pointsEarned);
          expect(got.growth).toBeLessThanOrEqual(o.growthEarned);
          state = applyRefundPlan(state, plan);
        });
        expect(got).toEqual({ cash: paid.cash, balance: paid.balance, pointsBack: o.pointsUsed, claw: o.pointsEarned, growth: o.growthEarned });
        for (const l of state.lines) expect(l.refunded).toEqual({ pointsFen: l.pointsFen, balanceFen: l.balanceFen, cashFen: l.cashFen });
      }),
      { numRuns: 400 },
    );
  });
});
