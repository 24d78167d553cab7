import type { Fen } from '../money/fen';
import type { WechatPayParams } from '../state/payment';
import type { RechargeStatus, WithdrawalStatus } from '../state/wallet';
import type { SpendRule } from '../wallet/wallet-rules';

/** GET /api/wallet — amounts in fen. */
export interface WalletSummary {
  principal: Fen;
  bonus: Fen;
  total: Fen;
  hasPin: boolean;
  /** Balance payments at or above this need the PIN (when one is set). */
  pinRequiredFromFen: Fen;
  pinLocked: boolean;
}

export interface RechargePlanView {
  id: number;
  name: string;
  payFen: Fen;
  bonusFen: Fen;
  /** Extras granted with the recharge, shown on the card. */
  bonusPoints: number;
  bonusGrowth: number;
  /** Paid-membership (SVIP) days granted with the recharge; 0 when the plan grants none. */
  membershipDays: number;
  badge: string;
  perMemberLimit: number | null;
  /** How many more times this member may use it; null when unlimited. */
  remainingForMe: number | null;
  endsAt: string | null;
}

/** GET /api/admin/recharge-plans rows: the member-facing view plus what only operations see. */
export interface AdminRechargePlanView extends RechargePlanView {
  /** As configured (the member-facing membershipDays is 0 while no plan is set). */
  membershipDays: number;
  /** The paid-membership plan whose benefits the granted days carry; required when membershipDays > 0. */
  membershipPlanId: number | null;
  enabled: boolean;
  sortOrder: number;
  startsAt: string | null;
  couponTemplateIds: number[];
  grantTierLevel: number | null;
}

export interface RechargeOptions {
  plans: RechargePlanView[];
  custom: { enabled: boolean; minFen: Fen; maxFen: Fen; bonusRateBps: number };
}

export interface CreateRechargeResponse {
  rechargeId: number;
  outTradeNo: string;
  payFen: Fen;
  bonusFen: Fen;
  payParams: WechatPayParams;
}

export interface RechargeView {
  id: number;
  outTradeNo: string;
  payFen: Fen;
  bonusFen: Fen;
  status: RechargeStatus;
  createdAt: string;
  paidAt: string | null;
}

export const WALLET_ENTRY_KINDS = ['recharge', 'spend', 'spend_refund', 'withdraw', 'bonus_forfeit', 'recharge_refund', 'refund_reversal', 'adjust'] as const;
export type WalletEntryKind = (typeof WALLET_ENTRY_KINDS)[number];

export const WALLET_ENTRY_TITLES: Record<WalletEntryKind, string> = {
  recharge: '充值',
  spend: '余额支付',
  spend_refund: '退款退回余额',
  withdraw: '余额提现',
  bonus_forfeit: '赠送金扣除',
  recharge_refund: '充值退款',
  refund_reversal: '退款失败退回',
  adjust: '人工调整',
};

export interface WalletEntryView {
  id: number;
  kind: WalletEntryKind;
  title: string;
  deltaPrincipal: Fen;
  deltaBonus: Fen;
  principalAfter: Fen;
  bonusAfter: Fen;
  note: string;
  createdAt: string;
}

export interface WalletEntriesPage {
  items: WalletEntryView[];
  /** Pass back as ?cursor= for the next page; null at the end. */
  nextCursor: string | null;
}

export interface WalletSettingsView {
  spendRule: SpendRule;
  pinRequiredFromFen: Fen;
  customEnabled: boolean;
  customMinFen: Fen;
  customMaxFen: Fen;
  customBonusRateBps: number;
}

export interface LiabilityReport {
  outstanding: { principalFen: Fen; bonusFen: Fen; wallets: number };
  period: {
    from: string;
    to: string;
    rechargedPrincipalFen: Fen;
    rechargedBonusFen: Fen;
    spentPrincipalFen: Fen;
    spentBonusFen: Fen;
    refundedPrincipalFen: Fen;
    withdrawnPrincipalFen: Fen;
    forfeitedBonusFen: Fen;
    adjustedPrincipalFen: Fen;
    adjustedBonusFen: Fen;
  };
}

/** A withdrawal as the member and ops see it. */
export interface WithdrawalView {
  id: number;
  memberId: number;
  status: WithdrawalStatus;
  statusText: string;
  reason: string;
  /** Filled in at approval: principal refunded and bonus forfeited. */
  principalFen: Fen;
  bonusForfeitFen: Fen;
  reviewNote: string;
  createdAt: string;
  reviewedAt: string | null;
}

/** GET /api/admin/wallets/:memberId */
export interface AdminWalletView {
  memberId: number;
  principal: Fen;
  bonus: Fen;
  total: Fen;
  hasPin: boolean;
  pinLocked: boolean;
  ledgerConsistent: boolean;
  entries: WalletEntriesPage;
}
