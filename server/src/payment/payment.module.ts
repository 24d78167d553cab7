import { Inject, Module, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IntervalJob } from '../common/jobs/interval-job';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { AdminPaymentController } from './admin-payment.controller';
import { PaymentController } from './payment.controller';
import { PaymentNotifyController } from './payment-notify.controller';
import { PaymentNotifyLog } from './payment-notify-log.entity';
import { PaymentPurposeRegistry } from './payment-purpose';
import { PaymentReconciler } from './payment-reconciler';
import { Payment } from './payment.entity';
import { PaymentService } from './payment.service';
import { Refund } from './refund.entity';
import { WechatPayClient } from './wechatpay/wechatpay.client';

@Module({
  imports: [TypeOrmModule.forFeature([Payment, Refund, PaymentNotifyLog])],
  controllers: [PaymentController, PaymentNotifyController, AdminPaymentController],
  providers: [WechatPayClient, PaymentService, PaymentPurposeRegistry, PaymentReconciler],
  exports: [PaymentService, PaymentPurposeRegistry, PaymentReconciler],
})
export class PaymentModule implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly job: IntervalJob;

  constructor(
    reconciler: PaymentReconciler,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.job = new IntervalJob('payment-reconcile', config.jobs.reconcileIntervalSeconds * 1000, () => reconciler.runOnce());
  }

  onApplicationBootstrap(): void {
    if (this.config.jobs.enabled) this.job.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.job.stop();
  }
}
