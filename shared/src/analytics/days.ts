import { beijingDate, beijingDayStart, DAY_MS } from '../time';

/** yyyy-MM-dd, a Beijing calendar day. */
export type DayKey = string;
/** yyyy-MM, a Beijing calendar month. */
export type MonthKey = string;

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

export function isDayKey(value: unknown): value is DayKey {
  return typeof value === 'string' && DAY_RE.test(value) && beijingDate(beijingDayStart(value)) === value;
}

/** [start, end) of a Beijing day as instants. */
export function dayRange(day: DayKey): { start: Date; end: Date } {
  const start = beijingDayStart(day);
  return { start, end: new Date(start.getTime() + DAY_MS) };
}

export function addDays(day: DayKey, n: number): DayKey {
  return beijingDate(beijingDayStart(day).getTime() + n * DAY_MS);
}

/** Every day from `from` to `to`, both included (empty when from > to). */
export function daysBetween(from: DayKey, to: DayKey): DayKey[] {
  const out: DayKey[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** Whole calendar months from `from` to `to` (2026-01 → 2026-03 is 2); negative when `to` is earlier. */
export function monthsBetween(from: MonthKey, to: MonthKey): number {
  const [fy, fm] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  return (ty - fy) * 12 + (tm - fm);
}

export function addMonthKeys(month: MonthKey, n: number): MonthKey {
  const [y, m] = month.split('-').map(Number);
  const index = y * 12 + (m - 1) + n;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The longest range a dashboard query may ask for (days). */
export const ANALYTICS_MAX_RANGE_DAYS = 731;
