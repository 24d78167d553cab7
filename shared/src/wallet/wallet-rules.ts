import { allocate, assertFen, type Fen } from '../money/fen';

export interface WalletBalance {
  principalFen: Fen;
  bonusFen: Fen;
}

export interface BalanceSplit {
  principalFen: Fen;
  bonusFen: Fen;
}

/** How a balance payment draws on principal (本金) and bonus (赠送金). */
export const SPEND_RULES = ['proportional', 'bonus_first', 'principal_first'] as const;
export type SpendRule = (typeof SPEND_RULES)[number];

/**
 * Which part of the balance pays `amountFen`. Proportional splits by the current balance with
 * largest remainder (the rounding fen goes to the larger part), so neither part can exceed what is there.
 * Returns null when the balance is short.
 */
export function splitSpend(balance: WalletBalance, amountFen: Fen, rule: SpendRule): BalanceSplit | null {
  assertFen(amountFen, 'amountFen');
  if (amountFen < 0) throw new RangeError('amountFen must not be negative');
  const { principalFen, bonusFen } = balance;
  if (principalFen + bonusFen < amountFen) return null;
  if (amountFen === 0) return { principalFen: 0, bonusFen: 0 };
  if (rule === 'bonus_first') {
    const bonus = Math.min(bonusFen, amountFen);
    return { principalFen: amountFen - bonus, bonusFen: bonus };
  }
  if (rule === 'principal_first') {
    const principal = Math.min(principalFen, amountFen);
    return { principalFen: principal, bonusFen: amountFen - principal };
  }
  const [principal, bonus] = allocate(amountFen, [principalFen, bonusFen]);
  return { principalFen: principal, bonusFen: bonus };
}

/**
 * The part of an earlier spend that a refund of `refundFen` returns: the whole recorded split for a
 * full refund, else a largest-remainder share of it that never returns more of a part than the
 * spend took minus what earlier refunds already returned.
 */
export function splitRefund(spent: BalanceSplit, alreadyRefunded: BalanceSplit, refundFen: Fen): BalanceSplit {
  assertFen(refundFen, 'refundFen');
  const left = {
    principalFen: spent.principalFen - alreadyRefunded.principalFen,
    bonusFen: spent.bonusFen - alreadyRefunded.bonusFen,
  };
  if (refundFen < 0 || refundFen > left.principalFen + left.bonusFen) {
    throw new RangeError(`refund ${refundFen} exceeds the ${left.principalFen + left.bonusFen} fen left to refund`);
  }
  if (refundFen === left.principalFen + left.bonusFen) return left;
  let [principal, bonus] = allocate(refundFen, [spent.principalFen, spent.bonusFen]);
  // Earlier partial refunds may have rounded the other way: keep both parts within what is left.
  if (principal > left.principalFen) {
    bonus += principal - left.principalFen;
    principal = left.principalFen;
  }
  if (bonus > left.bonusFen) {
    principal += bonus - left.bonusFen;
    bonus = left.bonusFen;
  }
  return { principalFen: principal, bonusFen: bonus };
}

export interface RechargePlanTerms {
  payFen: Fen;
  bonusFen: Fen;
}

export interface CustomRechargeTerms {
  enabled: boolean;
  minFen: Fen;
  maxFen: Fen;
  /** Bonus for a custom amount in basis points (500 = 5 %), rounded down to the fen. */
  bonusRateBps: number;
}

/** What a recharge credits: the plan's fixed bonus, or the custom-amount rate. */
export function rechargeCredit(
  input: { plan: RechargePlanTerms } | { customFen: Fen; terms: CustomRechargeTerms },
): { principalFen: Fen; bonusFen: Fen } | null {
  if ('plan' in input) return { principalFen: input.plan.payFen, bonusFen: input.plan.bonusFen };
  const { customFen, terms } = input;
  assertFen(customFen, 'customFen');
  if (!terms.enabled || customFen < terms.minFen || customFen > terms.maxFen || customFen <= 0) return null;
  return { principalFen: customFen, bonusFen: Math.floor((customFen * terms.bonusRateBps) / 10_000) };
}

export interface RechargeRefundable {
  paymentId: number;
  /** Principal this recharge paid in (its cash amount). */
  paidFen: Fen;
  /** Already refunded through this payment. */
  refundedFen: Fen;
}

/**
 * A withdrawal of `amountFen` principal goes back through the original recharge payments, oldest
 * first, each at most what it still has unrefunded. Returns null if they cannot cover it.
 */
export function planWithdrawalRefunds(amountFen: Fen, rechargesOldestFirst: readonly RechargeRefundable[]): { paymentId: number; amountFen: Fen }[] | null {
  assertFen(amountFen, 'amountFen');
  const plan: { paymentId: number; amountFen: Fen }[] = [];
  let left = amountFen;
  for (const r of rechargesOldestFirst) {
    if (left === 0) break;
    const available = r.paidFen - r.refundedFen;
    if (available <= 0) continue;
    const take = Math.min(available, left);
    plan.push({ paymentId: r.paymentId, amountFen: take });
    left -= take;
  }
  return left === 0 ? plan : null;
}

/** Bonus forfeited when `withdrawnPrincipalFen` of `principalFen` leaves: the same share of the bonus, rounded up. */
export function bonusForfeit(balance: WalletBalance, withdrawnPrincipalFen: Fen): Fen {
  if (withdrawnPrincipalFen >= balance.principalFen) return balance.bonusFen;
  if (balance.principalFen === 0) return 0;
  return Math.min(balance.bonusFen, Math.ceil((balance.bonusFen * withdrawnPrincipalFen) / balance.principalFen));
}
