import { Inject, Module, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BenefitModule } from '../benefit/benefit.module';
import { IntervalJob } from '../common/jobs/interval-job';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { MemberModule } from '../member/member.module';
import { OrderModule } from '../order/order.module';
import { PaymentModule } from '../payment/payment.module';
import { WalletModule } from '../wallet/wallet.module';
import { StoreModule } from '../store/store.module';
import { AdminMembershipController, MembershipController } from './membership.controller';
import { MembershipAccount, MembershipEvent, MembershipPeriodRecord, MembershipPlan, MembershipPurchase } from './membership.entity';
import { MembershipService } from './membership.service';

@Module({
  imports: [TypeOrmModule.forFeature([MembershipPlan, MembershipPurchase, MembershipPeriodRecord, MembershipAccount, MembershipEvent]), BenefitModule, MemberModule, OrderModule, PaymentModule, WalletModule, StoreModule],
  controllers: [MembershipController, AdminMembershipController],
  providers: [MembershipService],
  exports: [MembershipService],
})
export class MembershipModule implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly job: IntervalJob;

  constructor(membership: MembershipService, @Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.job = new IntervalJob('membership', 3600_000, () => membership.runJobs(new Date()));
  }

  onApplicationBootstrap(): void {
    if (this.config.jobs.enabled) this.job.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.job.stop();
  }
}
