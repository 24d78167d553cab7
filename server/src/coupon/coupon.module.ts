import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminCouponController, CouponController } from './coupon.controller';
import { CouponTemplate } from './coupon-template.entity';
import { Coupon, CouponClaimCounter } from './coupon.entity';
import { CouponService } from './coupon.service';
import { CouponJobs } from './coupon.jobs';

@Module({
  imports: [TypeOrmModule.forFeature([CouponTemplate, Coupon, CouponClaimCounter])],
  controllers: [CouponController, AdminCouponController],
  providers: [CouponService, CouponJobs],
  exports: [CouponService],
})
export class CouponModule {}
