import { createSecretKey } from 'node:crypto';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AccountModule } from './account/account.module';
import { AuditModule } from './audit/audit.module';
import { IdempotencyModule } from './common/idempotency/idempotency.module';
import { AuthModule } from './auth/auth.module';
import { BenefitModule } from './benefit/benefit.module';
import { PaymentModule } from './payment/payment.module';
import { PointsModule } from './points/points.module';
import { CouponModule } from './coupon/coupon.module';
import { OrderModule } from './order/order.module';
import { MembershipModule } from './membership/membership.module';
import { WalletModule } from './wallet/wallet.module';
import { CatalogModule } from './catalog/catalog.module';
import { AuthGuard } from './common/auth/auth.guard';
import { TokenService } from './common/auth/token.service';
import { APP_CONFIG, AppConfig } from './config/app-config';
import { DatabaseModule } from './database/database.module';
import { HealthController } from './health/health.controller';
import { MemberModule } from './member/member.module';
import { SeedModule } from './seed/seed.module';
import { StoreModule } from './store/store.module';
import { StaffModule } from './staff/staff.module';
import { TierModule } from './tier/tier.module';
import { WechatSimulatorModule } from './wechat/simulator/wechat-simulator.module';
import { WechatModule } from './wechat/wechat.module';
import { EventsModule } from './common/events/events.module';
import { JobsModule } from './common/jobs/jobs.module';
import { StoreAdminModule } from './store/store-admin.module';
import { MemberAdminModule } from './member/member-admin.module';
import { IntegrityModule } from './integrity/integrity.module';
import { UploadModule } from './upload/upload.module';
import { OutboxModule } from './common/outbox/outbox.module';
import { MemberFactRegistryModule } from './insight/member-fact-registry';
import { InsightModule } from './insight/insight.module';
import { NotificationModule } from './notification/notification.module';
import { CampaignModule } from './campaign/campaign.module';
import { CONFIG_CACHE_TTL_MS, ConfigCache } from './common/cache/config-cache';
import { ClusterBus } from './common/redis/cluster-bus';
import { RedisModule } from './common/redis/redis.module';
import { FlashSaleModule } from './flash-sale/flash-sale.module';
import { KocModule } from './koc/koc.module';
import { CommunityModule } from './community/community.module';
import { GroupBuyModule } from './group-buy/group-buy.module';
import { AnalyticsModule } from './analytics/analytics.module';
import { DealReportModule } from './deal-report/deal-report.module';

/** Config, JWT and the token service, available to every module. */
@Global()
@Module({})
class CoreModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CoreModule,
      // A KeyObject, not the string: given a string, jsonwebtoken first tries (and fails) to parse it as
      // an RSA/EC key on every sign and verify, which costs more than the HMAC itself.
      imports: [
        RedisModule,
        JwtModule.register({
          secret: createSecretKey(Buffer.from(config.jwt.secret, 'utf8')),
          signOptions: { algorithm: 'HS256' },
          verifyOptions: { algorithms: ['HS256'] },
        }),
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        TokenService,
        { provide: ConfigCache, inject: [ClusterBus], useFactory: (bus: ClusterBus) => new ConfigCache(CONFIG_CACHE_TTL_MS, bus) },
      ],
      exports: [APP_CONFIG, TokenService, JwtModule, ConfigCache],
    };
  }
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config),
        DatabaseModule.forRoot(config),
        EventsModule,
        MemberFactRegistryModule,
        OutboxModule,
        JobsModule.forRoot(config.jobs.enabled),
        IdempotencyModule,
        WechatModule,
        ...(config.wechat.mode === 'simulator' ? [WechatSimulatorModule] : []),
        StoreModule,
        AccountModule,
        MemberModule,
        AuthModule,
        BenefitModule,
        TierModule,
        CatalogModule,
        AuditModule,
        PaymentModule,
        WalletModule,
        PointsModule,
        CouponModule,
        OrderModule,
        MembershipModule,
        StaffModule,
        StoreAdminModule,
        MemberAdminModule,
        SeedModule,
        IntegrityModule,
        UploadModule,
        InsightModule,
        CampaignModule,
        KocModule,
        CommunityModule,
        GroupBuyModule,
        NotificationModule,
        FlashSaleModule,
        AnalyticsModule,
        DealReportModule,
      ],
      controllers: [HealthController],
      providers: [{ provide: APP_GUARD, useClass: AuthGuard }],
    };
  }
}
