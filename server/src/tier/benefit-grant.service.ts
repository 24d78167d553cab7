import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, MoreThan } from 'typeorm';
import { beijingDate, type BenefitGrant } from '@mall/shared';
import { BenefitService } from '../benefit/benefit.service';
import { insertIgnore } from '../database/insert-ignore';
import { MemberService } from '../member/member.service';
import { PointsLedgerService } from '../points/points-ledger.service';
import { BenefitGrantRecord } from './benefit-grant.entity';
import { TierHistory } from './tier-history.entity';

export interface GrantReport {
  birthday: number;
  upgrade: number;
}

/**
 * Issues gifts that benefits promise: the birthday gift in the birthday month (once a year) and
 * the upgrade gift of a newly reached tier (once per tier). Each grant is claimed by inserting its
 * unique key in the same transaction that issues it, so concurrent runs issue it once.
 * Points are issued now; coupon parts of gifts wait for the coupon module (issue: mall core).
 */
@Injectable()
export class BenefitGrantService {
  private readonly logger = new Logger('BenefitGrants');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly benefits: BenefitService,
    private readonly members: MemberService,
    private readonly points: PointsLedgerService,
  ) {}

  async run(now = new Date()): Promise<GrantReport> {
    return { birthday: await this.birthdayGifts(now), upgrade: await this.upgradeGifts(now) };
  }

  private async birthdayGifts(now: Date): Promise<number> {
    const today = beijingDate(now);
    const [year, month] = today.split('-');
    let issued = 0;
    let afterId = 0;
    for (;;) {
      const batch = await this.members.birthdaysIn(month, afterId, 200);
      if (batch.length === 0) break;
      afterId = batch[batch.length - 1].id;
      for (const member of batch) {
        const { grants } = await this.benefits.effectiveFor(member.id, now);
        for (const grant of grants.filter((g) => g.spec.type === 'birthday_gift')) {
          if (await this.issue(member.id, grant, 'birthday', year, now)) issued += 1;
        }
      }
    }
    return issued;
  }

  /** Upgrades of the last 30 days: the new tier's upgrade gifts, once per member and tier. */
  private async upgradeGifts(now: Date): Promise<number> {
    const since = new Date(now.getTime() - 30 * 86_400_000);
    const upgrades = await this.dataSource.getRepository(TierHistory).find({ where: { kind: 'upgrade', createdAt: MoreThan(since) }, order: { id: 'ASC' } });
    let issued = 0;
    for (const upgrade of upgrades) {
      const { grants } = await this.benefits.effectiveFor(upgrade.memberId, now);
      const tierGifts = grants.filter((g) => g.spec.type === 'upgrade_gift' && g.source.type === 'tier');
      for (const grant of tierGifts) {
        if (await this.issue(upgrade.memberId, grant, 'upgrade', `L${upgrade.toLevel}`, now)) issued += 1;
      }
    }
    return issued;
  }

  private async issue(memberId: number, grant: BenefitGrant, kind: string, period: string, now: Date): Promise<boolean> {
    const spec = grant.spec as { points?: number; couponTemplateId?: number };
    if (!spec.points) return false; // coupon-only gifts: issued once coupons exist
    const grantKey = `${kind}:${grant.benefitId}:${memberId}:${period}`;
    return this.dataSource.transaction(async (manager) => {
      if (!(await insertIgnore(manager, BenefitGrantRecord, { grantKey, memberId, benefitId: grant.benefitId, kind, period, points: spec.points! }))) return false;
      await this.points.earn(
        manager,
        {
          memberId,
          points: spec.points!,
          source: kind === 'birthday' ? 'birthday' : 'upgrade',
          refType: 'benefit_grant',
          refId: grantKey.slice(0, 64),
          idempotencyKey: `grant:${grantKey}`,
          note: kind === 'birthday' ? '生日礼积分' : '升级礼积分',
        },
        now,
      );
      this.logger.log({ msg: 'benefit granted', grantKey });
      return true;
    });
  }
}
