import fc from 'fast-check';
import { GROUP_BUY_GROUP_STATES, GROUP_BUY_MEMBER_STATES, canTransition, statesOf } from '../state';
import { groupBuyRefusal, groupBuyUnitPrice, groupMsLeft, groupSlots, groupSuccessBps, validateGroupBuyDeal, type GroupBuyDealInput } from './group-buy';

const base: GroupBuyDealInput = {
  name: '拼团',
  skuId: 1,
  groupPriceFen: 5000,
  leaderDiscountFen: 500,
  groupSize: 3,
  timeLimitMinutes: 1440,
  audience: 'everyone',
  allowRejoin: false,
  startsAt: 0,
  endsAt: 3_600_000,
};

describe('group-buy deal validation', () => {
  it('accepts a sound deal', () => expect(validateGroupBuyDeal(base, 9900)).toEqual([]));
  it.each<[Partial<GroupBuyDealInput>, keyof GroupBuyDealInput]>([
    [{ groupPriceFen: 9900 }, 'groupPriceFen'],
    [{ groupPriceFen: 0 }, 'groupPriceFen'],
    [{ groupPriceFen: 10.5 }, 'groupPriceFen'],
    [{ leaderDiscountFen: 5000 }, 'leaderDiscountFen'],
    [{ leaderDiscountFen: -1 }, 'leaderDiscountFen'],
    [{ groupSize: 1 }, 'groupSize'],
    [{ groupSize: 11 }, 'groupSize'],
    [{ timeLimitMinutes: 5 }, 'timeLimitMinutes'],
    [{ endsAt: 0 }, 'endsAt'],
    [{ name: '  ' }, 'name'],
  ])('%j is refused on %s', (change, field) => {
    expect(validateGroupBuyDeal({ ...base, ...change }, 9900).map((p) => p.field)).toContain(field);
  });

  it('any accepted deal prices every slot at least 1 fen and below the normal price', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 2, max: 200_000 }), (price, discount, sku) => {
        const deal = { ...base, groupPriceFen: price, leaderDiscountFen: discount };
        if (validateGroupBuyDeal(deal, sku).length > 0) return;
        for (const role of ['leader', 'member'] as const) {
          const unit = groupBuyUnitPrice(deal, role);
          expect(unit).toBeGreaterThanOrEqual(1);
          expect(unit).toBeLessThan(sku);
        }
        expect(groupBuyUnitPrice(deal, 'leader')).toBeLessThanOrEqual(groupBuyUnitPrice(deal, 'member'));
      }),
    );
  });
});

describe('group-buy audience', () => {
  const newDeal = { audience: 'new_member' as const, allowRejoin: false };
  it.each([
    [newDeal, { hasPhone: false, paidOrders: 0, inGroup: false }, 'NEEDS_PHONE'],
    [newDeal, { hasPhone: true, paidOrders: 1, inGroup: false }, 'NOT_NEW_MEMBER'],
    [newDeal, { hasPhone: true, paidOrders: 0, inGroup: false }, null],
    [{ audience: 'everyone' as const, allowRejoin: false }, { hasPhone: false, paidOrders: 9, inGroup: false }, null],
    [{ audience: 'everyone' as const, allowRejoin: false }, { hasPhone: false, paidOrders: 0, inGroup: true }, 'ALREADY_IN_GROUP'],
    [{ audience: 'everyone' as const, allowRejoin: true }, { hasPhone: false, paidOrders: 0, inGroup: true }, null],
  ])('%j %j → %s', (deal, applicant, refusal) => expect(groupBuyRefusal(deal, applicant)).toBe(refusal));
});

describe('group-buy helpers and state tables', () => {
  it('slots: paid members first, then empty slots, always the group size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 10 }), fc.array(fc.string(), { maxLength: 10 }), (size, paid) => {
        const slots = groupSlots(size, paid.slice(0, size));
        expect(slots).toHaveLength(size);
        expect(slots.filter((s) => s !== null)).toEqual(paid.slice(0, size));
      }),
    );
  });
  it('time left never negative', () => {
    expect(groupMsLeft(null, 5)).toBe(0);
    expect(groupMsLeft(10, 5)).toBe(5);
    expect(groupMsLeft(10, 50)).toBe(0);
  });
  it('success rate in basis points', () => {
    expect(groupSuccessBps(0, 0)).toBe(0);
    expect(groupSuccessBps(1, 2)).toBe(3333);
    expect(groupSuccessBps(3, 0)).toBe(10_000);
  });
  it('a group completes or fails, never both, and neither is left', () => {
    expect(GROUP_BUY_GROUP_STATES.transitions.completed).toEqual([]);
    expect(GROUP_BUY_GROUP_STATES.transitions.failed).toEqual([]);
    expect(canTransition(GROUP_BUY_GROUP_STATES.transitions, 'open', 'completed')).toBe(true);
    expect(canTransition(GROUP_BUY_GROUP_STATES.transitions, 'pending', 'completed')).toBe(false);
  });
  it('a slot is refunded only after it was paid, and only once', () => {
    const edges = statesOf(GROUP_BUY_MEMBER_STATES).flatMap((from) => GROUP_BUY_MEMBER_STATES.transitions[from].map((to) => `${from}→${to}`));
    expect(edges.sort()).toEqual(['held→paid', 'held→released', 'paid→refunding', 'refunding→refunded'].sort());
  });
});
