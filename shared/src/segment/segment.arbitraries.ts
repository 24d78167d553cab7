/**
 * fast-check generators for members and segment definitions over small value domains, so random
 * definitions select some members and not others, with NULL facts and values on window edges.
 * Used by the shared property tests and by the server's SQL-versus-predicate property test.
 * Not part of the package build.
 */
import fc from 'fast-check';
import {
  BEHAVIOUR_EVENTS,
  FACT_FIELDS,
  FACT_OPERATORS,
  GENDERS,
  LIFECYCLE_STAGES,
  RFM_BANDS,
  type FactField,
  type FactFieldSpec,
  type MemberFacts,
  type SegmentCondition,
  type SegmentGroup,
} from './segment-definition';
import type { SegmentSubject, SegmentSubjectEvent } from './segment-predicate';
import { DAY_MS } from '../time/beijing';

export { DAY_MS };
const DAYS = [0, 1, 7, 30, 90];
const NUMBERS = [0, 1, 2, 5, 100, 50_000];
const TEXTS = ['北京市', '上海市', '广东省', 'poster', 'share'];

/** An instant a whole number of days from `now`, sometimes nudged by a millisecond either side of the edge. */
export function instantNear(now: Date): fc.Arbitrary<Date> {
  return fc
    .tuple(fc.constantFrom(...DAYS, 3, 31, 89, 120, 400), fc.constantFrom(-1, 0, 0, 1, 3_600_000), fc.boolean())
    .map(([days, nudge, future]) => new Date(now.getTime() + (future ? 1 : -1) * days * DAY_MS + nudge));
}

const nullable = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null, freq: 4 });

export function factsArbitrary(now: Date): fc.Arbitrary<Omit<MemberFacts, 'memberId'>> {
  const date = instantNear(now);
  const num = fc.constantFrom(...NUMBERS);
  return fc.record({
    registeredAt: date,
    firstOrderAt: nullable(date),
    lastOrderAt: nullable(date),
    lastActiveAt: nullable(date),
    orderCount: num,
    spendFen: num,
    orderCount30d: num,
    spend30dFen: num,
    orderCount90d: num,
    spend90dFen: num,
    avgOrderFen: nullable(num),
    province: nullable(fc.constantFrom(...TEXTS)),
    city: nullable(fc.constantFrom(...TEXTS)),
    gender: fc.constantFrom(...GENDERS),
    birthdayMonth: nullable(fc.integer({ min: 1, max: 12 })),
    sourceChannel: nullable(fc.constantFrom(...TEXTS)),
    storeId: nullable(fc.constantFrom(1, 2)),
    guideId: nullable(fc.constantFrom(1, 2)),
    tierLevel: fc.integer({ min: 1, max: 4 }),
    svipActive: fc.boolean(),
    svipExpiresAt: nullable(date),
    walletFen: num,
    points: num,
    favouriteCount: num,
    lifecycle: fc.constantFrom(...LIFECYCLE_STAGES),
    rfm: fc.constantFrom(...RFM_BANDS),
  });
}

export function subjectArbitrary(
  now: Date,
  tagIds: readonly number[],
  objectIds: readonly number[] = [1, 2],
): fc.Arbitrary<Omit<SegmentSubject, 'facts'> & { facts: Omit<MemberFacts, 'memberId'> }> {
  const event: fc.Arbitrary<SegmentSubjectEvent> = fc.record({
    type: fc.constantFrom(...BEHAVIOUR_EVENTS),
    objectId: nullable(fc.constantFrom(...objectIds)),
    at: instantNear(now).filter((d) => d.getTime() <= now.getTime()),
  });
  return fc.record({
    facts: factsArbitrary(now),
    tagIds: fc.uniqueArray(fc.constantFrom(...tagIds), { maxLength: tagIds.length }),
    events: fc.array(event, { maxLength: 4 }),
  });
}

function valueFor(spec: FactFieldSpec, now: Date): fc.Arbitrary<unknown> {
  switch (spec.kind) {
    case 'number':
      return fc.constantFrom(...NUMBERS, 3, 12);
    case 'text':
      return fc.constantFrom(...TEXTS);
    case 'enum':
      return fc.constantFrom(...Object.keys(spec.options ?? {}));
    case 'boolean':
      return fc.boolean();
    case 'date':
      return instantNear(now).map((d) => d.toISOString());
  }
}

function factConditionArbitrary(now: Date): fc.Arbitrary<SegmentCondition> {
  const fields = Object.keys(FACT_FIELDS) as FactField[];
  return fc.constantFrom(...fields).chain((field) => {
    const spec: FactFieldSpec = FACT_FIELDS[field];
    return fc.constantFrom(...FACT_OPERATORS[spec.kind]).chain((op): fc.Arbitrary<SegmentCondition> => {
      if (op === 'isNull' || op === 'notNull') return fc.constant({ kind: 'fact', field, op });
      if (op === 'withinDays' || op === 'olderThanDays' || op === 'nextDays')
        return fc.constantFrom(...DAYS).map((value) => ({ kind: 'fact', field, op, value }));
      const single = valueFor(spec, now);
      if (op === 'between')
        return fc.tuple(single, single).map(([a, b]) => {
          const key = (v: unknown) => (spec.kind === 'date' ? new Date(v as string).getTime() : (v as number));
          return { kind: 'fact', field, op, value: key(a) <= key(b) ? [a, b] : [b, a] };
        });
      if (op === 'in' || op === 'nin') return fc.uniqueArray(single, { minLength: 1, maxLength: 3 }).map((value) => ({ kind: 'fact', field, op, value }));
      return single.map((value) => ({ kind: 'fact', field, op, value }));
    });
  });
}

export function segmentArbitrary(now: Date, tagIds: readonly number[], objectIds: readonly number[] = [1, 2]): fc.Arbitrary<SegmentGroup> {
  const leaf: fc.Arbitrary<SegmentCondition> = fc.oneof(
    { weight: 4, arbitrary: factConditionArbitrary(now) },
    {
      weight: 1,
      arbitrary: fc.record(
        {
          kind: fc.constant('event' as const),
          event: fc.constantFrom(...BEHAVIOUR_EVENTS),
          withinDays: fc.constantFrom(1, 7, 30, 90),
          op: fc.constantFrom('gte' as const, 'lt' as const),
          count: fc.constantFrom(1, 2),
          objectId: fc.constantFrom(...objectIds),
        },
        { requiredKeys: ['kind', 'event', 'withinDays'] },
      ),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('tag' as const),
        op: fc.constantFrom('hasAny' as const, 'hasAll' as const, 'hasNone' as const),
        tagIds: fc.uniqueArray(fc.constantFrom(...tagIds), { minLength: 1, maxLength: 2 }),
      }),
    },
  );
  const { group } = fc.letrec<{ group: SegmentGroup; node: SegmentCondition }>((tie) => ({
    group: fc.record({
      kind: fc.constant('group' as const),
      match: fc.constantFrom('all' as const, 'any' as const),
      conditions: fc.array(tie('node'), { minLength: 1, maxLength: 3 }),
    }),
    node: fc.oneof({ depthSize: 'small', maxDepth: 2, withCrossShrink: true }, leaf, leaf, tie('group')),
  }));
  return group;
}
