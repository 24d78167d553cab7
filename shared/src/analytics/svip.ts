/** SVIP renewal: of the paid periods that ended, the share renewed within the grace period. */

export const SVIP_RENEWAL_GRACE_DAYS = 30;

export interface PeriodSpan {
  id: number;
  memberId: number;
  startsAt: number;
  endsAt: number;
}

/**
 * A period counts as renewed when the same member has another period that starts no later than
 * `graceMs` after it ends and lasts beyond it (a stacked renewal starts exactly at the end; a lapsed
 * one within the grace period still counts). Overlapping grants that end earlier do not.
 */
export function isRenewed(period: PeriodSpan, others: PeriodSpan[], graceMs: number): boolean {
  return others.some((q) => q.id !== period.id && q.memberId === period.memberId && q.endsAt > period.endsAt && q.startsAt <= period.endsAt + graceMs);
}
