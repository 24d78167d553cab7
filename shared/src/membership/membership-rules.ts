import { addMonths } from '../tier/tier-rules';

export type PeriodUnit = 'month' | 'quarter' | 'year' | 'days';

export interface PlanPeriod {
  unit: PeriodUnit;
  /** Days, when unit is 'days'. */
  days: number;
}

export interface MembershipPeriod {
  startsAt: Date;
  endsAt: Date;
}

/** End of a period that starts at `start`. */
export function periodEnd(start: Date, plan: PlanPeriod): Date {
  switch (plan.unit) {
    case 'month':
      return addMonths(start, 1);
    case 'quarter':
      return addMonths(start, 3);
    case 'year':
      return addMonths(start, 12);
    case 'days':
      return new Date(start.getTime() + plan.days * 86_400_000);
  }
}

/** A renewal starts when the current membership ends, or now if it already has: renewals stack. */
export function nextPeriod(periods: readonly MembershipPeriod[], plan: PlanPeriod, now: Date): MembershipPeriod {
  const latestEnd = periods.reduce<Date | null>((max, p) => (!max || p.endsAt > max ? p.endsAt : max), null);
  const startsAt = latestEnd && latestEnd > now ? latestEnd : now;
  return { startsAt, endsAt: periodEnd(startsAt, plan) };
}

export type MembershipStatus = 'none' | 'active' | 'grace' | 'expired';

/** Status derived from periods: active inside one, grace for `graceDays` after the last ends. */
export function membershipStatus(periods: readonly MembershipPeriod[], now: Date, graceDays: number): { status: MembershipStatus; expiresAt: Date | null } {
  if (periods.length === 0) return { status: 'none', expiresAt: null };
  const expiresAt = periods.reduce((max, p) => (p.endsAt > max ? p.endsAt : max), periods[0].endsAt);
  if (periods.some((p) => p.startsAt <= now && now < p.endsAt)) return { status: 'active', expiresAt };
  if (expiresAt > now) return { status: 'active', expiresAt }; // a future period already bought
  return { status: now.getTime() < expiresAt.getTime() + graceDays * 86_400_000 ? 'grace' : 'expired', expiresAt };
}

/**
 * Renewal rate of a cohort: of the memberships whose continuous run ended inside [from, to), the
 * share renewed with a period starting no later than `graceDays` after that end.
 */
export function renewalRate(
  periodsByMember: ReadonlyMap<number, readonly MembershipPeriod[]>,
  from: Date,
  to: Date,
  graceDays: number,
): { expired: number; renewed: number; rate: number | null } {
  let expired = 0;
  let renewed = 0;
  const graceMs = graceDays * 86_400_000;
  for (const periods of periodsByMember.values()) {
    const sorted = [...periods].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    for (let i = 0; i < sorted.length; i++) {
      const end = sorted[i].endsAt;
      // The end of a continuous run: no later period starts on or before this one's end.
      const continued = sorted.some((p, j) => j !== i && p.startsAt <= end && p.endsAt > end);
      if (continued || end < from || end >= to) continue;
      expired += 1;
      if (sorted.some((p) => p.startsAt > end && p.startsAt.getTime() <= end.getTime() + graceMs)) renewed += 1;
    }
  }
  return { expired, renewed, rate: expired === 0 ? null : renewed / expired };
}
