import fc from 'fast-check';
import { beijingCompact, beijingDate, beijingDayStart, beijingMinute, beijingTime, beijingMonth, beijingMonthRange, beijingRfc3339 } from './beijing';

describe('Beijing time', () => {
  it('puts an instant after 16:00 UTC on the next Beijing day', () => {
    expect(beijingDate(new Date('2026-11-25T15:59:59Z'))).toBe('2026-11-25');
    expect(beijingDate(new Date('2026-11-25T16:00:00Z'))).toBe('2026-11-26');
    expect(beijingMonth(new Date('2026-11-30T16:00:00Z'))).toBe('2026-12');
  });

  it('formats for people and for WeChat', () => {
    const at = new Date('2026-11-26T01:30:05.123Z');
    expect(beijingMinute(at)).toBe('2026-11-26 09:30');
    expect(beijingRfc3339(at)).toBe('2026-11-26T09:30:05+08:00');
    expect(beijingCompact(at)).toBe('261126093005');
    expect(beijingTime(at)).toBe('09:30');
    expect(beijingTime('2026-11-25T16:05:00Z')).toBe('00:05');
  });

  it('day start and month range are the Beijing midnights', () => {
    expect(beijingDayStart('2026-11-26').toISOString()).toBe('2026-11-25T16:00:00.000Z');
    const { from, to } = beijingMonthRange(new Date('2026-12-31T17:00:00Z'));
    expect(from.toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(to.toISOString()).toBe('2027-01-31T16:00:00.000Z');
  });

  it('every instant lies in its own Beijing day and month range', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }), (at) => {
        const start = beijingDayStart(beijingDate(at));
        expect(start.getTime()).toBeLessThanOrEqual(at.getTime());
        expect(at.getTime() - start.getTime()).toBeLessThan(86_400_000);
        const { from, to } = beijingMonthRange(at);
        expect(from.getTime()).toBeLessThanOrEqual(at.getTime());
        expect(at.getTime()).toBeLessThan(to.getTime());
        expect(beijingMonth(from)).toBe(beijingMonth(at));
      }),
    );
  });
});
