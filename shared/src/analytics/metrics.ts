/**
 * Pure arithmetic of the dashboards: ratios, averages and running balances, each defined for empty
 * inputs (a rate of nothing is null, not NaN), so charts and CSV show "—" instead of Infinity.
 */

/** numerator / denominator rounded to 4 decimals, or null when the denominator is 0. */
export function ratio(numerator: number, denominator: number): number | null {
  if (!denominator) return null;
  return Math.round((numerator / denominator) * 10_000) / 10_000;
}

/** Average order value in whole fen (rounded half up), null without orders. */
export function averageFen(totalFen: number, count: number): number | null {
  if (!count) return null;
  return Math.round(totalFen / count);
}

/** Running totals of daily deltas from an opening balance: the outstanding balance at the end of each day. */
export function runningBalance(opening: number, deltas: number[]): number[] {
  const out: number[] = [];
  let balance = opening;
  for (const d of deltas) {
    balance += d;
    out.push(balance);
  }
  return out;
}

/** Sums numeric fields of rows by a key, keeping the first-seen key order. */
export function sumBy<T extends Record<string, unknown>, K extends string>(
  rows: T[],
  keyOf: (row: T) => K,
  fields: (keyof T)[],
): Map<K, Record<string, number>> {
  const out = new Map<K, Record<string, number>>();
  for (const row of rows) {
    const key = keyOf(row);
    const acc = out.get(key) ?? Object.fromEntries(fields.map((f) => [f as string, 0]));
    for (const f of fields) acc[f as string] += Number(row[f] ?? 0);
    out.set(key, acc);
  }
  return out;
}
