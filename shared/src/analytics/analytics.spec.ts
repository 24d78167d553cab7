import fc from 'fast-check';
import { ltvMatrix } from './cohort';
import { addDays, addMonthKeys, dayRange, daysBetween, isDayKey, monthsBetween } from './days';
import { averageFen, ratio, runningBalance } from './metrics';
import { aggregateDay, planSavingsFen, type SalesOrderInput } from './sales';
import { isRenewed } from './svip';

const DAY = 86_400_000;

describe('days', () => {
  it('Beijing day ranges start at 16:00 UTC the day before and last 24 h', () => {
    const { start, end } = dayRange('2026-11-26');
    expect(start.toISOString()).toBe('2026-11-25T16:00:00.000Z');
    expect(end.getTime() - start.getTime()).toBe(DAY);
  });
  it('days and months step across year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(daysBetween('2026-02-27', '2026-03-01')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
    expect(daysBetween('2026-03-02', '2026-03-01')).toEqual([]);
    expect(addMonthKeys('2026-11', 3)).toBe('2027-02');
    expect(monthsBetween('2026-11', '2027-02')).toBe(3);
    expect(isDayKey('2026-02-30')).toBe(false);
    expect(isDayKey('2026-02-28')).toBe(true);
  });
  it('addMonthKeys and monthsBetween are inverse (property)', () => {
    const month = fc.tuple(fc.integer({ min: 2000, max: 2100 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`);
    fc.assert(fc.property(month, fc.integer({ min: -600, max: 600 }), (m, n) => monthsBetween(m, addMonthKeys(m, n)) === n));
  });
});

describe('metrics', () => {
  it('ratios and averages of nothing are null', () => {
    expect(ratio(1, 0)).toBeNull();
    expect(ratio(1, 3)).toBe(0.3333);
    expect(averageFen(100, 0)).toBeNull();
    expect(averageFen(1001, 2)).toBe(501);
  });
  it('the last running balance is the opening plus every delta (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.array(fc.integer({ min: -1e6, max: 1e6 })), (opening, deltas) => {
        const out = runningBalance(opening, deltas);
        expect(out).toHaveLength(deltas.length);
        expect(out.at(-1) ?? opening).toBe(deltas.reduce((a, b) => a + b, opening));
      }),
    );
  });
});

describe('aggregateDay', () => {
  const order = (o: Partial<SalesOrderInput>): SalesOrderInput => ({
    orderId: 1,
    memberId: 1,
    payableFen: 1000,
    refundedFen: 0,
    storeId: null,
    guideId: null,
    channel: null,
    svip: false,
    svipSavingsFen: 0,
    cohort: '2026-11',
    ...o,
  });
  it('folds orders and new members into one row per store, guide and channel', () => {
    const { sales, cohorts } = aggregateDay(
      [
        order({ storeId: 1, guideId: 2, channel: 'poster' }),
        order({ orderId: 2, storeId: 1, guideId: 2, channel: 'poster', svip: true, svipSavingsFen: 50, refundedFen: 300 }),
        order({ orderId: 3 }),
      ],
      [{ memberId: 9, storeId: 1, guideId: 2, channel: 'poster' }],
    );
    expect(sales).toEqual([
      {
        storeId: 0,
        guideId: 0,
        channel: '',
        newMembers: 0,
        orders: 1,
        gmvFen: 1000,
        refundFen: 0,
        svipOrders: 0,
        svipGmvFen: 0,
        svipRefundFen: 0,
        svipSavingsFen: 0,
      },
      {
        storeId: 1,
        guideId: 2,
        channel: 'poster',
        newMembers: 1,
        orders: 2,
        gmvFen: 2000,
        refundFen: 300,
        svipOrders: 1,
        svipGmvFen: 1000,
        svipRefundFen: 300,
        svipSavingsFen: 50,
      },
    ]);
    expect(cohorts).toEqual([{ cohort: '2026-11', orders: 3, spendFen: 2700 }]);
  });
  it('totals are kept whatever the dimensions (property)', () => {
    const arb = fc.array(
      fc.record({
        orderId: fc.nat(),
        memberId: fc.nat(),
        payableFen: fc.integer({ min: 0, max: 1e7 }),
        refundedFen: fc.integer({ min: 0, max: 1e7 }),
        storeId: fc.option(fc.integer({ min: 1, max: 3 })),
        guideId: fc.option(fc.integer({ min: 1, max: 3 })),
        channel: fc.option(fc.constantFrom('a', 'b')),
        svip: fc.boolean(),
        svipSavingsFen: fc.integer({ min: 0, max: 1000 }),
        cohort: fc.option(fc.constantFrom('2026-01', '2026-02')),
      }),
    );
    fc.assert(
      fc.property(arb, (orders) => {
        const { sales, cohorts } = aggregateDay(orders, []);
        const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
        expect(sum(sales.map((s) => s.gmvFen))).toBe(sum(orders.map((o) => o.payableFen)));
        expect(sum(sales.map((s) => s.orders))).toBe(orders.length);
        expect(sum(sales.map((s) => s.svipGmvFen))).toBe(sum(orders.filter((o) => o.svip).map((o) => o.payableFen)));
        expect(sum(cohorts.map((c) => c.spendFen))).toBe(sum(orders.filter((o) => o.cohort).map((o) => o.payableFen - o.refundedFen)));
        expect(new Set(sales.map((s) => `${s.storeId}|${s.guideId}|${s.channel}`)).size).toBe(sales.length);
      }),
    );
  });
  it('plan savings read only paid-membership sources', () => {
    expect(
      planSavingsFen(
        JSON.stringify([
          { source: { type: 'plan' }, fen: 30 },
          { source: { type: 'tier' }, fen: 70 },
          { source: { type: 'plan' }, fen: 5 },
        ]),
      ),
    ).toBe(35);
    expect(planSavingsFen('not json')).toBe(0);
    expect(planSavingsFen(null)).toBe(0);
  });
});

describe('ltvMatrix', () => {
  it('accumulates spend per member by months since joining, blank after asOf', () => {
    const rows = ltvMatrix(
      [
        { cohort: '2026-09', members: 2 },
        { cohort: '2026-10', members: 4 },
      ],
      [
        { cohort: '2026-09', month: '2026-09', spendFen: 1000 },
        { cohort: '2026-09', month: '2026-11', spendFen: 500 },
        { cohort: '2026-10', month: '2026-10', spendFen: 400 },
      ],
      '2026-11',
      3,
    );
    expect(rows).toEqual([
      { cohort: '2026-09', members: 2, cumulativePerMemberFen: [500, 500, 750, null] },
      { cohort: '2026-10', members: 4, cumulativePerMemberFen: [100, 100, null, null] },
    ]);
  });
  it('never decreases for non-negative spend and ends at total/members (property)', () => {
    const spendArb = fc.array(fc.record({ offset: fc.integer({ min: 0, max: 5 }), spendFen: fc.integer({ min: 0, max: 1e6 }) }));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), spendArb, (members, spends) => {
        const [row] = ltvMatrix(
          [{ cohort: '2026-01', members }],
          spends.map((s) => ({ cohort: '2026-01', month: addMonthKeys('2026-01', s.offset), spendFen: s.spendFen })),
          '2026-06',
          5,
        );
        const cells = row.cumulativePerMemberFen as number[];
        for (let i = 1; i < cells.length; i++) expect(cells[i]).toBeGreaterThanOrEqual(cells[i - 1]);
        expect(cells[5]).toBe(Math.round(spends.reduce((a, s) => a + s.spendFen, 0) / members));
      }),
    );
  });
});

describe('isRenewed', () => {
  const p = { id: 1, memberId: 1, startsAt: 0, endsAt: 30 * DAY };
  it('stacked and lapsed-within-grace renewals count; later ones, shorter grants and other members do not', () => {
    expect(isRenewed(p, [{ id: 2, memberId: 1, startsAt: 30 * DAY, endsAt: 60 * DAY }], 30 * DAY)).toBe(true);
    expect(isRenewed(p, [{ id: 2, memberId: 1, startsAt: 59 * DAY, endsAt: 89 * DAY }], 30 * DAY)).toBe(true);
    expect(isRenewed(p, [{ id: 2, memberId: 1, startsAt: 61 * DAY, endsAt: 91 * DAY }], 30 * DAY)).toBe(false);
    expect(isRenewed(p, [{ id: 2, memberId: 1, startsAt: 10 * DAY, endsAt: 20 * DAY }], 30 * DAY)).toBe(false);
    expect(isRenewed(p, [{ id: 2, memberId: 2, startsAt: 30 * DAY, endsAt: 60 * DAY }], 30 * DAY)).toBe(false);
    expect(isRenewed(p, [p], 30 * DAY)).toBe(false);
  });
});
