import { beijingDate, beijingDayStart, beijingMinute, beijingMonthRange, formatYuan, parseYuan, type Fen } from '@mall/shared';

/** Money in a table cell: ¥12.30, or - when there is none. */
export const yuan = (fen: Fen | null | undefined) => (fen === null || fen === undefined ? '-' : `¥${formatYuan(fen)}`);

/** An instant as Beijing wall-clock time (the brand's time zone, wherever the operator's browser is). */
export const dateTime = (iso: string | null | undefined) => (iso ? beijingMinute(iso) : '-');

/**
 * Exact reading of a typed amount with up to two decimals, sign allowed: "-12.5" → -1250.
 * Money goes through parseYuan (digits, never float arithmetic); rates in hundredths (percent → bps) reuse the same rule.
 */
export function parseHundredths(input: string | number | null | undefined): number | null {
  if (input === null || input === undefined) return null;
  const text = String(input).trim();
  const negative = text.startsWith('-');
  const value = parseYuan(negative ? text.slice(1) : text);
  return value === null ? null : negative ? -value : value;
}

/** The inverse of parseHundredths for an input's text: -1250 → "-12.50". */
export const hundredthsText = (value: number) => formatYuan(value);

const DAY_MS = 86_400_000;

/** Beijing calendar days [first, last] (YYYY-MM-DD, inclusive) as the ISO instants [from, to) the server filters by. */
export function beijingDays(first: string, last: string): { from: string; to: string } {
  return {
    from: beijingDayStart(first).toISOString(),
    to: new Date(beijingDayStart(last).getTime() + DAY_MS).toISOString(),
  };
}

/** The current Beijing month as inclusive calendar days. */
export function thisMonthDays(): [string, string] {
  const { from, to } = beijingMonthRange();
  return [beijingDate(from), beijingDate(to.getTime() - 1)];
}

/** The last `n` Beijing calendar days, today included. */
export function lastDays(n: number): [string, string] {
  return [beijingDate(Date.now() - (n - 1) * DAY_MS), beijingDate()];
}

/** The last second of a Beijing calendar day, for "valid until" dates picked as days. */
export function beijingEndOfDay(day: string): string {
  return new Date(beijingDayStart(day).getTime() + DAY_MS - 1000).toISOString();
}
