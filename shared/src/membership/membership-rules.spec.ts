import fc from 'fast-check';
import { membershipStatus, nextPeriod, periodEnd, renewalRate, type MembershipPeriod } from './membership-rules';

const d = (iso: string) => new Date(iso);

describe('membership periods', () => {
  it('buying twice gives two consecutive periods; buying after expiry starts now', () => {
    const now = d('2026-11-22T00:00:00Z');
    const first = nextPeriod([], { unit: 'month', days: 0 }, now);
    expect(first).toEqual({ startsAt: now, endsAt: d('2026-12-22T00:00:00Z') });
    const second = nextPeriod([first], { unit: 'quarter', days: 0 }, d('2026-11-25T00:00:00Z'));
    expect(second).toEqual({ startsAt: d('2026-12-22T00:00:00Z'), endsAt: d('2027-03-22T00:00:00Z') });
    const later = d('2027-05-01T00:00:00Z');
    expect(nextPeriod([first, second], { unit: 'days', days: 10 }, later)).toEqual({ startsAt: later, endsAt: d('2027-05-11T00:00:00Z') });
  });

  it('stacked periods never overlap or leave gaps while bought before expiry', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('month', 'quarter', 'year', 'days'), fc.integer({ min: 1, max: 400 }), fc.integer({ min: 0, max: 200 })), {
          minLength: 1,
          maxLength: 12,
        }),
        (buys) => {
          const periods: MembershipPeriod[] = [];
          let now = d('2026-01-01T00:00:00Z');
          for (const [unit, days, waitDays] of buys) {
            now = new Date(now.getTime() + waitDays * 86_400_000);
            const before = periods.length ? periods[periods.length - 1].endsAt : null;
            const p = nextPeriod(periods, { unit: unit as 'days', days }, now);
            expect(p.endsAt.getTime()).toBeGreaterThan(p.startsAt.getTime());
            if (before && before > now) expect(p.startsAt).toEqual(before);
            else expect(p.startsAt).toEqual(now);
            periods.push(p);
          }
        },
      ),
    );
  });

  it('status is derived from periods with a grace window', () => {
    const p = { startsAt: d('2026-01-01T00:00:00Z'), endsAt: d('2026-02-01T00:00:00Z') };
    expect(membershipStatus([], d('2026-01-05T00:00:00Z'), 7).status).toBe('none');
    expect(membershipStatus([p], d('2026-01-05T00:00:00Z'), 7).status).toBe('active');
    expect(membershipStatus([p], d('2026-02-03T00:00:00Z'), 7).status).toBe('grace');
    expect(membershipStatus([p], d('2026-02-09T00:00:00Z'), 7).status).toBe('expired');
    expect(periodEnd(d('2026-01-31T00:00:00Z'), { unit: 'month', days: 0 }).toISOString()).toBe('2026-02-28T00:00:00.000Z');
  });
});

describe('renewal rate over a seeded cohort (hand count)', () => {
  it('counts renewals within the grace window', () => {
    const m = (s: string, e: string) => ({ startsAt: d(s), endsAt: d(e) });
    const cohort = new Map<number, MembershipPeriod[]>([
      [1, [m('2026-01-01', '2026-02-01'), m('2026-02-01', '2026-03-01')]], // stacked: run ends 03-01, outside window
      [2, [m('2026-01-10', '2026-02-10'), m('2026-02-12', '2026-03-12')]], // expired 02-10, renewed 2 days later
      [3, [m('2026-01-15', '2026-02-15')]], // expired 02-15, never renewed
      [4, [m('2026-01-20', '2026-02-20'), m('2026-03-15', '2026-04-15')]], // renewed 23 days later: outside 7-day grace
      [5, [m('2025-12-01', '2026-01-01')]], // expired before the window
    ]);
    // February cohort: members 2, 3, 4 expired; only member 2 renewed in grace.
    expect(renewalRate(cohort, d('2026-02-01'), d('2026-03-01'), 7)).toEqual({ expired: 3, renewed: 1, rate: 1 / 3 });
  });
});
