import { Module } from '@nestjs/common';
import { AccountModule } from '../account/account.module';
import { AuditModule } from '../audit/audit.module';
import { CouponModule } from '../coupon/coupon.module';
import { MemberModule } from '../member/member.module';
import { MembershipModule } from '../membership/membership.module';
import { OrderModule } from '../order/order.module';
import { PointsModule } from '../points/points.module';
import { StoreModule } from '../store/store.module';
import { TierModule } from '../tier/tier.module';
import { WalletModule } from '../wallet/wallet.module';
import { WechatModule } from '../wechat/wechat.module';
import { InsightModule } from '../insight/insight.module';
import { AdminStaffController } from './admin-staff.controller';
import { MemberStoreController, StaffAuthController, StaffController } from './staff.controller';
import { StaffAuthService } from './staff-auth.service';
import { StaffDeskService } from './staff-desk.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { StaffInvite } from './staff-invite.entity';

/** Staff mode (导购): sign-in, scan-to-bind, write-off, performance; and the ops screens for them. */
@Module({
  imports: [
    TypeOrmModule.forFeature([StaffInvite]),
    AccountModule,
    AuditModule,
    CouponModule,
    MemberModule,
    MembershipModule,
    OrderModule,
    PointsModule,
    StoreModule,
    TierModule,
    WalletModule,
    WechatModule,
    InsightModule,
  ],
  controllers: [StaffAuthController, StaffController, MemberStoreController, AdminStaffController],
  providers: [StaffAuthService, StaffDeskService],
  exports: [StaffDeskService],
})
export class StaffModule {}
