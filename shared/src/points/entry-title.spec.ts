import { pointsEntryTitle } from './entry-title';

describe('pointsEntryTitle', () => {
  it.each([
    [{ kind: 'spend', refType: 'order', note: '订单 O261126193012345678901234 抵扣' }, '订单消费抵扣'],
    [{ kind: 'earn', refType: 'order', note: '订单 O261126193012345678901234 获得' }, '下单赠送'],
    [{ kind: 'restore', refType: 'order', note: '订单取消退回' }, '订单取消，积分退回'],
    [{ kind: 'earn', refType: 'order', note: '首单奖励' }, '首单奖励'],
    [{ kind: 'clawback', refType: 'order', note: '退款扣回赠送积分' }, '退款扣回赠送积分'],
    [{ kind: 'spend', refType: 'redemption', note: '兑换 品牌帆布托特包' }, '兑换「品牌帆布托特包」'],
    [{ kind: 'spend', refType: 'redemption', note: '兑换「陶瓷马克杯」' }, '兑换「陶瓷马克杯」'],
    [{ kind: 'spend', refType: 'redemption', note: '' }, '积分兑换'],
    [{ kind: 'restore', refType: 'redemption', note: '兑换未支付，退回积分' }, '兑换未完成，积分退回'],
    [{ kind: 'earn', refType: 'sign_in', note: '连续签到 7 天' }, '连续签到 7 天'],
    [{ kind: 'earn', refType: 'sign_in', note: '' }, '每日签到'],
    [{ kind: 'expire', refType: 'lot', note: '积分到期' }, '积分到期'],
    [{ kind: 'adjust', refType: 'adjustment', note: '' }, '人工调整'],
    [{ kind: 'earn', refType: 'membership', note: '开通SVIP 月卡' }, '开通SVIP 月卡'],
    [{ kind: 'clawback', refType: 'after_sale', note: '订单 O261126193012345678901234 退款' }, '订单退款'],
  ] as const)('%o → %s', (entry, title) => {
    expect(pointsEntryTitle(entry)).toBe(title);
  });
});
