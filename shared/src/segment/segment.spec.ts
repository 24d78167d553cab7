import fc from 'fast-check';
import { lifecycleStage, repurchaseStage, rfmBand } from './lifecycle';
import { validateSegment, type MemberFacts, type SegmentGroup } from './segment-definition';
import { describeSegment, matchesSegment, type SegmentSubject } from './segment-predicate';
import { DAY_MS, segmentArbitrary, subjectArbitrary } from './segment.arbitraries';

const NOW = new Date('2026-11-26T08:00:00.000Z');
const daysAgo = (d: number, ms = 0) => new Date(NOW.getTime() - d * DAY_MS + ms);

const baseFacts: MemberFacts = {
  memberId: 1,
  registeredAt: daysAgo(100),
  firstOrderAt: null,
  lastOrderAt: null,
  lastActiveAt: null,
  orderCount: 0,
  spendFen: 0,
  orderCount30d: 0,
  spend30dFen: 0,
  orderCount90d: 0,
  spend90dFen: 0,
  avgOrderFen: null,
  province: null,
  city: null,
  gender: 'unknown',
  birthdayMonth: null,
  sourceChannel: null,
  storeId: null,
  guideId: null,
  tierLevel: 1,
  svipActive: false,
  svipExpiresAt: null,
  walletFen: 0,
  points: 0,
  favouriteCount: 0,
  lifecycle: 'prospect',
  rfm: 'none',
};
const subject = (facts: Partial<MemberFacts>, extra: Partial<SegmentSubject> = {}): SegmentSubject => ({
  facts: { ...baseFacts, ...facts },
  tagIds: [],
  events: [],
  ...extra,
});
const all = (...conditions: SegmentGroup['conditions']): SegmentGroup => ({ kind: 'group', match: 'all', conditions });

