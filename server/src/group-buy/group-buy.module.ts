import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { CatalogModule } from '../catalog/catalog.module';
import { MemberModule } from '../member/member.module';
import { NotificationModule } from '../notification/notification.module';
import { OrderModule } from '../order/order.module';
import { AdminGroupBuyController, GroupBuyController } from './group-buy.controller';
import { GroupBuyDealHandler } from './group-buy-deal.handler';
import { GroupBuyDeal, GroupBuyGroup, GroupBuyMember } from './group-buy.entity';
import { GroupBuyJobs } from './group-buy.jobs';
import { GroupBuyNoticesListener } from './group-buy-notices.listener';
import { GroupBuyService } from './group-buy.service';

/** Group buys (拼团): deals, groups and slots; pays through the order checkout's deal step, refunds failed groups through after-sales. */
@Module({
  imports: [TypeOrmModule.forFeature([GroupBuyDeal, GroupBuyGroup, GroupBuyMember]), CatalogModule, MemberModule, OrderModule, NotificationModule, AuditModule],
  controllers: [GroupBuyController, AdminGroupBuyController],
  providers: [GroupBuyService, GroupBuyDealHandler, GroupBuyJobs, GroupBuyNoticesListener],
  exports: [GroupBuyService],
})
export class GroupBuyModule {}
