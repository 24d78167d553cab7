import type { SegmentGroup } from '../segment';
import type { KocRewardKind, KocRewardStatus } from './koc-rules';

export interface KocProgrammeInput {
  name: string;
  enabled: boolean;
  /** Who becomes a KOC automatically (a segment definition); null: only by hand. */
  criteria: SegmentGroup | null;
  rewardKind: KocRewardKind;
  rewardPoints: number;
  rewardCouponTemplateId: number | null;
  commissionBps: number;
  commissionDays: number;
  refundWindowDays: number;
  welcomeCouponTemplateId: number | null;
}

export interface KocProgrammeView extends KocProgrammeInput {
  id: number;
  kocCount: number;
  createdAt: string;
}

export interface KocView {
  memberId: number;
  nickname: string;
  programmeId: number;
  programmeName: string;
  source: 'manual' | 'criteria';
  enabled: boolean;
  invitees: number;
  createdAt: string;
}

export interface KocRewardView {
  id: number;
  kocMemberId: number;
  kocName: string;
  inviteeId: number;
  inviteeName: string;
  orderId: number;
  kind: KocRewardKind;
  kindLabel: string;
  status: KocRewardStatus;
  statusLabel: string;
  paidFen: number;
  refundedFen: number;
  /** Points this reward pays (commission: the share of the net paid, 1 point = 1 fen), or 0 for a coupon. */
  points: number;
  creditedPoints: number;
  clawedBackPoints: number;
  dueAt: string;
  creditedAt: string | null;
}

export interface KocLeaderboardItem {
  rank: number;
  kocMemberId: number;
  nickname: string;
  invitees: number;
  creditedPoints: number;
  pendingPoints: number;
}

export interface KocInviteeView {
  memberId: number;
  nickname: string;
  boundAt: string;
}

export interface KocCentre {
  isKoc: boolean;
  programme: { id: number; name: string; rewardKind: KocRewardKind; rewardText: string; refundWindowDays: number } | null;
  scene: string | null;
  invitees: KocInviteeView[];
  totals: { pendingPoints: number; creditedPoints: number; clawedBackPoints: number };
  rewards: KocRewardView[];
  leaderboard: KocLeaderboardItem[];
}
