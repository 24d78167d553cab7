import { DAY_MS, FACT_FIELDS, type FactCondition, type FactField, type FactFieldSpec, type SegmentCondition } from '@mall/shared';

export interface CompiledSegment {
  /** A boolean SQL expression over `f` (member_fact); never NULL, so AND/OR/NOT mean what the predicate means. */
  where: string;
  params: Record<string, unknown>;
}

export interface SegmentSqlNames {
  /** The database column of a fact field (naming strategy applied). */
  factColumn(field: FactField): string;
  memberId: string;
  eventTable: string;
  tagTable: string;
}

/**
 * Compiles a validated definition into one WHERE clause with bound parameters. Mirrors
 * `matchesSegment` exactly (a property test holds the two together): every comparison on a nullable
 * fact is guarded by IS NOT NULL, so SQL's unknown never leaks into AND/OR; windows are computed from
 * `now` here, not by the database clock.
 */
export function compileSegment(root: SegmentCondition, now: Date, names: SegmentSqlNames): CompiledSegment {
  const params: Record<string, unknown> = {};
  let seq = 0;
  const bind = (value: unknown): string => {
    const key = `s${seq++}`;
    params[key] = value;
    return `:${key}`;
  };
  const bindList = (values: unknown[]): string => {
    const key = `s${seq++}`;
    params[key] = values;
    return `(:...${key})`;
  };
  const fid = `f.${names.memberId}`;

  const fact = (c: FactCondition): string => {
    const spec: FactFieldSpec = FACT_FIELDS[c.field];
    const col = `f.${names.factColumn(c.field)}`;
    const dbValue = (v: unknown): unknown => (spec.kind === 'date' ? new Date(v as string) : spec.kind === 'boolean' ? (v ? 1 : 0) : v);
    if (c.op === 'isNull') return `(${col} IS NULL)`;
    if (c.op === 'notNull') return `(${col} IS NOT NULL)`;
    const guard = (expr: string) => `(${col} IS NOT NULL AND ${expr})`;
    switch (c.op) {
      case 'withinDays':
        return guard(`${col} >= ${bind(new Date(now.getTime() - (c.value as number) * DAY_MS))}`);
      case 'olderThanDays':
        return guard(`${col} < ${bind(new Date(now.getTime() - (c.value as number) * DAY_MS))}`);
      case 'nextDays':
        return guard(`${col} >= ${bind(now)} AND ${col} <= ${bind(new Date(now.getTime() + (c.value as number) * DAY_MS))}`);
      case 'between': {
        const [lo, hi] = c.value as unknown[];
        return guard(`${col} >= ${bind(dbValue(lo))} AND ${col} <= ${bind(dbValue(hi))}`);
      }
      case 'in':
        return guard(`${col} IN ${bindList((c.value as unknown[]).map(dbValue))}`);
      case 'nin':
        return guard(`${col} NOT IN ${bindList((c.value as unknown[]).map(dbValue))}`);
      default: {
        const ops: Record<string, string> = { eq: '=', ne: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=' };
        const op = ops[c.op];
        if (!op) throw new Error(`unknown operator ${c.op}`);
        return guard(`${col} ${op} ${bind(dbValue(c.value))}`);
      }
    }
  };

  const visit = (c: SegmentCondition): string => {
    switch (c.kind) {
      case 'group': {
        const parts = c.conditions.map(visit);
        return `(${parts.join(c.match === 'all' ? ' AND ' : ' OR ')})`;
      }
      case 'fact':
        return fact(c);
      case 'event': {
        // Non-correlated IN subqueries: MariaDB runs each once (semi-join / materialization), not once per member.
        const filters = [`e.type = ${bind(c.event)}`, `e.occurred_at >= ${bind(new Date(now.getTime() - c.withinDays * DAY_MS))}`];
        if (c.objectId !== undefined) filters.push(`e.object_id = ${bind(c.objectId)}`);
        const threshold = c.count ?? 1;
        const atLeast = (c.op ?? 'gte') === 'gte';
        if (threshold <= 0) return atLeast ? '(1 = 1)' : '(1 = 0)';
        const having = threshold === 1 ? '' : ` GROUP BY e.member_id HAVING COUNT(*) >= ${bind(threshold)}`;
        const members = `SELECT e.member_id FROM ${names.eventTable} e WHERE ${filters.join(' AND ')}${having}`;
        return atLeast ? `(${fid} IN (${members}))` : `(${fid} NOT IN (${members}))`;
      }
      case 'tag': {
        const ids = [...new Set(c.tagIds)];
        const from = `FROM ${names.tagTable} t WHERE t.tag_id IN ${bindList(ids)}`;
        if (c.op === 'hasAny') return `(${fid} IN (SELECT t.member_id ${from}))`;
        if (c.op === 'hasNone') return `(${fid} NOT IN (SELECT t.member_id ${from}))`;
        return `(${fid} IN (SELECT t.member_id ${from} GROUP BY t.member_id HAVING COUNT(*) = ${bind(ids.length)}))`;
      }
    }
  };

  return { where: visit(root), params };
}
