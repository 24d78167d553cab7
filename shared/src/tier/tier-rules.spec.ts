import fc from 'fast-check';
import {
  addMonths,
  afterGrowth,
  evaluateTier,
  growthForSpend,
  levelForGrowth,
  tierProgress,
  validateTiers,
  type MemberTierState,
  type TierThreshold,
} from './tier-rules';

const TIERS: TierThreshold[] = [
  { level: 0, growthThreshold: 0 },
  { level: 1, growthThreshold: 500 },
  { level: 2, growthThreshold: 2000 },
  { level: 3, growthThreshold: 8000 },
];

const tiersArb = fc
  .uniqueArray(fc.integer({ min: 1, max: 100_000 }), { minLength: 0, maxLength: 5 })
  .map((thresholds) => [0, ...thresholds.sort((a, b) => a - b)].map((growthThreshold, level) => ({ level, growthThreshold })));

describe('levelForGrowth boundaries', () => {
  it.each([
    [0, 0],
    [499, 0],
    [500, 1],
    [1999, 1],
    [2000, 2],
    [7999, 2],
    [8000, 3],
    [1e9, 3],
  ])('growth %i → level %i', (growth, level) => expect(levelForGrowth(TIERS, growth)).toBe(level));

  it('is monotonic and lands exactly on thresholds for any tier table', () => {
    fc.assert(
      fc.property(tiersArb, fc.nat(200_000), fc.nat(200_000), (tiers, a, b) => {
        expect(validateTiers(tiers)).toEqual([]);
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(levelForGrowth(tiers, lo)).toBeLessThanOrEqual(levelForGrowth(tiers, hi));
        for (const t of tiers) {
          expect(levelForGrowth(tiers, t.growthThreshold)).toBe(t.level);
          if (t.growthThreshold > 0) expect(levelForGrowth(tiers, t.growthThreshold - 1)).toBe(t.level - 1);
        }
      }),
    );
  });
});

describe('upgrade at once, downgrade only at evaluation', () => {
  const t0 = new Date('2026-01-31T00:00:00Z');
  const base: MemberTierState = { level: 0, since: t0, keepUntil: t0 };

  it('upgrades as soon as a threshold is reached and protects the tier for 12 months', () => {
    const change = afterGrowth(TIERS, base, 2100, t0);
    expect(change).toMatchObject({ kind: 'upgrade', from: 0, to: 2 });
    expect(change.state.keepUntil.toISOString()).toBe('2027-01-31T00:00:00.000Z');
  });

  it('a refund that drops trailing growth does not downgrade before evaluation; evaluation does', () => {
    const gold = afterGrowth(TIERS, base, 2100, t0).state;
    const sixMonthsLater = addMonths(t0, 6);
    expect(evaluateTier(TIERS, gold, 300, sixMonthsLater).kind).toBe('none');
    const due = addMonths(t0, 12);
    const change = evaluateTier(TIERS, gold, 300, due);
    expect(change).toMatchObject({ kind: 'downgrade', from: 2, to: 0 });
    expect(change.state.keepUntil.toISOString()).toBe(addMonths(due, 12).toISOString());
  });

  it('never downgrades before keepUntil and never leaves the level below what trailing growth reaches', () => {
    fc.assert(
      fc.property(tiersArb, fc.nat(100_000), fc.nat(100_000), fc.integer({ min: -400, max: 400 }), (tiers, reachedGrowth, laterGrowth, dayOffset) => {
        const reached = afterGrowth(tiers, { level: 0, since: t0, keepUntil: t0 }, reachedGrowth, t0).state;
        const now = new Date(reached.keepUntil.getTime() + dayOffset * 86_400_000);
        const change = evaluateTier(tiers, reached, laterGrowth, now);
        if (now < reached.keepUntil) expect(change.to).toBeGreaterThanOrEqual(reached.level);
        expect(change.to).toBeGreaterThanOrEqual(levelForGrowth(tiers, laterGrowth));
        if (now >= reached.keepUntil) expect(change.to).toBe(levelForGrowth(tiers, laterGrowth));
      }),
    );
  });
});

describe('helpers', () => {
  it('addMonths clamps to month ends', () => {
    expect(addMonths(new Date('2026-01-31T10:00:00Z'), 1).toISOString()).toBe('2026-02-28T10:00:00.000Z');
    expect(addMonths(new Date('2028-01-31T10:00:00Z'), 1).toISOString()).toBe('2028-02-29T10:00:00.000Z');
    expect(addMonths(new Date('2026-11-22T00:00:00Z'), 12).toISOString()).toBe('2027-11-22T00:00:00.000Z');
  });

  it('progress shows growth needed for the next tier', () => {
    expect(tierProgress(TIERS, 0, 120)).toMatchObject({ needed: 380, percent: 24, next: { level: 1 } });
    expect(tierProgress(TIERS, 3, 9000)).toEqual({ next: null, needed: 0, percent: 100 });
  });

  it('growth for spend counts whole yuan at the configured rate', () => {
    expect(growthForSpend(12399)).toBe(123);
    expect(growthForSpend(12399, 2)).toBe(246);
    expect(growthForSpend(-5)).toBe(0);
  });

  it('validates tier tables', () => {
    expect(validateTiers([{ level: 0, growthThreshold: 10 }])).toContain('the lowest tier must start at growth 0');
    expect(
      validateTiers([
        { level: 0, growthThreshold: 0 },
        { level: 1, growthThreshold: 0 },
      ]),
    ).toHaveLength(1);
  });
});
