import { createHash } from 'node:crypto';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { CommunityModule } from '../community/community.module';
import { BenefitModule } from '../benefit/benefit.module';
import { CatalogModule } from '../catalog/catalog.module';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
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
function admissionGate(config: AppConfig): AdmissionGate {
  if (!config.flashSale.redisUrl) return new MemoryAdmissionGate();
  const db = config.database.type === 'mysql' ? config.database.url : config.database.file;
  return new RedisAdmissionGate(config.flashSale.redisUrl, `mall:${createHash('sha256').update(db).digest('hex').slice(0, 12)}`);
}

/** Flash sales (秒杀): events, admission, the deal step of the order checkout, reminders. */
@Module({
  imports: [
    TypeOrmModule.forFeature([FlashSaleEvent, FlashSalePurchase, FlashSaleReservation, FlashSaleReminder]),
    CommunityModule,
    OrderModule,
    CatalogModule,
    BenefitModule,
    TierModule,
    MembershipModule,
    InsightModule,
    NotificationModule,
    AuditModule,
  ],
  controllers: [AdminFlashSaleController, MemberFlashSaleController],
  providers: [{ provide: ADMISSION_GATE, inject: [APP_CONFIG], useFactory: admissionGate }, FlashSaleDealHandler, FlashSaleService, FlashSaleJobs],
  exports: [FlashSaleService],
})
export class FlashSaleModule {}
