import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import express from 'express';
import { AuditModule } from '../audit/audit.module';
import { BenefitModule } from '../benefit/benefit.module';
import { CouponModule } from '../coupon/coupon.module';
import { InsightModule } from '../insight/insight.module';
import { MemberModule } from '../member/member.module';
import { NotificationModule } from '../notification/notification.module';
import { StoreModule } from '../store/store.module';
import { UploadModule } from '../upload/upload.module';
import { AdminCommunityController } from './admin-community.controller';
import { CommunityGroupService } from './community-group.service';
import { MemberCommunityController, StaffCommunityController, WecomCallbackController } from './community.controller';
import {
  CommunityGroup,
  CommunityInvitation,
  CommunityJobRun,
  GroupCode,
  GroupCodeClaim,
  GuideContactWay,
  WecomCallback,
  WecomGroupChat,
} from './community.entity';
import { CommunityJobs } from './community.jobs';
import { CommunityListener } from './community.listener';
import { GroupCodeService } from './group-code.service';
import { GuideContactService } from './guide-contact.service';
import { InvitationService } from './invitation.service';
import { WarningDigestService } from './warning-digest.service';
import { StoreCodeService } from './store-code.service';
import { AccountModule } from '../account/account.module';
import { WecomApiClient } from './wecom/wecom-api.client';
import { WecomCallbackService } from './wecom/wecom-callback.service';

export const WECOM_CALLBACK_PATH = 'api/community/wecom/callback';

/** Community groups, their code pools, invitations and the WeCom join callbacks. */
@Module({
  imports: [
    TypeOrmModule.forFeature([CommunityGroup, GroupCode, GroupCodeClaim, CommunityInvitation, WecomCallback, WecomGroupChat, GuideContactWay, CommunityJobRun]),
    InsightModule,
    AccountModule,
    BenefitModule,
    CouponModule,
    NotificationModule,
    MemberModule,
    StoreModule,
    UploadModule,
    AuditModule,
  ],
  controllers: [AdminCommunityController, MemberCommunityController, StaffCommunityController, WecomCallbackController],
  providers: [
    CommunityGroupService,
    GroupCodeService,
    GuideContactService,
    InvitationService,
    WecomApiClient,
    WecomCallbackService,
    CommunityListener,
    CommunityJobs,
    WarningDigestService,
    StoreCodeService,
  ],
  exports: [InvitationService, CommunityGroupService],
})
export class CommunityModule implements NestModule {
  /** WeCom posts XML; the global parser takes only JSON, so this one route reads its body as text. */
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(express.text({ type: ['text/xml', 'application/xml'], limit: '64kb' })).forRoutes({ path: WECOM_CALLBACK_PATH, method: RequestMethod.POST });
  }
}
