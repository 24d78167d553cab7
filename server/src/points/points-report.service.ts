import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Between, DataSource, IsNull, LessThan, LessThanOrEqual, MoreThan } from 'typeorm';
import { beijingDate, pointsEntryTitle, referralScene, type PointsEntriesPage, type PointsLiabilityReport, type PointsSummary } from '@mall/shared';
import { insertIgnore } from '../database/insert-ignore';
import { OutboxService } from '../common/outbox/outbox.service';
import { PointsEntry } from './points-entry.entity';
import { PointsLedgerService } from './points-ledger.service';
import { PointsLot } from './points-lot.entity';
import { PointsReminder } from './points-mall.entity';
import { PointsSignInService } from './points-sign-in.service';

/** What members and ops read about points: summary, history, expiry reminders, the liability. */
@Injectable()
export class PointsReportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: PointsLedgerService,
    private readonly signIns: PointsSignInService,
    private readonly outbox: OutboxService,
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
        title: pointsEntryTitle(e),
        deltaPoints: e.deltaPoints,
        balanceAfter: e.balanceAfterPoints,
        createdAt: e.createdAt.toISOString(),
      })),
      nextCursor: rows.length > limit ? String(page[page.length - 1].id) : null,
    };
  }

  /**
   * Reminders for points expiring within the configured days, once per member and expiry day: a
   * `points.expiring` event that notifications turn into a subscribe message.
   */
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
    let reminded = 0;
    for (const r of byMemberDay.values()) {
      // The reminder row and its event commit together: a member is reminded once per expiry day.
      const claimed = await this.dataSource.transaction(async (manager) => {
        if (!(await insertIgnore(manager, PointsReminder, { memberId: r.memberId, expiresDay: r.day, points: r.points }))) return false;
        await this.outbox.publish(manager, 'points.expiring', { memberId: r.memberId, points: r.points, expiresDay: r.day });
        return true;
      });
      if (claimed) reminded += 1;
    }
    return reminded;
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
