import { defineStateMachine } from './transitions';

/** A top-up: pending → paid | closed; closed → paid when WeChat took money during our close (a top-up accepts it). */
export type RechargeStatus = 'pending' | 'paid' | 'closed';

export const RECHARGE_STATES = defineStateMachine<RechargeStatus>(
  'recharge',
  { pending: ['paid', 'closed'], closed: ['paid'], paid: [] },
  { pending: '待支付', paid: '已到账', closed: '已关闭' },
);

/** A request to take remaining principal back: ops approve (the refunds go out) or reject it. */
export type WithdrawalStatus = 'pending' | 'approved' | 'rejected';

export const WITHDRAWAL_STATES = defineStateMachine<WithdrawalStatus>(
  'withdrawal',
  { pending: ['approved', 'rejected'], approved: [], rejected: [] },
  { pending: '审核中', approved: '已通过', rejected: '已驳回' },
);
