import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BenefitModule } from '../benefit/benefit.module';
import { CatalogModule } from '../catalog/catalog.module';
import { CouponModule } from '../coupon/coupon.module';
import { MemberModule } from '../member/member.module';
import { PaymentModule } from '../payment/payment.module';
import { PointsModule } from '../points/points.module';
import { StoreModule } from '../store/store.module';
import { TierModule } from '../tier/tier.module';
import { UploadModule } from '../upload/upload.module';
import { WalletModule } from '../wallet/wallet.module';
import { AddressService } from './address.service';
import { AdminOrderController } from './admin-order.controller';
import { AfterSaleService } from './after-sale.service';
import { CheckoutSteps } from './checkout/checkout-steps';
import { OrderCheckoutService } from './order-checkout.service';
import { OrderFulfilmentService } from './order-fulfilment.service';
import { OrderPaymentHandler } from './order-payment.handler';
import { OrderPricingService } from './order-pricing.service';
import { OrderQueryService } from './order-query.service';
import { OrderController } from './order.controller';
import { LOGISTICS_PROVIDER, SimulatedLogisticsProvider } from './logistics/logistics-provider';
import { OrderJobs } from './order.jobs';
import { Address, AfterSale, OrderLine, Shipment, ShopOrder } from './order.entity';
import { OrderFactsContributor } from './order-facts.contributor';
import { OrderDealRegistry } from './checkout/order-deal';

@Module({
  imports: [
    TypeOrmModule.forFeature([ShopOrder, OrderLine, AfterSale, Address, Shipment]),
    BenefitModule,
    CatalogModule,
    CouponModule,
    MemberModule,
    PaymentModule,
    PointsModule,
    TierModule,
    WalletModule,
    StoreModule,
    UploadModule,
  ],
  controllers: [OrderController, AdminOrderController],
  providers: [
    OrderFactsContributor,
    OrderPricingService,
    CheckoutSteps,
    OrderDealRegistry,
    OrderQueryService,
    OrderCheckoutService,
    OrderFulfilmentService,
    AfterSaleService,
    OrderPaymentHandler,
    AddressService,
    OrderJobs,
    { provide: LOGISTICS_PROVIDER, useClass: SimulatedLogisticsProvider },
  ],
  exports: [OrderQueryService, OrderFulfilmentService, OrderCheckoutService, OrderDealRegistry, AfterSaleService],
})
export class OrderModule {}
