import type { Fen } from '../money/fen';

/**
 * How a paid-membership plan may be refunded by the member:
 *  none            never by the member (finance may still refund from the admin)
 *  full_if_unused  in full within refundDays of paying, if no plan benefit was used (no savings yet)
 *  deduct_savings  within refundDays of paying: the price minus the savings its benefits already gave
 */
export const MEMBERSHIP_REFUND_POLICIES = ['none', 'full_if_unused', 'deduct_savings'] as const;
export type MembershipRefundPolicy = (typeof MEMBERSHIP_REFUND_POLICIES)[number];

export const MEMBERSHIP_REFUND_POLICY_LABELS: Record<MembershipRefundPolicy, string> = {
  none: '不支持退款',
  full_if_unused: '未使用权益可全额退',
  deduct_savings: '退款扣除已享优惠',
};

export interface RefundQuoteInput {
  policy: MembershipRefundPolicy;
  priceFen: Fen;
  paidAt: Date;
  refundDays: number;
  /** What the plan's benefits saved the member on orders since this period started. */
  savedFen: Fen;
  /** No later period was bought on top of this one (only the latest purchase can be refunded). */
  isLatest: boolean;
  now: Date;
}

export interface RefundQuote {
  refundable: boolean;
  amountFen: Fen;
  /** What is kept back for savings already received. */
  deductedFen: Fen;
  /** Why not, in Chinese, when not refundable. */
  reason: string | null;
}

const refuse = (reason: string): RefundQuote => ({ refundable: false, amountFen: 0, deductedFen: 0, reason });

/** What the member would get back for a paid purchase right now, per the plan's policy. */
export function quoteMembershipRefund(input: RefundQuoteInput): RefundQuote {
  if (input.policy === 'none') return refuse('该会员方案不支持退款');
  if (!input.isLatest) return refuse('请先退最近一次续费');
  if (input.now.getTime() > input.paidAt.getTime() + input.refundDays * 86_400_000) return refuse(`开通 ${input.refundDays} 天内可申请退款，已超过期限`);
  const saved = Math.max(0, input.savedFen);
  if (input.policy === 'full_if_unused') {
    if (saved > 0) return refuse('已使用会员权益，不支持退款');
    return { refundable: true, amountFen: input.priceFen, deductedFen: 0, reason: null };
  }
  const deductedFen = Math.min(input.priceFen, saved);
  const amountFen = input.priceFen - deductedFen;
  if (amountFen === 0) return { refundable: false, amountFen: 0, deductedFen, reason: '已享优惠已超过会员费，无可退金额' };
  return { refundable: true, amountFen, deductedFen, reason: null };
}
