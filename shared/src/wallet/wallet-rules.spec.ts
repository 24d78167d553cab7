import fc from 'fast-check';
import { bonusForfeit, planWithdrawalRefunds, rechargeCredit, splitRefund, splitSpend, SPEND_RULES, type BalanceSplit } from './wallet-rules';

describe('splitSpend', () => {
  it.each([
    [{ principalFen: 10000, bonusFen: 1000 }, 1100, 'proportional', { principalFen: 1000, bonusFen: 100 }],
    [{ principalFen: 10000, bonusFen: 1000 }, 1, 'proportional', { principalFen: 1, bonusFen: 0 }],
    [{ principalFen: 100, bonusFen: 100 }, 3, 'proportional', { principalFen: 2, bonusFen: 1 }],
    [{ principalFen: 500, bonusFen: 300 }, 400, 'bonus_first', { principalFen: 100, bonusFen: 300 }],
    [{ principalFen: 500, bonusFen: 300 }, 400, 'principal_first', { principalFen: 400, bonusFen: 0 }],
    [{ principalFen: 0, bonusFen: 300 }, 300, 'proportional', { principalFen: 0, bonusFen: 300 }],
  ] as const)('%j pays %i by %s as %j', (balance, amount, rule, expected) => {
    expect(splitSpend(balance, amount, rule)).toEqual(expected);
  });

  it('returns null when the balance is short', () => {
    expect(splitSpend({ principalFen: 50, bonusFen: 49 }, 100, 'proportional')).toBeNull();
  });

  it('never takes more of a part than there is, and always sums to the amount', () => {
    fc.assert(
      fc.property(fc.nat(10_000_000), fc.nat(10_000_000), fc.nat(20_000_000), fc.constantFrom(...SPEND_RULES), (principalFen, bonusFen, amount, rule) => {
        const split = splitSpend({ principalFen, bonusFen }, amount, rule);
        if (amount > principalFen + bonusFen) return expect(split).toBeNull();
        expect(split!.principalFen + split!.bonusFen).toBe(amount);
        expect(split!.principalFen).toBeGreaterThanOrEqual(0);
        expect(split!.bonusFen).toBeGreaterThanOrEqual(0);
        expect(split!.principalFen).toBeLessThanOrEqual(principalFen);
        expect(split!.bonusFen).toBeLessThanOrEqual(bonusFen);
      }),
    );
  });
});

describe('splitRefund', () => {
  it('returns the recorded split on a full refund', () => {
    expect(splitRefund({ principalFen: 700, bonusFen: 300 }, { principalFen: 0, bonusFen: 0 }, 1000)).toEqual({ principalFen: 700, bonusFen: 300 });
  });

  it('partial refunds in any order return exactly the recorded split in total', () => {
    fc.assert(
      fc.property(fc.nat(100_000), fc.nat(100_000), fc.array(fc.integer({ min: 1, max: 1000 }), { maxLength: 20 }), (p, b, weights) => {
        const spent: BalanceSplit = { principalFen: p, bonusFen: b };
        const total = p + b;
        // Cut the total into pieces proportional to the random weights; the last piece takes the rest.
        const pieces: number[] = [];
        let left = total;
        for (const w of weights) {
          const piece = Math.min(left, Math.floor((total * w) / 5000));
          pieces.push(piece);
          left -= piece;
        }
        pieces.push(left);
        const refunded = { principalFen: 0, bonusFen: 0 };
        for (const piece of pieces) {
          const part = splitRefund(spent, refunded, piece);
          expect(part.principalFen + part.bonusFen).toBe(piece);
          expect(part.principalFen).toBeGreaterThanOrEqual(0);
          expect(part.bonusFen).toBeGreaterThanOrEqual(0);
          refunded.principalFen += part.principalFen;
          refunded.bonusFen += part.bonusFen;
        }
        expect(refunded).toEqual(spent);
      }),
    );
  });

  it('refuses to refund more than is left', () => {
    expect(() => splitRefund({ principalFen: 10, bonusFen: 0 }, { principalFen: 5, bonusFen: 0 }, 6)).toThrow(RangeError);
  });
});

describe('recharge and withdrawal rules', () => {
  it('credits a plan or a custom amount within bounds', () => {
    expect(rechargeCredit({ plan: { payFen: 50000, bonusFen: 5000 } })).toEqual({ principalFen: 50000, bonusFen: 5000 });
    const terms = { enabled: true, minFen: 1000, maxFen: 500000, bonusRateBps: 500 };
    expect(rechargeCredit({ customFen: 12345, terms })).toEqual({ principalFen: 12345, bonusFen: 617 });
    expect(rechargeCredit({ customFen: 999, terms })).toBeNull();
    expect(rechargeCredit({ customFen: 500001, terms })).toBeNull();
    expect(rechargeCredit({ customFen: 5000, terms: { ...terms, enabled: false } })).toBeNull();
  });

  it('plans withdrawal refunds oldest first, partially, within what each payment has left', () => {
    const recharges = [
      { paymentId: 1, paidFen: 10000, refundedFen: 10000 },
      { paymentId: 2, paidFen: 5000, refundedFen: 1000 },
      { paymentId: 3, paidFen: 20000, refundedFen: 0 },
    ];
    expect(planWithdrawalRefunds(7000, recharges)).toEqual([
      { paymentId: 2, amountFen: 4000 },
      { paymentId: 3, amountFen: 3000 },
    ]);
    expect(planWithdrawalRefunds(24001, recharges)).toBeNull();
  });

  it('forfeits bonus in proportion to the principal withdrawn', () => {
    expect(bonusForfeit({ principalFen: 10000, bonusFen: 1000 }, 10000)).toBe(1000);
    expect(bonusForfeit({ principalFen: 10000, bonusFen: 1000 }, 5000)).toBe(500);
    expect(bonusForfeit({ principalFen: 10000, bonusFen: 999 }, 1)).toBe(1);
    expect(bonusForfeit({ principalFen: 0, bonusFen: 50 }, 0)).toBe(50);
  });
});
