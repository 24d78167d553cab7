import { describeBenefit, validateBenefitSpec } from './describe-benefit';

describe('benefit specs', () => {
  it.each([
    [{ type: 'member_discount', priceBps: 9000 }, '全场9折'],
    [{ type: 'member_discount', priceBps: 9500, categoryIds: [1] }, '指定商品9.5折'],
    [{ type: 'points_multiplier', multiplierPct: 150 }, '积分1.5倍'],
    [{ type: 'free_shipping', minOrderFen: 9900 }, '满¥99包邮'],
    [{ type: 'early_access', minutes: 30 }, '秒杀提前30分钟'],
  ] as const)('%j reads %s and is valid', (spec, text) => {
    expect(validateBenefitSpec(spec)).toEqual([]);
    expect(describeBenefit(spec as never)).toBe(text);
  });

  it.each([
    [{ type: 'member_discount', priceBps: 10000 }],
    [{ type: 'member_discount', priceBps: 85.5 }],
    [{ type: 'points_multiplier', multiplierPct: 100 }],
    [{ type: 'monthly_coupon_pack', couponTemplateIds: [] }],
    [{ type: 'birthday_gift' }],
    [{ type: 'teleport' }],
    [null],
  ])('rejects %j', (spec) => {
    expect(validateBenefitSpec(spec).length).toBeGreaterThan(0);
  });
});
