import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, Like } from 'typeorm';
import { beijingDate, ErrorCode, signInStreak, type SignInMonth, type SignInResult } from '@mall/shared';
import { AppError } from '../common/errors/app-error';
import { isUniqueViolation } from '../database/db-errors';
import { PointsLedgerService } from './points-ledger.service';
import { PointsRewardsService } from './points-rewards.service';
import { PointsSignIn } from './points-sign-in.entity';
import { retryOnDeadlock } from '../database/transactions';

/** Daily sign-in: once per Beijing day (unique key), with a bonus on every 7th consecutive day. */
@Injectable()
export class PointsSignInService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: PointsLedgerService,
    private readonly rewards: PointsRewardsService,
  ) {}

  async signIn(memberId: number, now = new Date()): Promise<SignInResult> {
    const settings = await this.ledger.settings();
    if (!settings.signInEnabled) throw new AppError(ErrorCode.FORBIDDEN, '签到活动暂未开启');
    const today = beijingDate(now);
    const recent = await this.dataSource.getRepository(PointsSignIn).find({ where: { memberId }, order: { id: 'DESC' }, take: 60 });
    const streak = signInStreak([...recent.map((r) => r.day), today], today);
    const points = settings.signInPoints + (streak % 7 === 0 ? settings.signInStreakBonus : 0);
    const granted = await this.rewards.capped(memberId, points, now);
    return retryOnDeadlock(() =>
      this.dataSource.transaction(async (manager) => {
        try {
          await manager.getRepository(PointsSignIn).insert({ memberId, day: today, streak, points: granted });
        } catch (error) {
          if (isUniqueViolation(error)) throw new AppError(ErrorCode.POINTS_ALREADY_SIGNED_IN);
          throw error;
        }
        if (granted > 0) {
          await this.ledger.earn(
            manager,
            {
              memberId,
              points: granted,
              source: 'sign_in',
              refType: 'sign_in',
              refId: today,
              idempotencyKey: `sign-in:${memberId}:${today}`,
              note: streak % 7 === 0 ? `连续签到 ${streak} 天` : '每日签到',
            },
            now,
          );
        }
        return { points: granted, streak, day: today };
      }),
    );
  }

  async signIns(memberId: number, month: string): Promise<SignInMonth> {
    const rows = await this.dataSource.getRepository(PointsSignIn).find({ where: { memberId, day: Like(`${month}-%`) }, order: { day: 'ASC' } });
    return { month, days: rows.map((r) => ({ day: r.day, points: r.points, streak: r.streak })) };
  }

  /** Today's sign-in, or yesterday's (whose streak today's would continue). */
  async latest(memberId: number, now: Date): Promise<{ signedToday: boolean; streak: number }> {
    const repo = this.dataSource.getRepository(PointsSignIn);
    const today = await repo.findOneBy({ memberId, day: beijingDate(now) });
    const last = today ?? (await repo.findOneBy({ memberId, day: beijingDate(new Date(now.getTime() - 86_400_000)) }));
    return { signedToday: Boolean(today), streak: last?.streak ?? 0 };
  }
}
