import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { MemberModule } from '../member/member.module';
import { OrderModule } from '../order/order.module';
import { StoreModule } from '../store/store.module';
import { AdminNotificationController } from './admin-notification.controller';
import { NotificationController } from './notification.controller';
import { NotificationConsent, NotificationSceneConfig, NotificationSend } from './notification.entity';
import { NotificationListeners } from './notification.listeners';
import { NotificationService } from './notification.service';

/**
 * Subscribe messages. Other modules never import this one: they publish domain events (outbox)
 * that its listeners turn into messages; a module without an event yet may call
 * `NotificationService.notify` by importing it.
 */
@Module({
  imports: [TypeOrmModule.forFeature([NotificationSceneConfig, NotificationConsent, NotificationSend]), MemberModule, OrderModule, StoreModule, AuditModule],
  controllers: [NotificationController, AdminNotificationController],
  providers: [NotificationService, NotificationListeners],
  exports: [NotificationService],
})
export class NotificationModule {}
