import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { AdminAnalyticsController } from './admin-analytics.controller';
import { AnalyticsJobs } from './analytics.jobs';
import { AnalyticsListener } from './analytics.listener';
import { AnalyticsReportService } from './analytics-report.service';
import { AnalyticsRollupService } from './analytics-rollup.service';
import { ANALYTICS_ENTITIES } from './analytics.entity';
import { PermissionMatrixService } from './permission-matrix.service';

/** Ops dashboards: rollups kept per day from events and a claimed job, reports and CSV exports read only the rollups. */
@Module({
  imports: [TypeOrmModule.forFeature(ANALYTICS_ENTITIES), AuditModule],
  controllers: [AdminAnalyticsController],
  providers: [AnalyticsRollupService, AnalyticsReportService, AnalyticsListener, AnalyticsJobs, PermissionMatrixService],
  exports: [AnalyticsRollupService, AnalyticsReportService],
})
export class AnalyticsModule {}
