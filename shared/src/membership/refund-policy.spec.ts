import fc from 'fast-check';
import { MEMBERSHIP_REFUND_POLICIES, quoteMembershipRefund, type RefundQuoteInput } from './refund-policy';

const paidAt = new Date('2026-11-01T00:00:00Z');
const base: RefundQuoteInput = {
  policy: 'deduct_savings',
  priceFen: 1900,
  paidAt,
  refundDays: 7,
  savedFen: 0,
  isLatest: true,
  now: new Date('2026-11-03T00:00:00Z'),
};

describe('quoteMembershipRefund', () => {
  it.each([
    [{ policy: 'none' as const }, false, 0, '该会员方案不支持退款'],
    [{ isLatest: false }, false, 0, '请先退最近一次续费'],
    [{ now: new Date('2026-11-09T00:00:00Z') }, false, 0, '开通 7 天内可申请退款，已超过期限'],
    [{ policy: 'full_if_unused' as const }, true, 1900, null],
    [{ policy: 'full_if_unused' as const, savedFen: 1 }, false, 0, '已使用会员权益，不支持退款'],
    [{ savedFen: 600 }, true, 1300, null],
    [{ savedFen: 5000 }, false, 0, '已享优惠已超过会员费，无可退金额'],
  ])('%j → refundable %s, ¥%s', (over, refundable, amountFen, reason) => {
    expect(quoteMembershipRefund({ ...base, ...over })).toMatchObject({ refundable, amountFen, reason });
  });

  it('never refunds more than the price or less than nothing; deducting savings keeps price = refund + deduction', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...MEMBERSHIP_REFUND_POLICIES),
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: -100, max: 200_000 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 40 * 86_400_000 }),
        fc.boolean(),
        (policy, priceFen, savedFen, refundDays, elapsed, isLatest) => {
          const q = quoteMembershipRefund({ policy, priceFen, savedFen, refundDays, isLatest, paidAt, now: new Date(paidAt.getTime() + elapsed) });
          expect(q.amountFen).toBeGreaterThanOrEqual(0);
          expect(q.amountFen).toBeLessThanOrEqual(priceFen);
          expect(q.refundable).toBe(q.amountFen > 0);
          if (q.refundable && policy === 'deduct_savings') expect(q.amountFen + q.deductedFen).toBe(priceFen);
          if (q.refundable) expect(q.reason).toBeNull();
          else expect(q.reason).toMatch(/[\u4e00-\u9fa5]/);
        },
      ),
    );
  });
});
