import { DynamicModule, Global, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { JobLeases } from './job-lease.service';
import { JobRunner } from './job-runner';

/**
 * Scheduled jobs live beside their domain (`<domain>.jobs.ts`, @Interval/@Cron from @nestjs/schedule).
 * With jobs disabled (tests, one-off CLI runs) the scheduler is not loaded, so the decorators do nothing.
 */
@Global()
@Module({})
export class JobsModule {
  static forRoot(enabled: boolean): DynamicModule {
    return {
      module: JobsModule,
      imports: enabled ? [ScheduleModule.forRoot()] : [],
      providers: [JobLeases, { provide: JobRunner, inject: [JobLeases], useFactory: (leases: JobLeases) => new JobRunner(leases) }],
      exports: [JobRunner, JobLeases],
    };
  }
}
