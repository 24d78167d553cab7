import fc from 'fast-check';
import {
  expiryFor,
  fifoOrder,
  maxDeductiblePoints,
  parseReferralScene,
  planClawback,
  planSpend,
  pointsForPaid,
  pointsToFen,
  referralScene,
  signInStreak,
  type PointsLot,
} from './points-rules';

const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000);

describe('FIFO by expiry', () => {
  it('spends the earliest-expiring lots first, then the oldest', () => {
    const lots: PointsLot[] = [
      { id: 1, remaining: 100, expiresAt: day(300) },
      { id: 2, remaining: 50, expiresAt: day(100) },
      { id: 3, remaining: 70, expiresAt: day(100) },
      { id: 4, remaining: 10, expiresAt: day(5) }, // expired at day 10
    ];
    expect(planSpend(lots, 130, day(10))).toEqual([
      { lotId: 2, points: 50 },
      { lotId: 3, points: 70 },
      { lotId: 1, points: 10 },
    ]);
    expect(planSpend(lots, 221, day(10))).toBeNull();
    expect(planClawback(lots, 300, day(10))).toEqual({
      takes: [
        { lotId: 2, points: 50 },
        { lotId: 3, points: 70 },
        { lotId: 1, points: 100 },
      ],
      shortfall: 80,
    });
  });

  type Op =
    { kind: 'earn'; points: number; ttl: number } | { kind: 'spend'; points: number } | { kind: 'claw'; points: number } | { kind: 'tick'; days: number };
  const opArb: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ kind: fc.constant('earn' as const), points: fc.integer({ min: 1, max: 500 }), ttl: fc.integer({ min: 1, max: 60 }) }),
    fc.record({ kind: fc.constant('spend' as const), points: fc.integer({ min: 1, max: 800 }) }),
    fc.record({ kind: fc.constant('claw' as const), points: fc.integer({ min: 1, max: 300 }) }),
    fc.record({ kind: fc.constant('tick' as const), days: fc.integer({ min: 1, max: 30 }) }),
  );

  it('for any sequence: balance = sum of live remainders, FIFO holds, nothing negative', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 60 }), (ops) => {
        const lots: PointsLot[] = [];
        let now = 0;
        let balance = 0;
        const expire = () => {
          for (const lot of lots)
            if (lot.remaining > 0 && lot.expiresAt <= day(now)) {
              balance -= lot.remaining;
              lot.remaining = 0;
            }
        };
        for (const op of ops) {
          if (op.kind === 'tick') {
            now += op.days;
            expire();
          } else if (op.kind === 'earn') {
            lots.push({ id: lots.length + 1, remaining: op.points, expiresAt: day(now + op.ttl) });
            balance += op.points;
          } else {
            const before = fifoOrder(lots, day(now)).map((l) => ({ ...l }));
            const takes = op.kind === 'spend' ? planSpend(lots, op.points, day(now)) : planClawback(lots, op.points, day(now)).takes;
            if (!takes) {
              expect(before.reduce((s, l) => s + l.remaining, 0)).toBeLessThan(op.points);
              continue;
            }
            // FIFO: every lot taken from, except the last, is emptied, and taken in expiry order.
            takes.forEach((take, i) => {
              const lot = before.find((l) => l.id === take.lotId)!;
              expect(before[i].id).toBe(take.lotId);
              if (i < takes.length - 1) expect(take.points).toBe(lot.remaining);
              expect(take.points).toBeLessThanOrEqual(lot.remaining);
            });
            for (const take of takes) {
              const lot = lots.find((l) => l.id === take.lotId)!;
              lot.remaining -= take.points;
              balance -= take.points;
            }
          }
          expect(lots.every((l) => l.remaining >= 0)).toBe(true);
          expect(balance).toBe(fifoOrder(lots, day(now)).reduce((s, l) => s + l.remaining, 0));
        }
      }),
    );
  });
});

