import fc from 'fast-check';
import {
  audienceAdmits,
  describeAudience,
  flashSalePhase,
  formatCountdown,
  MAX_EARLY_ACCESS_MINUTES,
  memberStartAt,
  soldPercent,
  validateFlashSaleEvent,
  type FlashSaleEventInput,
} from './flash-sale';

const start = new Date('2026-12-01T02:00:00Z');
const end = new Date('2026-12-01T04:00:00Z');
const minutes = (n: number) => n * 60_000;

describe('flash sale rules', () => {
  it.each([
    [0, -1, 'upcoming'],
    [60, -61, 'upcoming'],
    [60, -59, 'early_access'],
    [60, -60, 'early_access'],
    [0, 0, 'live'],
    [0, 119, 'live'],
    [60, 120, 'ended'],
  ] as const)('early access %i min, now at start %+i min → %s', (early, offset, phase) => {
    expect(flashSalePhase({ startAt: start, endAt: end, stockLeft: 5 }, new Date(start.getTime() + minutes(offset)), early)).toBe(phase);
  });

  it('sold out only once the member may buy; ended wins over sold out', () => {
    expect(flashSalePhase({ startAt: start, endAt: end, stockLeft: 0 }, start, 0)).toBe('sold_out');
    expect(flashSalePhase({ startAt: start, endAt: end, stockLeft: 0 }, new Date(start.getTime() - 1000), 0)).toBe('upcoming');
    expect(flashSalePhase({ startAt: start, endAt: end, stockLeft: 0 }, end, 0)).toBe('ended');
  });

  it('property: a member with more early access never starts later, never before the cap, never after the public start', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100, max: 5000 }), fc.integer({ min: -100, max: 5000 }), (a, b) => {
        const sa = memberStartAt(start, a).getTime();
        const sb = memberStartAt(start, b).getTime();
        if (a <= b) expect(sa).toBeGreaterThanOrEqual(sb);
        expect(sa).toBeLessThanOrEqual(start.getTime());
        expect(sa).toBeGreaterThanOrEqual(start.getTime() - minutes(MAX_EARLY_ACCESS_MINUTES));
      }),
    );
  });

  it('audiences', () => {
    const facts = { paidOrders: 0, tierLevel: 2, svip: false, inSegment: (id: number) => id === 7, inCommunityGroup: (id: number) => id === 3 };
    expect(audienceAdmits({ kind: 'everyone' }, facts)).toBe(true);
    expect(audienceAdmits({ kind: 'new_members' }, facts)).toBe(true);
    expect(audienceAdmits({ kind: 'new_members' }, { ...facts, paidOrders: 1 })).toBe(false);
    expect(audienceAdmits({ kind: 'tier_at_least', level: 2 }, facts)).toBe(true);
    expect(audienceAdmits({ kind: 'tier_at_least', level: 3 }, facts)).toBe(false);
    expect(audienceAdmits({ kind: 'svip' }, facts)).toBe(false);
    expect(audienceAdmits({ kind: 'svip' }, { ...facts, svip: true })).toBe(true);
    expect(audienceAdmits({ kind: 'segment', segmentId: 7 }, facts)).toBe(true);
    expect(audienceAdmits({ kind: 'segment', segmentId: 8 }, facts)).toBe(false);
    expect(audienceAdmits({ kind: 'community_group', groupId: 3 }, facts)).toBe(true);
    expect(audienceAdmits({ kind: 'community_group', groupId: 4 }, facts)).toBe(false);
    expect(describeAudience({ kind: 'community_group', groupId: 3 }, { group: 'VIP群' })).toBe('社群专享：VIP群');
  });

  const valid: FlashSaleEventInput = {
    name: '双12 秒杀',
    skuId: 1,
    dealPriceFen: 990,
    stockTotal: 50,
    perMemberLimit: 2,
    startAt: start,
    endAt: end,
    holdMinutes: 15,
  };

  it('validation: end after start, stock ≥ 1, price below normal', () => {
    expect(validateFlashSaleEvent(valid, 1990)).toEqual([]);
    const fields = (input: Partial<FlashSaleEventInput>, normal = 1990) => validateFlashSaleEvent({ ...valid, ...input }, normal).map((p) => p.field);
    expect(fields({ endAt: start })).toEqual(['endAt']);
    expect(fields({ stockTotal: 0, perMemberLimit: 1 })).toEqual(['stockTotal', 'perMemberLimit']);
    expect(fields({}, 990)).toEqual(['dealPriceFen']);
    expect(fields({ dealPriceFen: 0 })).toEqual(['dealPriceFen']);
    expect(fields({ perMemberLimit: 51 })).toEqual(['perMemberLimit']);
    expect(fields({ holdMinutes: 0 })).toEqual(['holdMinutes']);
  });

  it('property: a deal price is accepted exactly when it is a positive integer below the normal price', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10, max: 10_000 }), fc.integer({ min: 1, max: 10_000 }), (deal, normal) => {
        const ok = !validateFlashSaleEvent({ ...valid, dealPriceFen: deal }, normal).some((p) => p.field === 'dealPriceFen');
        expect(ok).toBe(deal >= 1 && deal < normal);
      }),
    );
  });

  it('property: sold percent stays within 0–100 and grows as stock goes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: -5, max: 1005 }), (total, left) => {
        const p = soldPercent(total, left);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(100);
        expect(soldPercent(total, left - 1)).toBeGreaterThanOrEqual(p);
      }),
    );
  });

  it('countdown', () => {
    expect(formatCountdown(-5)).toBe('00:00:00');
    expect(formatCountdown(3_723_999)).toBe('01:02:03');
    expect(formatCountdown(2 * 86_400_000 + 5000)).toBe('2 天 00:00:05');
  });
});
