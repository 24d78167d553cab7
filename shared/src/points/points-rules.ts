/**
 * Points (积分) rules, pure. Every earn is a lot with an expiry; spending and clawbacks take from the
 * earliest-expiring lots first (then the oldest); expiry removes what is left of a lot.
 */
import { BEIJING_OFFSET_MS } from '../time/beijing';

export interface PointsLot {
  id: number;
  remaining: number;
  expiresAt: Date;
}

export interface LotTake {
  lotId: number;
  points: number;
}

export type ExpiryPolicy = { kind: 'rolling'; months: number } | { kind: 'annual'; month: number; day: number };

/** Live lots in the order they are consumed: earliest expiry first, then lowest id. */
export function fifoOrder<T extends PointsLot>(lots: readonly T[], now: Date): T[] {
  return lots.filter((l) => l.remaining > 0 && l.expiresAt > now).sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime() || a.id - b.id);
}

/** Which lots pay `points`; null when the live balance is short. */
export function planSpend(lots: readonly PointsLot[], points: number, now: Date): LotTake[] | null {
  if (!Number.isSafeInteger(points) || points <= 0) throw new RangeError('points must be a positive integer');
  const takes: LotTake[] = [];
  let left = points;
  for (const lot of fifoOrder(lots, now)) {
    if (left === 0) break;
    const take = Math.min(lot.remaining, left);
    takes.push({ lotId: lot.id, points: take });
    left -= take;
  }
  return left === 0 ? takes : null;
}

/** A clawback takes what it can (FIFO) and reports the shortfall instead of going negative. */
export function planClawback(lots: readonly PointsLot[], points: number, now: Date): { takes: LotTake[]; shortfall: number } {
  const takes: LotTake[] = [];
  let left = points;
  for (const lot of fifoOrder(lots, now)) {
    if (left === 0) break;
    const take = Math.min(lot.remaining, left);
    takes.push({ lotId: lot.id, points: take });
    left -= take;
  }
  return { takes, shortfall: left };
}

function endOfDayBeijing(year: number, monthIndex: number, day: number): Date {
  // 23:59:59.999 Beijing (UTC+8) of that date.
  return new Date(Date.UTC(year, monthIndex, day, 15, 59, 59, 999));
}

/** When points earned at `earnedAt` expire. Rolling: N months later (end of that day, Beijing). Annual: the clear date of the next year. */
export function expiryFor(policy: ExpiryPolicy, earnedAt: Date): Date {
  const beijing = new Date(earnedAt.getTime() + BEIJING_OFFSET_MS);
  if (policy.kind === 'rolling') {
    const y = beijing.getUTCFullYear();
    const m = beijing.getUTCMonth() + policy.months;
    const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
    return endOfDayBeijing(y, m, Math.min(beijing.getUTCDate(), lastDay));
  }
  const lastDay = new Date(Date.UTC(beijing.getUTCFullYear() + 1, policy.month, 0)).getUTCDate();
  return endOfDayBeijing(beijing.getUTCFullYear() + 1, policy.month - 1, Math.min(policy.day, lastDay));
}

/** Points for a paid amount: base per whole yuan × multiplier (100 = 1×), rounded down. */
export function pointsForPaid(paidFen: number, basePerYuan: number, multiplierPct = 100): number {
  if (paidFen <= 0) return 0;
  return Math.floor((Math.floor(paidFen / 100) * basePerYuan * multiplierPct) / 100);
}

export interface DeductionRule {
  /** Points worth ¥1 (e.g. 100). */
  pointsPerYuan: number;
  /** At most this share of the order (5000 = 50 %). */
  maxShareBps: number;
}

/** The most points an order of `orderFen` may use: capped by the share rule and whole fen. */
export function maxDeductiblePoints(orderFen: number, balance: number, rule: DeductionRule): number {
  const maxFen = Math.floor((orderFen * rule.maxShareBps) / 10_000);
  const byShare = Math.floor((maxFen * rule.pointsPerYuan) / 100);
  const usable = Math.min(balance, byShare);
  // Only multiples that convert to whole fen.
  const step = rule.pointsPerYuan % 100 === 0 ? rule.pointsPerYuan / 100 : rule.pointsPerYuan;
  return usable - (usable % step);
}

export function pointsToFen(points: number, rule: DeductionRule): number {
  return Math.floor((points * 100) / rule.pointsPerYuan);
}

/** Sign-in streak: consecutive days ending today (dates as YYYY-MM-DD in Beijing time). */
export function signInStreak(signedDates: readonly string[], today: string): number {
  const set = new Set(signedDates);
  let streak = 0;
  const day = new Date(`${today}T00:00:00Z`);
  while (set.has(day.toISOString().slice(0, 10))) {
    streak += 1;
    day.setUTCDate(day.getUTCDate() - 1);
  }
  return streak;
}

/** The scene a member's share link carries, so whoever registers through it counts as invited by them. */
export function referralScene(memberId: number): string {
  return `r${memberId}`;
}

export function parseReferralScene(scene: string | null | undefined): number | null {
  const match = scene ? /^r([1-9]\d{0,9})$/.exec(scene) : null;
  return match ? Number(match[1]) : null;
}
