import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { CouponModule } from '../coupon/coupon.module';
import { InsightModule } from '../insight/insight.module';
import { MemberModule } from '../member/member.module';
import { OrderModule } from '../order/order.module';
import { PointsModule } from '../points/points.module';
import { AdminKocController, KocController } from './koc.controller';
import { KocMember, KocProgramme, KocReferral, KocReward, KocRewardRefund } from './koc.entity';
import { KocJobs } from './koc.jobs';
import { KocListeners } from './koc.listeners';
import { KocProgrammeService } from './koc-programme.service';
import { KocQueryService } from './koc-query.service';
import { KocReferralService } from './koc-referral.service';

/** KOC programme (推荐官): programmes, KOCs, poster binding, referral rewards and commission with clawback, leaderboard. */
@Module({
  imports: [
    TypeOrmModule.forFeature([KocProgramme, KocMember, KocReferral, KocReward, KocRewardRefund]),
    InsightModule,
    CouponModule,
    PointsModule,
    MemberModule,
    OrderModule,
    AuditModule,
  ],
  controllers: [KocController, AdminKocController],
  providers: [KocProgrammeService, KocReferralService, KocQueryService, KocListeners, KocJobs],
  exports: [KocQueryService],
})
export class KocModule {}
