import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { BenefitModule } from '../benefit/benefit.module';
import { CouponModule } from '../coupon/coupon.module';
import { InsightModule } from '../insight/insight.module';
import { MemberModule } from '../member/member.module';
import { NotificationModule } from '../notification/notification.module';
import { OrderModule } from '../order/order.module';
import { PointsModule } from '../points/points.module';
import { StoreModule } from '../store/store.module';
import { AdminCampaignController, AdminMemberCampaignController, MemberCampaignController, StaffTaskController } from './campaign.controller';
import { Campaign, CampaignBenefitGrant, CampaignDelivery, MemberBanner, StaffTask } from './campaign.entity';
import { CampaignJobs } from './campaign.jobs';
import { CampaignService } from './campaign.service';
import { SimulatedSmsProvider, SMS_PROVIDER } from './sms.provider';

/** Campaigns: a segment, a schedule and actions, delivered at most once per member and occurrence. */
@Module({
  imports: [
    TypeOrmModule.forFeature([Campaign, CampaignDelivery, StaffTask, MemberBanner, CampaignBenefitGrant]),
    InsightModule,
    CouponModule,
    PointsModule,
    NotificationModule,
    MemberModule,
    StoreModule,
    OrderModule,
    BenefitModule,
    AuditModule,
  ],
  controllers: [AdminCampaignController, AdminMemberCampaignController, MemberCampaignController, StaffTaskController],
  providers: [CampaignService, CampaignJobs, SimulatedSmsProvider, { provide: SMS_PROVIDER, useExisting: SimulatedSmsProvider }],
  exports: [CampaignService],
})
export class CampaignModule {}
