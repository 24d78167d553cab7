import { Inject, Module, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IntervalJob } from '../common/jobs/interval-job';
import { CouponModule } from '../coupon/coupon.module';
import { PaymentModule } from '../payment/payment.module';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { AdminPointsController } from './admin-points.controller';
import { PointsAccount } from './points-account.entity';
import { PointsEntry } from './points-entry.entity';
import { PointsLedgerService } from './points-ledger.service';
import { PointsLot } from './points-lot.entity';
import { PointsMallItem, PointsRedemption, PointsReminder } from './points-mall.entity';
import { PointsSetting } from './points-setting.entity';
import { PointsSignIn } from './points-sign-in.entity';
import { PointsController } from './points.controller';
import { PointsService } from './points.service';

@Module({
  imports: [TypeOrmModule.forFeature([PointsAccount, PointsLot, PointsEntry, PointsSetting, PointsSignIn, PointsMallItem, PointsRedemption, PointsReminder]), CouponModule, PaymentModule],
  controllers: [PointsController, AdminPointsController],
  providers: [PointsLedgerService, PointsService],
  exports: [PointsLedgerService, PointsService],
})
export class PointsModule implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly jobs: IntervalJob[];

  constructor(ledger: PointsLedgerService, points: PointsService, @Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.jobs = [
      new IntervalJob('points-expiry', 3600_000, () => ledger.expireDue(new Date())),
      new IntervalJob('points-reminders', 6 * 3600_000, () => points.remindExpiring(new Date())),
    ];
  }

  onApplicationBootstrap(): void {
    if (this.config.jobs.enabled) this.jobs.forEach((j) => j.start());
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.jobs.map((j) => j.stop()));
  }
}
