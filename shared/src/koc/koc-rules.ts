import { DAY_MS } from '../time';
import { defineStateMachine } from '../state/transitions';

/** What a KOC earns for a referral: points or a coupon once for the invitee's first paid order, or a share of every paid order for N days. */
export const KOC_REWARD_KINDS = ['points', 'coupon', 'commission'] as const;
export type KocRewardKind = (typeof KOC_REWARD_KINDS)[number];
export const KOC_REWARD_KIND_LABELS: Record<KocRewardKind, string> = { points: '积分', coupon: '优惠券', commission: '订单分佣' };

/** A share is in basis points (1/10000); at most half of what the invitee paid. */
export const MAX_COMMISSION_BPS = 5000;

/**
 * A reward waits for the refund window, then is credited or cancelled (the order was refunded in full before).
 * Refunds after crediting claw back (a new reversing points entry); the row stays credited and records what went back.
 */
export type KocRewardStatus = 'pending' | 'credited' | 'cancelled';
export const KOC_REWARD_STATES = defineStateMachine<KocRewardStatus>(
  'koc_reward',
  { pending: ['credited', 'cancelled'], credited: [], cancelled: [] },
  { pending: '待入账', credited: '已入账', cancelled: '已取消' },
);

/** The commission on an order: the share of what stays paid (paid minus refunded, never below zero), rounded down to the fen. */
export function commissionFen(paidFen: number, refundedFen: number, bps: number): number {
  const net = Math.max(0, paidFen - Math.min(Math.max(0, refundedFen), paidFen));
  return Math.floor((net * bps) / 10_000);
}

/** What a refund takes back from a credited commission: the part of what is still held that the new net no longer earns. */
export function commissionClawbackFen(input: { creditedFen: number; clawedBackFen: number; paidFen: number; refundedFen: number; bps: number }): number {
  const held = input.creditedFen - input.clawedBackFen;
  return Math.max(0, held - commissionFen(input.paidFen, input.refundedFen, input.bps));
}

/** Commission is credited as points at the checkout deduction rate (pointsPerYuan points buy one yuan), rounded down. */
export function commissionPoints(fen: number, pointsPerYuan: number): number {
  return Math.max(0, Math.floor((fen * pointsPerYuan) / 100));
}

/** An order earns commission when it was paid within `days` of the binding (from the binding on). */
export function inCommissionPeriod(boundAt: Date, paidAt: Date, days: number): boolean {
  const t = paidAt.getTime() - boundAt.getTime();
  return t >= 0 && t < days * DAY_MS;
}

/** A reward becomes payable once the order is past its refund window. */
export function rewardDueAt(paidAt: Date, refundWindowDays: number): Date {
  return new Date(paidAt.getTime() + refundWindowDays * DAY_MS);
}

export type ReferralRefusal = 'self' | 'not_koc' | 'already_bound' | 'not_new' | 'circular';
export const REFERRAL_REFUSAL_LABELS: Record<ReferralRefusal, string> = {
  self: '不能邀请自己',
  not_koc: '邀请人不是推荐官',
  already_bound: '已被其他推荐官邀请',
  not_new: '只有新会员可以被邀请',
  circular: '不能互相邀请',
};

export interface ReferralCandidate {
  inviterId: number;
  inviteeId: number;
  inviterIsKoc: boolean;
  /** The KOC the invitee is already bound to, if any. */
  inviteeBoundTo: number | null;
  /** Whether the invitee may still be invited (new: first login, or no paid order yet). */
  inviteeIsNew: boolean;
  /** Who invited a member (the existing bindings), to walk the inviter's chain upwards. */
  inviterOf: (memberId: number) => number | null;
}

/** Why a referral binding is refused, or null when it may be made. Checks in a fixed order so the reason is stable. */
export function referralRefusal(c: ReferralCandidate): ReferralRefusal | null {
  if (c.inviterId === c.inviteeId) return 'self';
  if (!c.inviterIsKoc) return 'not_koc';
  if (c.inviteeBoundTo !== null) return 'already_bound';
  if (!c.inviteeIsNew) return 'not_new';
  // The invitee must not be anywhere above the inviter: A → B → … → inviter → A would be a circle.
  const seen = new Set<number>([c.inviterId]);
  for (let up = c.inviterOf(c.inviterId); up !== null; up = c.inviterOf(up)) {
    if (up === c.inviteeId) return 'circular';
    if (seen.has(up)) break;
    seen.add(up);
  }
  return null;
}

/** The scene of a KOC's poster: the same `r<memberId>` scene as the member share link, so one binding path serves both. */
export { referralScene as kocScene, parseReferralScene as parseKocScene } from '../points/points-rules';

export interface LeaderboardRow {
  kocMemberId: number;
  invitees: number;
  creditedPoints: number;
}

/** Ranks KOCs by credited points, then invitees, then member id (stable), with competition ranks (1, 1, 3). */
export function rankLeaderboard<T extends LeaderboardRow>(rows: T[]): (T & { rank: number })[] {
  const sorted = [...rows].sort((a, b) => b.creditedPoints - a.creditedPoints || b.invitees - a.invitees || a.kocMemberId - b.kocMemberId);
  let rank = 0;
  return sorted.map((r, i) => {
    const prev = sorted[i - 1];
    if (!prev || prev.creditedPoints !== r.creditedPoints || prev.invitees !== r.invitees) rank = i + 1;
    return { ...r, rank };
  });
}
