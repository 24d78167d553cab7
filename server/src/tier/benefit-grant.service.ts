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
import { CouponService } from '../coupon/coupon.service';
import { AppError } from '../common/errors/app-error';
import { BenefitSourceRegistry } from '../benefit/benefit-source';

export interface GrantReport {
  birthday: number;
  upgrade: number;
  monthly: number;
}

/**
 * Issues gifts that benefits promise: the birthday gift in the birthday month (once a year) and
 * the upgrade gift of a newly reached tier (once per tier), the monthly coupon pack of a tier (once a
 * month). Each grant is claimed by inserting its
 * unique key in the same transaction that issues it, so concurrent runs issue it once.
 */
@Injectable()
export class BenefitGrantService {
  private readonly logger = new Logger('BenefitGrants');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly benefits: BenefitService,
    private readonly members: MemberService,
    private readonly points: PointsLedgerService,
    private readonly coupons: CouponService,
    private readonly sources: BenefitSourceRegistry,
  ) {}

  async run(now = new Date()): Promise<GrantReport> {
    return { birthday: await this.birthdayGifts(now), upgrade: await this.upgradeGifts(now), monthly: await this.monthlyPacks(now) };
  }

  /**
   * Monthly coupon packs of every source that carries one (tiers, SVIP plans …), to the members who
   * hold that source now, once per member, benefit and month (the grant key).
   */
  private async monthlyPacks(now: Date): Promise<number> {
    const month = beijingDate(now).slice(0, 7);
    let issued = 0;
    for (const source of await this.sources.catalogue()) {
      const grants = (await this.benefits.grantsFor([source], now)).filter((g) => g.spec.type === 'monthly_coupon_pack');
      if (grants.length === 0) continue;
      for (let afterId = 0; ;) {
        const ids = await this.sources.membersOf(source, afterId, 500, now);
        if (ids.length === 0) break;
        afterId = ids[ids.length - 1];
        for (const memberId of ids) for (const grant of grants) if (await this.issue(memberId, grant, 'monthly', month, now)) issued += 1;
      }
    }
    return issued;
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
    const spec = grant.spec as { points?: number; couponTemplateId?: number; couponTemplateIds?: number[] };
    const templates = spec.couponTemplateIds ?? (spec.couponTemplateId ? [spec.couponTemplateId] : []);
    const grantKey = `${kind}:${grant.benefitId}:${memberId}:${period}`;
    return this.dataSource.transaction(async (manager) => {
      if (!(await insertIgnore(manager, BenefitGrantRecord, { grantKey, memberId, benefitId: grant.benefitId, kind, period, points: spec.points ?? 0 })))
        return false;
      for (const [index, templateId] of templates.entries()) {
        try {
          await manager.transaction((inner) => this.coupons.issue(inner, memberId, templateId, 'benefit', `${grantKey}:${index}`.slice(0, 96), now));
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          this.logger.warn({ msg: 'benefit coupon not issued', grantKey, templateId, reason: error.message });
        }
      }
      if (!spec.points) return true;
      await this.points.earn(
        manager,
        {
          memberId,
          points: spec.points!,
          source: kind === 'birthday' ? 'birthday' : 'upgrade',
          refType: 'benefit_grant',
          refId: grantKey.slice(0, 64),
          idempotencyKey: `grant:${grantKey}`,
          note: kind === 'birthday' ? '生日礼积分' : kind === 'upgrade' ? '升级礼积分' : '月度礼包积分',
        },
        now,
      );
      this.logger.log({ msg: 'benefit granted', grantKey });
      return true;
    });
  }
}
