import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BenefitModule } from '../benefit/benefit.module';
import { CouponModule } from '../coupon/coupon.module';
import { MemberModule } from '../member/member.module';
import { PaymentModule } from '../payment/payment.module';
import { PointsModule } from '../points/points.module';
import { TierModule } from '../tier/tier.module';
import { WalletModule } from '../wallet/wallet.module';
import { StoreModule } from '../store/store.module';
import { AdminOrderController } from './admin-order.controller';
import { OrderController } from './order.controller';
import { AfterSale, Address, OrderLine, ShopOrder } from './order.entity';
import { OrderPricingService } from './order-pricing.service';
import { OrderService } from './order.service';

@Module({
  imports: [TypeOrmModule.forFeature([ShopOrder, OrderLine, AfterSale, Address]), BenefitModule, CouponModule, MemberModule, PaymentModule, PointsModule, TierModule, WalletModule, StoreModule],
  controllers: [OrderController, AdminOrderController],
  providers: [OrderService, OrderPricingService],
  exports: [OrderService],
})
export class OrderModule {}
