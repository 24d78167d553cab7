import { WITHDRAWAL_STATES, type WithdrawalView } from '@mall/shared';
import type { Withdrawal } from './withdrawal.entity';

export function toWithdrawalView(w: Withdrawal): WithdrawalView {
  return {
    id: w.id,
    memberId: w.memberId,
    status: w.status,
    statusText: WITHDRAWAL_STATES.labels[w.status],
    reason: w.reason,
    principalFen: w.principalFen,
    bonusForfeitFen: w.bonusForfeitFen,
    reviewNote: w.reviewNote,
    createdAt: w.createdAt.toISOString(),
    reviewedAt: w.reviewedAt?.toISOString() ?? null,
  } satisfies WithdrawalView;
}
