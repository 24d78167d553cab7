/**
 * Beijing time (UTC+8, no daylight saving) for calendar questions: which day a sign-in belongs to,
 * month boundaries for caps and reports, and the timestamps WeChat expects. The one place that
 * knows the offset; everything else asks here.
 */
export const BEIJING_OFFSET_MS = 8 * 3600_000;
/** A day in milliseconds (windows of N days are N × 24 h, not calendar days). */
export const DAY_MS = 86_400_000;

/** The instant shifted so that its UTC fields read as Beijing wall-clock fields. */
function shifted(at: Date | number | string): Date {
  return new Date(new Date(at).getTime() + BEIJING_OFFSET_MS);
}

/** 2026-11-26 */
export function beijingDate(at: Date | number | string = new Date()): string {
  return shifted(at).toISOString().slice(0, 10);
}

/** 2026-11 */
export function beijingMonth(at: Date | number | string = new Date()): string {
  return shifted(at).toISOString().slice(0, 7);
}

/** 2026-11-26 09:30 */
export function beijingMinute(at: Date | number | string): string {
  return shifted(at).toISOString().slice(0, 16).replace('T', ' ');
}

/** 09:30 — the time of day alone, for a moment later today (a code's expiry). */
export function beijingTime(at: Date | number | string): string {
  return shifted(at).toISOString().slice(11, 16);
}

/** RFC 3339 with the +08:00 offset, as WeChat Pay writes times: 2026-11-26T09:30:00+08:00 */
export function beijingRfc3339(at: Date | number | string): string {
  return shifted(at)
    .toISOString()
    .replace(/\.\d{3}Z$/, '+08:00');
}

/** yyMMddHHmmss, for human-readable prefixes of trade numbers. */
export function beijingCompact(at: Date | number | string = new Date()): string {
  return shifted(at).toISOString().replace(/\D/g, '').slice(2, 14);
}

/** The instant a Beijing calendar day (yyyy-MM-dd) starts. */
export function beijingDayStart(day: string): Date {
  return new Date(`${day}T00:00:00+08:00`);
}

/** [start of this Beijing month, start of the next) for the month containing `at`. */
export function beijingMonthRange(at: Date | number | string = new Date()): { from: Date; to: Date } {
  const s = shifted(at);
  return {
    from: new Date(Date.UTC(s.getUTCFullYear(), s.getUTCMonth(), 1) - BEIJING_OFFSET_MS),
    to: new Date(Date.UTC(s.getUTCFullYear(), s.getUTCMonth() + 1, 1) - BEIJING_OFFSET_MS),
  };
}

/** Month of the year (1–12) in Beijing. */
export function beijingMonthOfYear(at: Date | number | string = new Date()): number {
  return shifted(at).getUTCMonth() + 1;
}
