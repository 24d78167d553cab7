import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BenefitModule } from '../benefit/benefit.module';
import { MemberModule } from '../member/member.module';
import { OrderModule } from '../order/order.module';
import { PaymentModule } from '../payment/payment.module';
import { WalletModule } from '../wallet/wallet.module';
import { StoreModule } from '../store/store.module';
import { AdminMembershipController, MembershipController } from './membership.controller';
import { MembershipAccount, MembershipEvent, MembershipPeriodRecord, MembershipPlan, MembershipPurchase } from './membership.entity';
import { MembershipService } from './membership.service';
import { MembershipJobs } from './membership.jobs';
import { MembershipFactsContributor } from './membership-facts.contributor';

@Module({
  imports: [
    TypeOrmModule.forFeature([MembershipPlan, MembershipPurchase, MembershipPeriodRecord, MembershipAccount, MembershipEvent]),
    BenefitModule,
    MemberModule,
    OrderModule,
    PaymentModule,
    WalletModule,
    StoreModule,
  ],
  controllers: [MembershipController, AdminMembershipController],
  providers: [MembershipFactsContributor, MembershipService, MembershipJobs],
  exports: [MembershipService],
})
export class MembershipModule {}
