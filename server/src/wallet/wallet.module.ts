import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MemberModule } from '../member/member.module';
import { PaymentModule } from '../payment/payment.module';
import { TierModule } from '../tier/tier.module';
import { PointsModule } from '../points/points.module';
import { CouponModule } from '../coupon/coupon.module';
import { StoreModule } from '../store/store.module';
import { AdminWalletController } from './admin-wallet.controller';
import { RechargePlan } from './recharge-plan.entity';
import { Recharge, RechargePlanUsage } from './recharge.entity';
import { RechargeService } from './recharge.service';
import { WalletEntry } from './wallet-entry.entity';
import { WalletLedgerService } from './wallet-ledger.service';
import { WalletPinService } from './wallet-pin.service';
import { WalletSetting } from './wallet-setting.entity';
import { WalletSettingsService } from './wallet-settings.service';
import { WalletController } from './wallet.controller';
import { Wallet } from './wallet.entity';
import { WalletService } from './wallet.service';
import { Withdrawal } from './withdrawal.entity';
import { WithdrawalService } from './withdrawal.service';
import { WalletFactsContributor } from './wallet-facts.contributor';

@Module({
  imports: [
    TypeOrmModule.forFeature([Wallet, WalletEntry, RechargePlan, Recharge, RechargePlanUsage, WalletSetting, Withdrawal]),
    PaymentModule,
    MemberModule,
    TierModule,
    PointsModule,
    CouponModule,
    StoreModule,
  ],
  controllers: [WalletController, AdminWalletController],
  providers: [WalletFactsContributor, WalletLedgerService, WalletService, WalletSettingsService, RechargeService, WalletPinService, WithdrawalService],
  exports: [WalletLedgerService, WalletService, WalletSettingsService, WalletPinService],
})
export class WalletModule {}
