import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Between, DataSource, IsNull, LessThan, LessThanOrEqual, MoreThan } from 'typeorm';
import { beijingDate, POINTS_ENTRY_TITLES, referralScene, type PointsEntriesPage, type PointsLiabilityReport, type PointsSummary } from '@mall/shared';
import { insertIgnore } from '../database/insert-ignore';
import { MemberService } from '../member/member.service';
import { WechatApiClient } from '../wechat/wechat-api.client';
import { PointsEntry } from './points-entry.entity';
import { PointsLedgerService } from './points-ledger.service';
import { PointsLot } from './points-lot.entity';
import { PointsReminder } from './points-mall.entity';
import { PointsSignInService } from './points-sign-in.service';

export const POINTS_EXPIRY_TEMPLATE_ID = 'TPL_POINTS_EXPIRING';

/** What members and ops read about points: summary, history, expiry reminders, the liability. */
@Injectable()
export class PointsReportService {
  private readonly logger = new Logger('Points');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: PointsLedgerService,
    private readonly signIns: PointsSignInService,
    private readonly members: MemberService,
    private readonly wechat: WechatApiClient,
  ) {}

  async summary(memberId: number, now = new Date()): Promise<PointsSummary> {
    const settings = await this.ledger.settings();
    const soon = new Date(now.getTime() + 30 * 86_400_000);
    const expiring = await this.dataSource.getRepository(PointsLot).find({
      where: { memberId, expiredAt: IsNull(), remainingPoints: MoreThan(0), expiresAt: Between(now, soon) },
      order: { expiresAt: 'ASC' },
    });
    const { signedToday, streak } = await this.signIns.latest(memberId, now);
    return {
      balance: await this.ledger.balance(memberId),
      expiringSoon: expiring.map((l) => ({ points: l.remainingPoints, expiresAt: l.expiresAt.toISOString() })),
      signedToday,
      streak,
      signInPoints: settings.signInPoints,
      signInStreakBonus: settings.signInStreakBonus,
      referralPoints: settings.referralPoints,
      profilePoints: settings.profilePoints,
      referralScene: referralScene(memberId),
      deduction: { pointsPerYuan: settings.deductPointsPerYuan, maxShareBps: settings.deductMaxShareBps },
    };
  }

  async entries(memberId: number, cursor: string | undefined, limit: number): Promise<PointsEntriesPage> {
    const rows = await this.dataSource.getRepository(PointsEntry).find({
      where: { memberId, ...(cursor ? { id: LessThan(Number(cursor)) } : {}) },
      order: { id: 'DESC' },
      take: limit + 1,
    });
    const page = rows.slice(0, limit);
    return {
      items: page.map((e) => ({
        id: e.id,
        kind: e.kind,
        title: e.note || POINTS_ENTRY_TITLES[e.kind],
        deltaPoints: e.deltaPoints,
        balanceAfter: e.balanceAfterPoints,
        createdAt: e.createdAt.toISOString(),
      })),
      nextCursor: rows.length > limit ? String(page[page.length - 1].id) : null,
    };
  }

  /** Subscribe-message reminders for points expiring within the configured days; once per member and expiry day. */
  async remindExpiring(now = new Date()): Promise<number> {
    const settings = await this.ledger.settings();
    const until = new Date(now.getTime() + settings.remindDaysBefore * 86_400_000);
    const lots = await this.dataSource
      .getRepository(PointsLot)
      .find({ where: { expiredAt: IsNull(), remainingPoints: MoreThan(0), expiresAt: Between(now, until) } });
    const byMemberDay = new Map<string, { memberId: number; day: string; points: number }>();
    for (const lot of lots) {
      const day = beijingDate(lot.expiresAt);
      const key = `${lot.memberId}:${day}`;
      const entry = byMemberDay.get(key) ?? { memberId: lot.memberId, day, points: 0 };
      entry.points += lot.remainingPoints;
      byMemberDay.set(key, entry);
    }
    let sent = 0;
    for (const r of byMemberDay.values()) {
      if (!(await insertIgnore(this.dataSource.manager, PointsReminder, { memberId: r.memberId, expiresDay: r.day, points: r.points }))) continue;
      const member = await this.members.findById(r.memberId);
      if (!member) continue;
      try {
        await this.wechat.sendSubscribeMessage({
          toOpenid: member.openid,
          templateId: POINTS_EXPIRY_TEMPLATE_ID,
          page: 'subpackages/points/pages/points/index',
          data: { number1: { value: String(r.points) }, date2: { value: r.day }, thing3: { value: '积分即将过期，快去积分商城兑换吧' } },
        });
        sent += 1;
      } catch (error) {
        // The member may not have subscribed; the reminder is recorded so it is not retried every run.
        this.logger.warn({ msg: 'expiry reminder not sent', memberId: r.memberId, error: (error as Error).message });
      }
    }
    return sent;
  }

  async liability(now = new Date()): Promise<PointsLiabilityReport> {
    const settings = await this.ledger.settings();
    const sumLots = async (until?: Date) => {
      const qb = this.dataSource
        .getRepository(PointsLot)
        .createQueryBuilder('l')
        .select('COALESCE(SUM(l.remaining_points), 0)', 's')
        .where('l.expired_at IS NULL AND l.remaining_points > 0 AND l.expires_at > :now', { now });
      if (until) qb.andWhere('l.expires_at <= :until', { until });
      return Number((await qb.getRawOne<{ s: string }>())?.s ?? 0);
    };
    const outstanding = await sumLots();
    const in30 = await sumLots(new Date(now.getTime() + 30 * 86_400_000));
    const in90 = await sumLots(new Date(now.getTime() + 90 * 86_400_000));
    const valueFen = (points: number) => Math.floor((points * 100) / settings.deductPointsPerYuan);
    return {
      outstandingPoints: outstanding,
      outstandingValueFen: valueFen(outstanding),
      expiringIn30Days: in30,
      expiringIn90Days: in90,
      pointsPerYuan: settings.deductPointsPerYuan,
    };
  }

  expiredBefore(now: Date): Promise<number> {
    return this.dataSource.getRepository(PointsLot).countBy({ expiredAt: IsNull(), expiresAt: LessThanOrEqual(now), remainingPoints: MoreThan(0) });
  }
}
