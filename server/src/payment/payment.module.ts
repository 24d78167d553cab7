import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminPaymentController, AdminRefundController } from './admin-payment.controller';
import { PaymentController } from './payment.controller';
import { PaymentNotifyController } from './payment-notify.controller';
import { PaymentNotifyLog } from './payment-notify-log.entity';
import { PaymentPurposeRegistry } from './payment-purpose';
import { PaymentReconciler } from './payment-reconciler';
import { Payment } from './payment.entity';
import { PaymentService } from './payment.service';
import { Refund } from './refund.entity';
import { WechatPayClient } from './wechatpay/wechatpay.client';
import { RefundService } from './refund.service';
import { PaymentJobs } from './payment.jobs';

@Module({
  imports: [TypeOrmModule.forFeature([Payment, Refund, PaymentNotifyLog])],
  controllers: [PaymentController, PaymentNotifyController, AdminPaymentController, AdminRefundController],
  providers: [WechatPayClient, PaymentService, RefundService, PaymentPurposeRegistry, PaymentReconciler, PaymentJobs],
  exports: [PaymentService, RefundService, PaymentPurposeRegistry, PaymentReconciler],
})
export class PaymentModule {}
