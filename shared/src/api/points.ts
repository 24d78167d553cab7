import type { Fen } from '../money/fen';
import type { WechatPayParams } from '../state/payment';
import type { RedemptionStatus } from '../state/points';

/** GET /api/points */
export interface PointsSummary {
  balance: number;
  expiringSoon: { points: number; expiresAt: string }[];
  signedToday: boolean;
  streak: number;
  signInPoints: number;
  signInStreakBonus: number;
  /** Points for inviting a friend who then pays a first order (0: no referral programme). */
  referralPoints: number;
  /** Points for completing the profile (nickname, phone, birthday, gender, region), granted once; 0: no reward. */
  profilePoints: number;
  /** The scene the member's share link carries. */
  referralScene: string;
  deduction: { pointsPerYuan: number; maxShareBps: number };
}

export const POINTS_ENTRY_KINDS = ['earn', 'spend', 'expire', 'clawback', 'restore', 'adjust'] as const;
export type PointsEntryKind = (typeof POINTS_ENTRY_KINDS)[number];

export const POINTS_ENTRY_TITLES: Record<PointsEntryKind, string> = {
  earn: '获得积分',
  spend: '使用积分',
  expire: '积分过期',
  clawback: '退款扣回',
  restore: '退款退回',
  adjust: '人工调整',
};

export interface PointsEntryView {
  id: number;
  kind: PointsEntryKind;
  title: string;
  deltaPoints: number;
  balanceAfter: number;
  createdAt: string;
}

export interface PointsEntriesPage {
  items: PointsEntryView[];
  nextCursor: string | null;
}

export interface SignInResult {
  points: number;
  streak: number;
  day: string;
}

export interface SignInMonth {
  month: string;
  days: { day: string; points: number; streak: number }[];
}

/** GET /api/points/mall rows */
export interface PointsMallItemView {
  id: number;
  name: string;
  description: string;
  imageUrl: string;
  pricePoints: number;
  /** Cash part of a points + cash item (fen); 0 for points only. */
  cashFen: Fen;
  stock: number;
  perMemberLimit: number | null;
  /** A coupon item issues a coupon instead of a pickup code. */
  couponTemplateId: number | null;
}

/** Admin rows add what only ops see. */
export interface AdminPointsMallItemView extends PointsMallItemView {
  enabled: boolean;
  sortOrder: number;
}

export interface RedemptionView {
  id: number;
  itemId: number;
  itemName: string;
  points: number;
  cashFen: Fen;
  outTradeNo: string | null;
  /** G + 8 digits, shown until the gift is handed over. */
  pickupCode: string | null;
  status: RedemptionStatus;
  statusText: string;
  createdAt: string;
}

export interface RedeemResult extends RedemptionView {
  payParams: WechatPayParams | null;
}

/** GET/PUT /api/admin/points/settings */
export interface PointsSettingsView {
  basePerYuan: number;
  spendEarnEnabled: boolean;
  expiryKind: 'rolling' | 'annual';
  expiryMonths: number;
  annualClearMonth: number;
  annualClearDay: number;
  signInEnabled: boolean;
  signInPoints: number;
  signInStreakBonus: number;
  firstOrderPoints: number;
  profilePoints: number;
  referralPoints: number;
  dailyCap: number;
  monthlyCap: number;
  deductPointsPerYuan: number;
  deductMaxShareBps: number;
  remindDaysBefore: number;
}

/** GET /api/admin/points/members/:memberId */
export interface MemberPointsView {
  memberId: number;
  balance: number;
  consistent: boolean;
  lots: { id: number; amountPoints: number; remainingPoints: number; source: string; expiresAt: string; expiredAt: string | null }[];
  entries: PointsEntryView[];
}

export interface PointsLiabilityReport {
  outstandingPoints: number;
  outstandingValueFen: Fen;
  expiringIn30Days: number;
  expiringIn90Days: number;
  pointsPerYuan: number;
}
