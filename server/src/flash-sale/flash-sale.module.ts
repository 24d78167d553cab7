import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { BenefitModule } from '../benefit/benefit.module';
import { CatalogModule } from '../catalog/catalog.module';
import type Redis from 'ioredis';
import { REDIS, REDIS_NAMESPACE } from '../common/redis/redis.tokens';
import { CommunityModule } from '../community/community.module';
import { InsightModule } from '../insight/insight.module';
import { MembershipModule } from '../membership/membership.module';
import { NotificationModule } from '../notification/notification.module';
import { OrderModule } from '../order/order.module';
import { TierModule } from '../tier/tier.module';
import { ADMISSION_GATE, type AdmissionGate } from './admission/admission-gate';
import { MemoryAdmissionGate } from './admission/memory-admission.gate';
import { RedisAdmissionGate } from './admission/redis-admission.gate';
import { FlashSaleDealHandler } from './flash-sale-deal.handler';
import { AdminFlashSaleController, MemberFlashSaleController } from './flash-sale.controller';
import { FlashSaleEvent, FlashSalePurchase, FlashSaleReminder, FlashSaleReservation } from './flash-sale.entity';
import { FlashSaleJobs } from './flash-sale.jobs';
import { FlashSaleService } from './flash-sale.service';

/** With REDIS_URL the Lua gate (keys namespaced by database), without it the in-process gate. */
function admissionGate(redis: Redis | null, namespace: string): AdmissionGate {
  return redis ? new RedisAdmissionGate(redis, namespace) : new MemoryAdmissionGate();
}

/** Flash sales (秒杀): events, admission, the deal step of the order checkout, reminders. */
@Module({
  imports: [
    TypeOrmModule.forFeature([FlashSaleEvent, FlashSalePurchase, FlashSaleReservation, FlashSaleReminder]),
    OrderModule,
    CatalogModule,
    BenefitModule,
    TierModule,
    MembershipModule,
    InsightModule,
    CommunityModule,
    NotificationModule,
    AuditModule,
  ],
  controllers: [AdminFlashSaleController, MemberFlashSaleController],
  providers: [{ provide: ADMISSION_GATE, inject: [REDIS, REDIS_NAMESPACE], useFactory: admissionGate }, FlashSaleDealHandler, FlashSaleService, FlashSaleJobs],
  exports: [FlashSaleService],
})
export class FlashSaleModule {}
