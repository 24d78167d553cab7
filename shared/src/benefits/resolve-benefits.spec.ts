import fc from 'fast-check';
import type { BenefitGrant, BenefitSource, BenefitSpec } from './benefit-types';
import { bestDiscountFor, resolveBenefits } from './resolve-benefits';

const tier: BenefitSource = { type: 'tier', id: 2, name: '金卡会员' };
const svip: BenefitSource = { type: 'plan', id: 1, name: 'SVIP 年卡' };
const grant = (benefitId: number, source: BenefitSource, spec: BenefitSpec): BenefitGrant => ({ benefitId, source, spec });

describe('resolveBenefits', () => {
  it('best discount wins per product and keeps its source', () => {
    const effective = resolveBenefits([
      grant(1, tier, { type: 'member_discount', priceBps: 9500 }),
      grant(2, svip, { type: 'member_discount', priceBps: 9000, categoryIds: [7] }),
    ]);
    expect(bestDiscountFor(effective, { id: 1, categoryId: 7 })).toMatchObject({ priceBps: 9000, source: svip });
    expect(bestDiscountFor(effective, { id: 2, categoryId: 8 })).toMatchObject({ priceBps: 9500, source: tier });
  });

  it('free shipping once, with the lowest threshold; multipliers take the max unless set to add', () => {
    const effective = resolveBenefits([
      grant(1, tier, { type: 'free_shipping', minOrderFen: 9900 }),
      grant(2, svip, { type: 'free_shipping' }),
      grant(3, tier, { type: 'points_multiplier', multiplierPct: 150 }),
      grant(4, svip, { type: 'points_multiplier', multiplierPct: 200 }),
    ]);
    expect(effective.freeShipping).toEqual({ value: { minOrderFen: 0 }, sources: [svip, tier] });
    expect(effective.pointsMultiplierPct).toEqual({ value: 200, sources: [svip, tier] });
    const added = resolveBenefits([
      grant(3, tier, { type: 'points_multiplier', multiplierPct: 150 }),
      grant(5, svip, { type: 'points_multiplier', multiplierPct: 120, stack: 'add' }),
    ]);
    expect(added.pointsMultiplierPct?.value).toBe(170);
  });

  it('grants nothing without a source', () => {
    expect(resolveBenefits([])).toEqual({
      discounts: [],
      memberPrice: null,
      pointsMultiplierPct: null,
      freeShipping: null,
      earlyAccessMinutes: null,
      exclusiveProductIds: null,
      groupInvites: null,
      gifts: [],
    });
  });

  const sourceArb = fc.record({ type: fc.constantFrom<'tier' | 'plan' | 'campaign'>('tier', 'plan', 'campaign'), id: fc.nat(20), name: fc.constant('s') });
  const specArb: fc.Arbitrary<BenefitSpec> = fc.oneof(
    fc.record({
      type: fc.constant('member_discount' as const),
      priceBps: fc.integer({ min: 1, max: 9999 }),
      categoryIds: fc.array(fc.nat(5), { maxLength: 2 }),
    }),
    fc.record({
      type: fc.constant('points_multiplier' as const),
      multiplierPct: fc.integer({ min: 100, max: 500 }),
      stack: fc.constantFrom<'max' | 'add'>('max', 'add'),
    }),
    fc.record({ type: fc.constant('free_shipping' as const), minOrderFen: fc.nat(20_000) }),
    fc.record({ type: fc.constant('early_access' as const), minutes: fc.integer({ min: 1, max: 120 }) }),
    fc.record({ type: fc.constant('birthday_gift' as const), points: fc.nat(1000) }),
    fc.record({ type: fc.constant('group_invite' as const), groupType: fc.constantFrom<'vip' | 'koc'>('vip', 'koc') }),
  );
  const grantsArb = fc.array(fc.record({ benefitId: fc.nat(100), source: sourceArb, spec: specArb }), { maxLength: 12 });

  it('for any combination: every value has a source that grants it, and the conflict rules hold', () => {
    fc.assert(
      fc.property(grantsArb, fc.nat(5), (grants, categoryId) => {
        const e = resolveBenefits(grants);
        const granted = (type: BenefitSpec['type']) => grants.filter((g) => g.spec.type === type);
        // No benefit without a source; every source listed really granted that benefit type.
        for (const [type, value] of [
          ['free_shipping', e.freeShipping],
          ['points_multiplier', e.pointsMultiplierPct],
          ['early_access', e.earlyAccessMinutes],
          ['group_invite', e.groupInvites],
        ] as const) {
          if (granted(type).length === 0) expect(value).toBeNull();
          else {
            expect(value!.sources.length).toBe(granted(type).length);
            for (const s of value!.sources) expect(granted(type).some((g) => g.source === s)).toBe(true);
          }
        }
        const ships = granted('free_shipping').map((g) => (g.spec as { minOrderFen: number }).minOrderFen);
        if (ships.length) expect(e.freeShipping!.value.minOrderFen).toBe(Math.min(...ships));
        const mults = granted('points_multiplier').map((g) => g.spec as { multiplierPct: number; stack: string });
        if (mults.length) {
          const maxes = mults.filter((m) => m.stack !== 'add').map((m) => m.multiplierPct);
          const adds = mults.filter((m) => m.stack === 'add').reduce((s, m) => s + m.multiplierPct - 100, 0);
          expect(e.pointsMultiplierPct!.value).toBe((maxes.length ? Math.max(...maxes) : 100) + adds);
        }
        const best = bestDiscountFor(e, { id: 999, categoryId });
        const applicable = granted('member_discount')
          .map((g) => g.spec as { priceBps: number; categoryIds: number[] })
          .filter((d) => d.categoryIds.length === 0 || d.categoryIds.includes(categoryId));
        if (applicable.length === 0) expect(best).toBeNull();
        else expect(best!.priceBps).toBe(Math.min(...applicable.map((d) => d.priceBps)));
        expect(e.gifts).toHaveLength(granted('birthday_gift').length);
      }),
    );
  });
});
