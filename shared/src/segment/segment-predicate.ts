import { DAY_MS } from '../time/beijing';
import {
  BEHAVIOUR_EVENT_LABELS,
  FACT_FIELDS,
  type EventCondition,
  type FactCondition,
  type FactFieldSpec,
  type MemberFacts,
  type SegmentCondition,
  type SegmentGroup,
  type TagCondition,
  type BehaviourEventType,
} from './segment-definition';

export interface SegmentSubjectEvent {
  type: BehaviourEventType;
  objectId: number | null;
  at: Date;
}

/** Everything a segment may look at for one member. */
export interface SegmentSubject {
  facts: MemberFacts;
  tagIds: readonly number[];
  events: readonly SegmentSubjectEvent[];
}

type Scalar = number | string | boolean;

function comparable(spec: FactFieldSpec, v: unknown): number | string | boolean {
  if (spec.kind === 'date') return new Date(v as Date | string).getTime();
  return v as Scalar;
}

function factHolds(c: FactCondition, facts: MemberFacts, now: Date): boolean {
  const spec: FactFieldSpec = FACT_FIELDS[c.field];
  const raw = facts[c.field] as unknown;
  if (c.op === 'isNull') return raw === null || raw === undefined;
  if (c.op === 'notNull') return raw !== null && raw !== undefined;
  if (raw === null || raw === undefined) return false;
  const value = comparable(spec, raw);
  const nowMs = now.getTime();
  switch (c.op) {
    case 'withinDays':
      return (value as number) >= nowMs - (c.value as number) * DAY_MS;
    case 'olderThanDays':
      return (value as number) < nowMs - (c.value as number) * DAY_MS;
    case 'nextDays':
      return (value as number) >= nowMs && (value as number) <= nowMs + (c.value as number) * DAY_MS;
    case 'between': {
      const [lo, hi] = (c.value as unknown[]).map((x) => comparable(spec, x));
      return value >= lo && value <= hi;
    }
    case 'in':
      return (c.value as unknown[]).some((x) => comparable(spec, x) === value);
    case 'nin':
      return !(c.value as unknown[]).some((x) => comparable(spec, x) === value);
    case 'eq':
      return value === comparable(spec, c.value);
    case 'ne':
      return value !== comparable(spec, c.value);
    case 'gt':
      return value > comparable(spec, c.value);
    case 'gte':
      return value >= comparable(spec, c.value);
    case 'lt':
      return value < comparable(spec, c.value);
    case 'lte':
      return value <= comparable(spec, c.value);
    default:
      throw new Error(`unknown operator ${c.op}`);
  }
}

function eventHolds(c: EventCondition, events: readonly SegmentSubjectEvent[], now: Date): boolean {
  const since = now.getTime() - c.withinDays * DAY_MS;
  const count = events.filter((e) => e.type === c.event && e.at.getTime() >= since && (c.objectId === undefined || e.objectId === c.objectId)).length;
  const threshold = c.count ?? 1;
  return (c.op ?? 'gte') === 'gte' ? count >= threshold : count < threshold;
}

function tagHolds(c: TagCondition, tagIds: readonly number[]): boolean {
  const has = new Set(tagIds);
  if (c.op === 'hasAny') return c.tagIds.some((id) => has.has(id));
  if (c.op === 'hasAll') return c.tagIds.every((id) => has.has(id));
  return !c.tagIds.some((id) => has.has(id));
}

/** The reference meaning of a (validated) segment definition for one member at `now`. */
export function matchesSegment(condition: SegmentCondition, subject: SegmentSubject, now: Date): boolean {
  switch (condition.kind) {
    case 'group': {
      const group = condition as SegmentGroup;
      return group.match === 'all'
        ? group.conditions.every((c) => matchesSegment(c, subject, now))
        : group.conditions.some((c) => matchesSegment(c, subject, now));
    }
    case 'fact':
      return factHolds(condition, subject.facts, now);
    case 'event':
      return eventHolds(condition, subject.events, now);
    case 'tag':
      return tagHolds(condition, subject.tagIds);
  }
}

/** One line per condition in Chinese, for the campaign preview and the audit log. */
export function describeSegment(condition: SegmentCondition, tagName: (id: number) => string = (id) => `#${id}`): string {
  switch (condition.kind) {
    case 'group': {
      const parts = condition.conditions.map((c) => describeSegment(c, tagName));
      const joined = parts.join(condition.match === 'all' ? ' 且 ' : ' 或 ');
      return parts.length > 1 ? `(${joined})` : joined;
    }
    case 'fact': {
      const spec: FactFieldSpec = FACT_FIELDS[condition.field];
      const show = (v: unknown) =>
        spec.options && typeof v === 'string' ? (spec.options[v] ?? v) : spec.fen && typeof v === 'number' ? `¥${v / 100}` : String(v);
      const value = Array.isArray(condition.value) ? condition.value.map(show).join('、') : show(condition.value);
      const ops: Record<string, string> = {
        eq: `= ${value}`,
        ne: `≠ ${value}`,
        gt: `> ${value}`,
        gte: `≥ ${value}`,
        lt: `< ${value}`,
        lte: `≤ ${value}`,
        between: `介于 ${value}`,
        in: `属于 ${value}`,
        nin: `不属于 ${value}`,
        isNull: '为空',
        notNull: '不为空',
        withinDays: `在最近 ${value} 天内`,
        olderThanDays: `在 ${value} 天以前`,
        nextDays: `在未来 ${value} 天内`,
      };
      return `${spec.label} ${ops[condition.op] ?? condition.op}`;
    }
    case 'event': {
      const labels = BEHAVIOUR_EVENT_LABELS;
      const target = condition.objectId ? `(商品 #${condition.objectId})` : '';
      const threshold = condition.count ?? 1;
      return (condition.op ?? 'gte') === 'gte'
        ? `最近 ${condition.withinDays} 天${labels[condition.event]}${target}${threshold > 1 ? ` ≥ ${threshold} 次` : ''}`
        : `最近 ${condition.withinDays} 天${labels[condition.event]}${target}少于 ${threshold} 次`;
    }
    case 'tag': {
      const names = condition.tagIds.map(tagName).join('、');
      return condition.op === 'hasAny' ? `有任一标签 ${names}` : condition.op === 'hasAll' ? `同时有标签 ${names}` : `没有标签 ${names}`;
    }
  }
}