describe('segment predicate', () => {
  it('the example from the brief: favourited in 30 days, active in 7, in Beijing, repeat or member', () => {
    const def = all(
      { kind: 'event', event: 'favourite', withinDays: 30 },
      { kind: 'fact', field: 'lastActiveAt', op: 'withinDays', value: 7 },
      { kind: 'fact', field: 'province', op: 'eq', value: '北京市' },
      { kind: 'fact', field: 'lifecycle', op: 'in', value: ['repeat', 'member'] },
    );
    expect(validateSegment(def)).toEqual([]);
    const fits = subject(
      { lastActiveAt: daysAgo(2), province: '北京市', lifecycle: 'repeat' },
      { events: [{ type: 'favourite', objectId: 9, at: daysAgo(29) }] },
    );
    expect(matchesSegment(def, fits, NOW)).toBe(true);
    expect(matchesSegment(def, { ...fits, events: [{ type: 'favourite', objectId: 9, at: daysAgo(31) }] }, NOW)).toBe(false);
    expect(matchesSegment(def, { ...fits, facts: { ...fits.facts, province: '上海市' } }, NOW)).toBe(false);
    expect(matchesSegment(def, { ...fits, facts: { ...fits.facts, lifecycle: 'new' } }, NOW)).toBe(false);
    expect(describeSegment(def)).toBe('(最近 30 天收藏商品 且 最近活跃 在最近 7 天内 且 省份 = 北京市 且 生命周期 属于 老客、会员)');
  });

  it('a condition on a missing fact is false whatever its operator, except isNull', () => {
    const nothing = subject({ province: null, lastOrderAt: null, avgOrderFen: null });
    for (const c of [
      { kind: 'fact', field: 'province', op: 'ne', value: '北京市' },
      { kind: 'fact', field: 'province', op: 'nin', value: ['北京市'] },
      { kind: 'fact', field: 'lastOrderAt', op: 'olderThanDays', value: 30 },
      { kind: 'fact', field: 'avgOrderFen', op: 'lt', value: 100 },
    ] as const) {
      expect(matchesSegment(all(c), nothing, NOW)).toBe(false);
    }
    expect(matchesSegment(all({ kind: 'fact', field: 'province', op: 'isNull' }), nothing, NOW)).toBe(true);
    expect(matchesSegment(all({ kind: 'fact', field: 'province', op: 'notNull' }), nothing, NOW)).toBe(false);
  });

  it('day windows are inclusive at their edge, to the millisecond', () => {
    const within = all({ kind: 'fact', field: 'lastOrderAt', op: 'withinDays', value: 30 });
    const older = all({ kind: 'fact', field: 'lastOrderAt', op: 'olderThanDays', value: 30 });
    expect(matchesSegment(within, subject({ lastOrderAt: daysAgo(30) }), NOW)).toBe(true);
    expect(matchesSegment(within, subject({ lastOrderAt: daysAgo(30, -1) }), NOW)).toBe(false);
    expect(matchesSegment(older, subject({ lastOrderAt: daysAgo(30) }), NOW)).toBe(false);
    expect(matchesSegment(older, subject({ lastOrderAt: daysAgo(30, -1) }), NOW)).toBe(true);
    const expiring = all({ kind: 'fact', field: 'svipExpiresAt', op: 'nextDays', value: 7 });
    expect(matchesSegment(expiring, subject({ svipExpiresAt: daysAgo(-7) }), NOW)).toBe(true);
    expect(matchesSegment(expiring, subject({ svipExpiresAt: daysAgo(-7, 1) }), NOW)).toBe(false);
    expect(matchesSegment(expiring, subject({ svipExpiresAt: daysAgo(0, -1) }), NOW)).toBe(false);
  });

  it('event counts, objects and absence; tags any/all/none', () => {
    const events = [
      { type: 'view' as const, objectId: 1, at: daysAgo(1) },
      { type: 'view' as const, objectId: 2, at: daysAgo(2) },
      { type: 'cart' as const, objectId: 1, at: daysAgo(40) },
    ];
    const s = subject({}, { events, tagIds: [3, 5] });
    expect(matchesSegment(all({ kind: 'event', event: 'view', withinDays: 7, count: 2 }), s, NOW)).toBe(true);
    expect(matchesSegment(all({ kind: 'event', event: 'view', withinDays: 7, count: 2, objectId: 1 }), s, NOW)).toBe(false);
    expect(matchesSegment(all({ kind: 'event', event: 'cart', withinDays: 30, op: 'lt' }), s, NOW)).toBe(true);
    expect(matchesSegment(all({ kind: 'tag', op: 'hasAll', tagIds: [3, 5] }), s, NOW)).toBe(true);
    expect(matchesSegment(all({ kind: 'tag', op: 'hasAll', tagIds: [3, 4] }), s, NOW)).toBe(false);
    expect(matchesSegment(all({ kind: 'tag', op: 'hasAny', tagIds: [4, 5] }), s, NOW)).toBe(true);
    expect(matchesSegment(all({ kind: 'tag', op: 'hasNone', tagIds: [4] }), s, NOW)).toBe(true);
  });

  it('properties: a one-condition any-group means the condition; lt is the negation of gte; hasNone of hasAny', () => {
    fc.assert(
      fc.property(segmentArbitrary(NOW, [1, 2, 3]), subjectArbitrary(NOW, [1, 2, 3]), (def, s) => {
        const member = { ...s, facts: { ...s.facts, memberId: 1 } };
        expect(validateSegment(def)).toEqual([]);
        const result = matchesSegment(def, member, NOW);
        expect(matchesSegment({ kind: 'group', match: 'any', conditions: [def] }, member, NOW)).toBe(result);
        expect(matchesSegment({ kind: 'group', match: 'all', conditions: [def, def] }, member, NOW)).toBe(result);
        for (const c of def.conditions) {
          if (c.kind === 'event')
            expect(matchesSegment(all({ ...c, op: c.op === 'lt' ? 'gte' : 'lt' }), member, NOW)).toBe(!matchesSegment(all(c), member, NOW));
          if (c.kind === 'tag' && c.op !== 'hasAll')
            expect(matchesSegment(all({ ...c, op: c.op === 'hasAny' ? 'hasNone' : 'hasAny' }), member, NOW)).toBe(!matchesSegment(all(c), member, NOW));
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('segment validation refuses bad definitions with a path and a reason', () => {
  it.each([
    [{ kind: 'fact', field: 'password', op: 'eq', value: 1 }, 'definition.conditions[0].field', '未知字段'],
    [{ kind: 'fact', field: 'province', op: 'gt', value: '北京市' }, 'definition.conditions[0].op', '不支持运算符'],
    [{ kind: 'fact', field: 'orderCount', op: 'eq', value: '1 OR 1=1' }, 'definition.conditions[0].value', '值无效'],
    [{ kind: 'fact', field: 'orderCount', op: 'between', value: [5, 1] }, 'definition.conditions[0].value', '下限'],
    [{ kind: 'fact', field: 'lastOrderAt', op: 'withinDays', value: 1.5 }, 'definition.conditions[0].value', '天数'],
    [{ kind: 'fact', field: 'lifecycle', op: 'eq', value: 'vip' }, 'definition.conditions[0].value', '值无效'],
    [{ kind: 'event', event: 'purchase', withinDays: 7 }, 'definition.conditions[0].event', '未知行为'],
    [{ kind: 'event', event: 'view', withinDays: 0 }, 'definition.conditions[0].withinDays', '1–365'],
    [{ kind: 'tag', op: 'hasAny', tagIds: [] }, 'definition.conditions[0].tagIds', '标签'],
    [{ kind: 'sql', where: '1=1' }, 'definition.conditions[0].kind', '未知条件类型'],
  ])('%j', (condition, path, message) => {
    const errors = validateSegment({ kind: 'group', match: 'all', conditions: [condition] });
    expect(errors).toEqual([{ path, message: expect.stringContaining(message) }]);
  });

  it('too deep, too many, empty, not a group', () => {
    let deep: unknown = { kind: 'fact', field: 'orderCount', op: 'gt', value: 0 };
    for (let i = 0; i < 5; i++) deep = { kind: 'group', match: 'all', conditions: [deep] };
    expect(validateSegment(deep)).toEqual([expect.objectContaining({ message: expect.stringContaining('嵌套不能超过 4 层') })]);
    const many = { kind: 'group', match: 'any', conditions: Array.from({ length: 41 }, () => ({ kind: 'fact', field: 'orderCount', op: 'gt', value: 0 })) };
    expect(validateSegment(many)).toEqual([{ path: 'definition', message: '条件不能超过 40 个' }]);
    expect(validateSegment({ kind: 'group', match: 'all', conditions: [] })).toEqual([{ path: 'definition.conditions', message: '条件组至少需要一个条件' }]);
    expect(validateSegment([])).toEqual([{ path: 'definition', message: '分群条件必须是一个条件组' }]);
    expect(validateSegment({ kind: 'fact', field: 'orderCount', op: 'gt', value: 0 })).toHaveLength(1);
  });
});

describe('lifecycle, RFM and repurchase stage', () => {
  it('walks prospect → new → repeat → member, and dormant/lost by idle days', () => {
    const at = (orderCount: number, lastDaysAgo: number | null, extra: { svipActive?: boolean; tierLevel?: number } = {}) =>
      lifecycleStage({ orderCount, lastOrderAt: lastDaysAgo === null ? null : daysAgo(lastDaysAgo), svipActive: false, tierLevel: 1, ...extra }, NOW);
    expect(at(0, null)).toBe('prospect');
    expect(at(1, 3)).toBe('new');
    expect(at(2, 3)).toBe('repeat');
    expect(at(1, 3, { svipActive: true })).toBe('member');
    expect(at(5, 3, { tierLevel: 4 })).toBe('member');
    expect(at(5, 89)).toBe('repeat');
    expect(at(5, 90, { svipActive: true })).toBe('dormant');
    expect(at(5, 180)).toBe('lost');
  });

  it('RFM: the eight classes from recency, frequency and money; none without orders', () => {
    const band = (lastDaysAgo: number, orders90d: number, spendFen: number) =>
      rfmBand({ orderCount: Math.max(1, orders90d), lastOrderAt: daysAgo(lastDaysAgo), orderCount90d: orders90d, spendFen }, NOW);
    expect(band(3, 3, 80_000)).toBe('important_value');
    expect(band(3, 1, 80_000)).toBe('important_develop');
    expect(band(60, 3, 80_000)).toBe('important_keep');
    expect(band(60, 1, 80_000)).toBe('important_retain');
    expect(band(3, 3, 100)).toBe('general_value');
    expect(band(60, 0, 100)).toBe('general_retain');
    expect(rfmBand({ orderCount: 0, lastOrderAt: null, orderCount90d: 0, spendFen: 0 }, NOW)).toBe('none');
  });

  it('repurchase: sweet right after an order, window once a whole own cycle has passed', () => {
    // Three orders 20 days apart: a 20-day cycle.
    const stage = (lastDaysAgo: number) => repurchaseStage({ orderCount: 3, firstOrderAt: daysAgo(lastDaysAgo + 40), lastOrderAt: daysAgo(lastDaysAgo) }, NOW);
    expect(stage(2)).toBe('sweet');
    expect(stage(12)).toBeNull();
    expect(stage(20)).toBe('window');
    expect(repurchaseStage({ orderCount: 1, firstOrderAt: daysAgo(5), lastOrderAt: daysAgo(5) }, NOW)).toBeNull();
  });
});
