import fc from 'fast-check';
import { matchesSegment } from '../segment/segment-predicate';
import { segmentArbitrary, subjectArbitrary } from '../segment/segment.arbitraries';
import {
  codeUsable,
  funnelOf,
  FUNNEL_STAGES,
  poolWarnings,
  rotationOrder,
  validateCommunityGroup,
  type CommunityGroupInput,
  type GroupCodeState,
} from './community';

const NOW = new Date('2026-11-26T08:00:00Z');
const HOUR = 3600_000;
const vip: CommunityGroupInput = {
  type: 'vip',
  name: '黑金VIP群',
  description: '',
  coverUploadId: null,
  criteria: { kind: 'group', match: 'all', conditions: [{ kind: 'fact', field: 'tierLevel', op: 'gte', value: 3 }] },
  capacity: 500,
  endsAt: null,
  nextGroupId: null,
  perkCouponTemplateId: null,
  welcomeText: '欢迎',
};

describe('community group rules', () => {
  it('accepts a sound group and names each problem of a bad one', () => {
    expect(validateCommunityGroup(vip, NOW)).toEqual([]);
    expect(validateCommunityGroup({ ...vip, criteria: null }, NOW).map((e) => e.path)).toEqual(['criteria']);
    expect(validateCommunityGroup({ ...vip, type: 'event', criteria: null }, NOW)).toEqual([]);
    const flash = validateCommunityGroup({ ...vip, type: 'flash', name: '', capacity: 0, endsAt: '2020-01-01T00:00:00Z' }, NOW);
    expect(flash.map((e) => e.path)).toEqual(['name', 'capacity', 'endsAt', 'nextGroupId']);
    expect(validateCommunityGroup({ ...vip, nextGroupId: 4 }, NOW, 4).map((e) => e.path)).toEqual(['nextGroupId']);
    const badCriteria = validateCommunityGroup({ ...vip, criteria: { kind: 'group', match: 'all', conditions: [] } as never }, NOW);
    expect(badCriteria[0].path.startsWith('criteria')).toBe(true);
  });

  it('criteria are segment definitions: the same pure predicate decides a member (shared with segments)', () => {
    fc.assert(
      fc.property(segmentArbitrary(NOW, [1, 2]), subjectArbitrary(NOW, [1, 2]), (criteria, subject) => {
        expect(validateCommunityGroup({ ...vip, criteria }, NOW)).toEqual([]);
        expect(typeof matchesSegment(criteria, { ...subject, facts: { ...subject.facts, memberId: 1 } }, NOW)).toBe('boolean');
      }),
      { numRuns: 50 },
    );
  });
});

const codeArb = fc.record({
  id: fc.integer({ min: 1, max: 50 }),
  expiresAt: fc.integer({ min: -48, max: 200 }).map((h) => new Date(NOW.getTime() + h * HOUR)),
  capacity: fc.integer({ min: 1, max: 300 }),
  used: fc.integer({ min: 0, max: 300 }),
  removed: fc.boolean(),
}) as fc.Arbitrary<GroupCodeState>;

describe('code rotation', () => {
  it('never offers an expired, full or removed code, and offers every usable one, earliest expiry first', () => {
    fc.assert(
      fc.property(fc.array(codeArb, { maxLength: 12 }), (codes) => {
        const order = rotationOrder(codes, NOW);
        for (const c of order) {
          expect(c.removed).toBe(false);
          expect(c.expiresAt.getTime()).toBeGreaterThan(NOW.getTime());
          expect(c.used).toBeLessThan(c.capacity);
        }
        expect(order.length).toBe(codes.filter((c) => codeUsable(c, NOW)).length);
        for (let i = 1; i < order.length; i += 1) expect(order[i].expiresAt.getTime()).toBeGreaterThanOrEqual(order[i - 1].expiresAt.getTime());
      }),
    );
  });

  it('the next code takes over at capacity and at expiry', () => {
    const a: GroupCodeState = { id: 1, expiresAt: new Date(NOW.getTime() + 10 * HOUR), capacity: 2, used: 1, removed: false };
    const b: GroupCodeState = { id: 2, expiresAt: new Date(NOW.getTime() + 100 * HOUR), capacity: 200, used: 0, removed: false };
    expect(rotationOrder([b, a], NOW)[0].id).toBe(1);
    expect(rotationOrder([b, { ...a, used: 2 }], NOW)[0].id).toBe(2);
    expect(rotationOrder([b, a], new Date(NOW.getTime() + 10 * HOUR))[0].id).toBe(2);
  });

  it('warns 24 h before expiry and when the pool runs low or empty', () => {
    const soon: GroupCodeState = { id: 1, expiresAt: new Date(NOW.getTime() + 23 * HOUR), capacity: 200, used: 0, removed: false };
    const later: GroupCodeState = { id: 2, expiresAt: new Date(NOW.getTime() + 100 * HOUR), capacity: 200, used: 190, removed: false };
    expect(poolWarnings([soon, later], NOW).map((w) => w.kind)).toEqual(['expiring', 'pool_low']);
    expect(poolWarnings([{ ...later, used: 0 }], NOW)).toEqual([]);
    expect(poolWarnings([], NOW).map((w) => w.kind)).toEqual(['pool_empty']);
  });
});

describe('funnel', () => {
  it('each stage counts at least as many members as the next', () => {
    const stamp = fc.option(fc.constant(NOW), { nil: null });
    fc.assert(
      fc.property(fc.array(fc.record(Object.fromEntries(FUNNEL_STAGES.map((s) => [s, stamp])) as Record<string, fc.Arbitrary<Date | null>>)), (rows) => {
        const f = funnelOf(rows);
        for (let i = 1; i < FUNNEL_STAGES.length; i += 1) expect(f[FUNNEL_STAGES[i]]).toBeLessThanOrEqual(f[FUNNEL_STAGES[i - 1]]);
        expect(f.eligible).toBe(rows.filter((r) => Object.values(r).some(Boolean)).length);
      }),
    );
    expect(funnelOf([{ eligible: NOW, joined: NOW }])).toEqual({ eligible: 1, invited: 1, viewed: 1, codeShown: 1, joined: 1, active: 0 });
  });
});
