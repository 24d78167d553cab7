import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import {
  commissionFen,
  commissionPoints,
  KOC_REWARD_KIND_LABELS,
  KOC_REWARD_STATES,
  kocScene,
  rankLeaderboard,
  type KocCentre,
  type KocLeaderboardItem,
  type KocProgrammeView,
  type KocRewardView,
  type KocView,
} from '@mall/shared';
import { MemberService, memberDisplayName } from '../member/member.service';
import { PointsLedgerService } from '../points/points-ledger.service';
import { criteriaOf, KocProgrammeService } from './koc-programme.service';
import { KocMember, KocProgramme, KocReferral, KocReward } from './koc.entity';

/** Views of the KOC programme: programmes, KOCs, rewards, the leaderboard and a KOC's own centre. */
@Injectable()
export class KocQueryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly programmes: KocProgrammeService,
    private readonly members: MemberService,
    private readonly points: PointsLedgerService,
  ) {}

  async programmeViews(): Promise<KocProgrammeView[]> {
    const list = await this.programmes.list();
    const counts = await this.programmes.kocCounts(list.map((p) => p.id));
    return list.map((p) => this.programmeView(p, counts.get(p.id) ?? 0));
  }

  programmeView(p: KocProgramme, kocCount: number): KocProgrammeView {
    return {
      id: p.id,
      name: p.name,
      enabled: p.enabled,
      criteria: criteriaOf(p),
      rewardKind: p.rewardKind,
      rewardPoints: p.rewardPoints,
      rewardCouponTemplateId: p.rewardCouponTemplateId,
      commissionBps: p.commissionBps,
      commissionDays: p.commissionDays,
      refundWindowDays: p.refundWindowDays,
      welcomeCouponTemplateId: p.welcomeCouponTemplateId,
      kocCount,
      createdAt: p.createdAt.toISOString(),
    };
  }

  private async inviteeCounts(kocIds: number[]): Promise<Map<number, number>> {
    if (!kocIds.length) return new Map();
    const rows = await this.dataSource
      .getRepository(KocReferral)
      .createQueryBuilder('r')
      .select('r.koc_member_id', 'k')
      .addSelect('COUNT(*)', 'n')
      .where({ kocMemberId: In(kocIds) })
      .groupBy('r.koc_member_id')
      .getRawMany<{ k: number; n: string }>();
    return new Map(rows.map((r) => [Number(r.k), Number(r.n)]));
  }

  async kocs(programmeId?: number): Promise<KocView[]> {
    const rows = await this.dataSource.getRepository(KocMember).find({ where: programmeId ? { programmeId } : {}, order: { id: 'DESC' }, take: 500 });
    const [members, counts, programmes] = await Promise.all([
      this.members.byIds(rows.map((r) => r.memberId)),
      this.inviteeCounts(rows.map((r) => r.memberId)),
      this.programmes.list(),
    ]);
    const names = new Map(programmes.map((p) => [p.id, p.name]));
    return rows.map((r) => ({
      memberId: r.memberId,
      nickname: memberDisplayName(r.memberId, members.get(r.memberId)?.nickname),
      programmeId: r.programmeId,
      programmeName: names.get(r.programmeId) ?? '',
      source: r.source,
      enabled: r.enabled,
      invitees: counts.get(r.memberId) ?? 0,
      createdAt: r.createdAt.toISOString(),
    }));
  }

  async rewards(filter: { kocMemberId?: number; status?: KocReward['status'] }, take = 200): Promise<KocRewardView[]> {
    const rows = await this.dataSource.getRepository(KocReward).find({ where: { ...filter }, order: { id: 'DESC' }, take });
    const rate = (await this.points.settings()).deductPointsPerYuan;
    const members = await this.members.byIds(rows.flatMap((r) => [r.kocMemberId, r.inviteeId]));
    return rows.map((r) => ({
      id: r.id,
      kocMemberId: r.kocMemberId,
      kocName: memberDisplayName(r.kocMemberId, members.get(r.kocMemberId)?.nickname),
      inviteeId: r.inviteeId,
      inviteeName: memberDisplayName(r.inviteeId, members.get(r.inviteeId)?.nickname),
      orderId: r.orderId,
      kind: r.kind,
      kindLabel: KOC_REWARD_KIND_LABELS[r.kind],
      status: r.status,
      statusLabel: KOC_REWARD_STATES.labels[r.status],
      paidFen: r.paidFen,
      refundedFen: r.refundedFen,
      points: this.plannedPoints(r, rate),
      creditedPoints: r.creditedPoints,
      clawedBackPoints: r.clawedBackPoints,
      dueAt: r.dueAt.toISOString(),
      creditedAt: r.creditedAt ? r.creditedAt.toISOString() : null,
    }));
  }

  /** What a reward pays: credited points once credited; while pending, the points or the commission on what stays paid so far. */
  private plannedPoints(r: KocReward, rate: number): number {
    if (r.status === 'credited') return r.creditedPoints;
    if (r.status === 'cancelled') return 0;
    return r.kind === 'commission' ? commissionPoints(commissionFen(r.paidFen, r.refundedFen, r.commissionBps), rate) : r.rewardPoints;
  }

  /** Every KOC of the programme (or all), ranked by points credited net of clawbacks, then invitees. */
  async leaderboard(programmeId?: number, limit = 50): Promise<KocLeaderboardItem[]> {
    const kocs = await this.dataSource.getRepository(KocMember).find({ where: programmeId ? { programmeId, enabled: true } : { enabled: true } });
    const ids = kocs.map((k) => k.memberId);
    if (!ids.length) return [];
    const sums = await this.dataSource
      .getRepository(KocReward)
      .createQueryBuilder('r')
      .select('r.koc_member_id', 'k')
      .addSelect('COALESCE(SUM(r.credited_points - r.clawed_back_points), 0)', 'credited')
      .where({ kocMemberId: In(ids) })
      .groupBy('r.koc_member_id')
      .getRawMany<{ k: number; credited: string }>();
    const byKoc = new Map(sums.map((s) => [Number(s.k), s]));
    const rate = (await this.points.settings()).deductPointsPerYuan;
    const pendingByKoc = new Map<number, number>();
    for (const r of await this.dataSource.getRepository(KocReward).findBy({ kocMemberId: In(ids), status: 'pending' })) {
      pendingByKoc.set(r.kocMemberId, (pendingByKoc.get(r.kocMemberId) ?? 0) + this.plannedPoints(r, rate));
    }
    const [counts, members] = await Promise.all([this.inviteeCounts(ids), this.members.byIds(ids)]);
    const ranked = rankLeaderboard(
      ids.map((id) => ({
        kocMemberId: id,
        invitees: counts.get(id) ?? 0,
        creditedPoints: Number(byKoc.get(id)?.credited ?? 0),
        pendingPoints: pendingByKoc.get(id) ?? 0,
      })),
    );
    return ranked.slice(0, limit).map((r) => ({ ...r, nickname: memberDisplayName(r.kocMemberId, members.get(r.kocMemberId)?.nickname) }));
  }

  /** The caller's own centre; a member who is not a KOC sees an empty one (isKoc false). */
  async centre(memberId: number): Promise<KocCentre> {
    const active = await this.programmes.activeKoc(memberId);
    if (!active)
      return {
        isKoc: false,
        programme: null,
        scene: null,
        invitees: [],
        totals: { pendingPoints: 0, creditedPoints: 0, clawedBackPoints: 0 },
        rewards: [],
        leaderboard: [],
      };
    const p = active.programme;
    const referrals = await this.dataSource.getRepository(KocReferral).find({ where: { kocMemberId: memberId }, order: { id: 'DESC' }, take: 100 });
    const invitees = await this.members.byIds(referrals.map((r) => r.inviteeId));
    const rewards = await this.rewards({ kocMemberId: memberId }, 100);
    const all = await this.dataSource.getRepository(KocReward).findBy({ kocMemberId: memberId });
    const rate = (await this.points.settings()).deductPointsPerYuan;
    const rewardText =
      p.rewardKind === 'points'
        ? `好友首单后得 ${p.rewardPoints} 积分`
        : p.rewardKind === 'coupon'
          ? '好友首单后得优惠券'
          : `好友 ${p.commissionDays} 天内订单的 ${(p.commissionBps / 100).toFixed(p.commissionBps % 100 ? 2 : 0)}% 分佣（积分）`;
    return {
      isKoc: true,
      programme: { id: p.id, name: p.name, rewardKind: p.rewardKind, rewardText, refundWindowDays: p.refundWindowDays },
      scene: kocScene(memberId),
      invitees: referrals.map((r) => ({
        memberId: r.inviteeId,
        nickname: memberDisplayName(r.inviteeId, invitees.get(r.inviteeId)?.nickname),
        boundAt: r.boundAt.toISOString(),
      })),
      totals: {
        pendingPoints: all.filter((r) => r.status === 'pending').reduce((s, r) => s + this.plannedPoints(r, rate), 0),
        creditedPoints: all.reduce((s, r) => s + r.creditedPoints, 0),
        clawedBackPoints: all.reduce((s, r) => s + r.clawedBackPoints, 0),
      },
      rewards,
      leaderboard: await this.leaderboard(p.id, 10),
    };
  }
}
