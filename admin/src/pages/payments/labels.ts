import { PAYMENT_PURPOSE_LABELS, PAYMENT_STATES, REFUND_STATES, type AdminPaymentView, type Fen } from '@mall/shared';
import { labelValueEnum, stateValueEnum } from '../../components/status';
import { getSession } from '../../services/session';

export const PAYMENT_STATUS = stateValueEnum(PAYMENT_STATES, { created: 'Warning', paid: 'Success' });
export const REFUND_STATUS = stateValueEnum(REFUND_STATES, { processing: 'Processing', success: 'Success', failed: 'Error' });
export const PURPOSE = labelValueEnum(PAYMENT_PURPOSE_LABELS);

/** What is left to refund of a payment (a failed refund has given its amount back). */
export const refundable = (p: Pick<AdminPaymentView, 'amountFen' | 'refundedFen'>): Fen => p.amountFen - p.refundedFen;

/** Refunds move money: finance (and the super admin) only, as the server decides. */
export function canRefund(): boolean {
  const role = getSession()?.account.role;
  return role === 'admin' || role === 'finance';
}
