import { ReferralProgrammes } from './referral-programmes';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CouponModule } from '../coupon/coupon.module';
import { MemberModule } from '../member/member.module';
import { PaymentModule } from '../payment/payment.module';
import { AdminPointsController } from './admin-points.controller';
import { PointsAccount } from './points-account.entity';
import { PointsEntry } from './points-entry.entity';
import { PointsLedgerService } from './points-ledger.service';
import { PointsLot } from './points-lot.entity';
import { PointsMallItem, PointsRedemption, PointsReminder } from './points-mall.entity';
import { PointsMallService } from './points-mall.service';
import { PointsReportService } from './points-report.service';
import { PointsRewardsService } from './points-rewards.service';
import { PointsSetting } from './points-setting.entity';
import { PointsSignIn } from './points-sign-in.entity';
import { PointsSignInService } from './points-sign-in.service';
import { PointsController } from './points.controller';
import { PointsJobs } from './points.jobs';
import { ProfileRewardListener } from './profile-reward.listener';
import { PointsFactsContributor } from './points-facts.contributor';

@Module({
  imports: [
    TypeOrmModule.forFeature([PointsAccount, PointsLot, PointsEntry, PointsSetting, PointsSignIn, PointsMallItem, PointsRedemption, PointsReminder]),
    CouponModule,
    PaymentModule,
    MemberModule,
  ],
  controllers: [PointsController, AdminPointsController],
  providers: [
    PointsFactsContributor,
    PointsLedgerService,
    PointsRewardsService,
    PointsSignInService,
    PointsMallService,
    PointsReportService,
    PointsJobs,
    ProfileRewardListener,
    ReferralProgrammes,
  ],
  exports: [PointsLedgerService, PointsRewardsService, PointsMallService, PointsReportService, ReferralProgrammes],
})
export class PointsModule {}
