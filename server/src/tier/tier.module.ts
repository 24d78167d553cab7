import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BenefitModule } from '../benefit/benefit.module';
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
import { TierJobs } from './tier.jobs';
import { TierFactsContributor } from './tier-facts.contributor';

@Module({
  imports: [
    TypeOrmModule.forFeature([Tier, GrowthEntry, MemberTier, TierHistory, TierSetting, BenefitGrantRecord]),
    BenefitModule,
    MemberModule,
    PointsModule,
    CouponModule,
  ],
  controllers: [TierController, MemberCardController, AdminTierController],
  providers: [TierFactsContributor, TierService, GrowthService, MemberCardService, BenefitGrantService, TierJobs],
  exports: [TierService, GrowthService, MemberCardService, BenefitGrantService],
})
export class TierModule {}
