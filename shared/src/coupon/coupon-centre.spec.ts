import fc from 'fast-check';
import { claimedPercent, couponClaimState } from './coupon-centre';

describe('coupon centre', () => {
  it.each([
    [0, 1000, 0],
    [1, 1000, 1],
    [5, 1000, 1],
    [10, 1000, 1],
    [11, 1000, 2],
    [500, 1000, 50],
    [999, 1000, 99],
    [1000, 1000, 100],
    [1200, 1000, 100],
    [3, null, 0],
  ])('%i of %p claimed reads %i%%', (issued, total, percent) => {
    expect(claimedPercent(issued, total)).toBe(percent);
  });

  it('any claim shows a non-zero share, and 100% only when none is left', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 0, max: 1_000_000 }), (total, issued) => {
        const p = claimedPercent(issued, total);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(100);
        expect(p > 0).toBe(issued > 0);
        expect(p === 100).toBe(issued >= total);
      }),
    );
  });

  it('claimable, claimed once the member reaches the limit, sold out when none is left', () => {
    expect(couponClaimState({ issued: 0, total: 10, perMemberLimit: 1, mine: 0 })).toBe('claimable');
    expect(couponClaimState({ issued: 1, total: 10, perMemberLimit: 1, mine: 1 })).toBe('claimed');
    expect(couponClaimState({ issued: 2, total: 10, perMemberLimit: 2, mine: 1 })).toBe('claimable');
    expect(couponClaimState({ issued: 10, total: 10, perMemberLimit: 1, mine: 1 })).toBe('sold_out');
    expect(couponClaimState({ issued: 10, total: 10, perMemberLimit: null, mine: 0 })).toBe('sold_out');
    expect(couponClaimState({ issued: 99, total: null, perMemberLimit: null, mine: 5 })).toBe('claimable');
  });
});
