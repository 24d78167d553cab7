import { Inject, Module, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BenefitModule } from '../benefit/benefit.module';
import { IntervalJob } from '../common/jobs/interval-job';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { MemberModule } from '../member/member.module';
import { PointsModule } from '../points/points.module';
import { CouponModule } from '../coupon/coupon.module';
import { AdminTierController } from './admin-tier.controller';
import { BenefitGrantRecord } from './benefit-grant.entity';
import { BenefitGrantService } from './benefit-grant.service';
import { GrowthEntry } from './growth-entry.entity';
import { GrowthService } from './growth.service';
import { MemberCardController } from './member-card.controller';
import { MemberCardService } from './member-card.service';
import { MemberTier } from './member-tier.entity';
import { TierHistory } from './tier-history.entity';
import { TierSetting } from './tier-setting.entity';
import { TierController } from './tier.controller';
import { Tier } from './tier.entity';
import { TierService } from './tier.service';

@Module({
  imports: [TypeOrmModule.forFeature([Tier, GrowthEntry, MemberTier, TierHistory, TierSetting, BenefitGrantRecord]), BenefitModule, MemberModule, PointsModule, CouponModule],
  controllers: [TierController, MemberCardController, AdminTierController],
  providers: [TierService, GrowthService, MemberCardService, BenefitGrantService],
  exports: [TierService, GrowthService, MemberCardService, BenefitGrantService],
})
export class TierModule implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly jobs: IntervalJob[];

  constructor(growth: GrowthService, grants: BenefitGrantService, @Inject(APP_CONFIG) private readonly config: AppConfig) {
    // Hourly is plenty: evaluation only matters once a tier's protection has run out; grants are per month/year.
    this.jobs = [
      new IntervalJob('tier-evaluation', 3600_000, () => growth.evaluateDue(new Date())),
      new IntervalJob('benefit-grants', 3600_000, () => grants.run(new Date())),
    ];
  }

  onApplicationBootstrap(): void {
    if (this.config.jobs.enabled) this.jobs.forEach((j) => j.start());
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.jobs.map((j) => j.stop()));
  }
}
