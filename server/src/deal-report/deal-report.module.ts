import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CatalogModule } from '../catalog/catalog.module';
import { OrderModule } from '../order/order.module';
import { AdminDealReportController } from './admin-deal-report.controller';
import { DealReportService } from './deal-report.service';

/** 活动效果 (deal performance): a read-only report over flash sales, group buys and their orders. It owns no tables. */
@Module({
  imports: [OrderModule, CatalogModule, AuditModule],
  controllers: [AdminDealReportController],
  providers: [DealReportService],
})
export class DealReportModule {}
