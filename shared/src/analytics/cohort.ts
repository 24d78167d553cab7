import { addMonthKeys, monthsBetween, type MonthKey } from './days';

export interface CohortSize {
  /** Join month of the cohort. */
  cohort: MonthKey;
  members: number;
}

export interface CohortSpend {
  cohort: MonthKey;
  /** Month the money was spent in (net of refunds of those orders). */
  month: MonthKey;
  spendFen: number;
}

export interface LtvRow {
  cohort: MonthKey;
  members: number;
  /** Index = months since joining (0 = the join month); cumulative net spend per member in fen, rounded. Null after `asOf`. */
  cumulativePerMemberFen: (number | null)[];
}

/**
 * LTV by monthly join cohort: for each cohort, cumulative spend per member by months since joining,
 * up to `asOf` (later cells are null: they have not happened yet). Spend before the join month
 * (impossible unless clocks disagree) counts in month 0. A cohort without members has per-member 0.
 */
export function ltvMatrix(sizes: CohortSize[], spend: CohortSpend[], asOf: MonthKey, maxOffset: number): LtvRow[] {
  const byCohort = new Map<MonthKey, number[]>();
  const cohorts = [...new Set([...sizes.map((s) => s.cohort), ...spend.map((s) => s.cohort)])].sort();
  for (const c of cohorts) byCohort.set(c, new Array<number>(maxOffset + 1).fill(0));
  for (const s of spend) {
    const offset = Math.max(0, monthsBetween(s.cohort, s.month));
    if (offset > maxOffset) continue;
    byCohort.get(s.cohort)![offset] += s.spendFen;
  }
  const size = new Map<MonthKey, number>();
  for (const s of sizes) size.set(s.cohort, (size.get(s.cohort) ?? 0) + s.members);
  return cohorts.map((cohort) => {
    const members = size.get(cohort) ?? 0;
    const cells = byCohort.get(cohort)!;
    let running = 0;
    const cumulativePerMemberFen = cells.map((fen, offset) => {
      if (addMonthKeys(cohort, offset) > asOf) return null;
      running += fen;
      return members ? Math.round(running / members) : 0;
    });
    return { cohort, members, cumulativePerMemberFen };
  });
}
