import { Module } from '@nestjs/common';
import { AccountModule } from '../account/account.module';
import { CouponModule } from '../coupon/coupon.module';
import { MembershipModule } from '../membership/membership.module';
import { OrderModule } from '../order/order.module';
import { PointsModule } from '../points/points.module';
import { StoreModule } from '../store/store.module';
import { TierModule } from '../tier/tier.module';
import { WalletModule } from '../wallet/wallet.module';
import { AdminMemberDetailController } from './admin-member-detail.controller';
import { MemberDetailService } from './member-detail.service';
import { MemberModule } from './member.module';

/**
 * The member detail screen's API. Separate from MemberModule because it composes the domains above
 * members (tier, SVIP, wallet, points, coupons, orders, store binding), while MemberModule stays at the
 * bottom of the graph where all of them depend on it.
 */
@Module({
  imports: [MemberModule, AccountModule, CouponModule, MembershipModule, OrderModule, PointsModule, StoreModule, TierModule, WalletModule],
  controllers: [AdminMemberDetailController],
  providers: [MemberDetailService],
})
export class MemberAdminModule {}