describe('FIFO against an independent oracle: points as individual units', () => {
  /** One point of one lot: the oracle never looks at lots as a whole, only at single points. */
  interface Unit {
    lot: number;
    expires: number;
  }
  type Op = { kind: 'earn'; points: number; ttl: number } | { kind: 'spend' | 'claw'; points: number } | { kind: 'tick'; days: number };
  const opArb: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ kind: fc.constant('earn' as const), points: fc.integer({ min: 1, max: 200 }), ttl: fc.integer({ min: 0, max: 40 }) }),
    fc.record({ kind: fc.constantFrom('spend' as const, 'claw' as const), points: fc.integer({ min: 1, max: 400 }) }),
    fc.record({ kind: fc.constant('tick' as const), days: fc.integer({ min: 0, max: 20 }) }),
  );

  it('planSpend and planClawback take exactly the earliest-expiring (then oldest) live points, whatever the history', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 50 }), (ops) => {
        const lots: PointsLot[] = [];
        let units: Unit[] = [];
        let now = 0;
        for (const op of ops) {
          if (op.kind === 'tick') {
            now += op.days;
            continue;
          }
          if (op.kind === 'earn') {
            lots.push({ id: lots.length + 1, remaining: op.points, expiresAt: day(now + op.ttl) });
            for (let i = 0; i < op.points; i++) units.push({ lot: lots.length, expires: now + op.ttl });
            continue;
          }
          // Oracle: the live points (expiring strictly after now), earliest expiry first, then lowest lot.
          const live = units.filter((u) => u.expires > now).sort((a, b) => a.expires - b.expires || a.lot - b.lot);
          const taking = op.kind === 'spend' ? (live.length >= op.points ? op.points : 0) : Math.min(op.points, live.length);
          const taken = live.slice(0, taking);
          const expectedByLot = new Map<number, number>();
          for (const u of taken) expectedByLot.set(u.lot, (expectedByLot.get(u.lot) ?? 0) + 1);

          const plan = op.kind === 'spend' ? planSpend(lots, op.points, day(now)) : planClawback(lots, op.points, day(now));
          const takes = plan === null ? null : 'takes' in plan ? plan.takes : plan;
          if (op.kind === 'spend' && live.length < op.points) {
            expect(takes).toBeNull();
            continue;
          }
          expect(new Map(takes!.map((t) => [t.lotId, t.points]))).toEqual(expectedByLot);
          if (op.kind === 'claw') expect((plan as { shortfall: number }).shortfall).toBe(op.points - taking);
          for (const t of takes!) lots.find((l) => l.id === t.lotId)!.remaining -= t.points;
          const gone = new Set(taken);
          units = units.filter((u) => !gone.has(u));
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('expiry policies', () => {
  it('rolling months end at the end of the same day (Beijing), clamped to month end', () => {
    expect(expiryFor({ kind: 'rolling', months: 12 }, new Date('2026-03-10T02:00:00Z')).toISOString()).toBe('2027-03-10T15:59:59.999Z');
    expect(expiryFor({ kind: 'rolling', months: 1 }, new Date('2026-01-31T02:00:00Z')).toISOString()).toBe('2026-02-28T15:59:59.999Z');
  });

  it('annual clear date is next year’s date', () => {
    expect(expiryFor({ kind: 'annual', month: 12, day: 31 }, new Date('2026-06-01T00:00:00Z')).toISOString()).toBe('2027-12-31T15:59:59.999Z');
  });
});

describe('earning and deduction', () => {
  it('earns per whole yuan times the multiplier', () => {
    expect(pointsForPaid(12399, 1)).toBe(123);
    expect(pointsForPaid(12399, 1, 150)).toBe(184);
    expect(pointsForPaid(0, 1)).toBe(0);
  });

  it('caps deduction by share and balance, in whole fen', () => {
    const rule = { pointsPerYuan: 100, maxShareBps: 5000 };
    expect(maxDeductiblePoints(10000, 99999, rule)).toBe(5000);
    expect(maxDeductiblePoints(10000, 1234, rule)).toBe(1234);
    expect(pointsToFen(1234, rule)).toBe(1234);
    const coarse = { pointsPerYuan: 250, maxShareBps: 10000 };
    const coarsePoints = maxDeductiblePoints(1000, 999, coarse);
    expect(pointsToFen(coarsePoints, coarse) * 250).toBe(coarsePoints * 100);
  });

  it('counts sign-in streaks', () => {
    expect(signInStreak(['2026-11-20', '2026-11-21', '2026-11-22'], '2026-11-22')).toBe(3);
    expect(signInStreak(['2026-11-20', '2026-11-22'], '2026-11-22')).toBe(1);
    expect(signInStreak([], '2026-11-22')).toBe(0);
  });
});

describe('referral scenes', () => {
  it('round-trips member ids and ignores anything else', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 2_000_000_000 }), (id) => parseReferralScene(referralScene(id)) === id));
    for (const scene of ['', 'r', 'r0', 'r-1', 's1u2', 'r12x', null, undefined]) expect(parseReferralScene(scene)).toBeNull();
  });
});
