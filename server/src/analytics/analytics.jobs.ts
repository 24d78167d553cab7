import { Injectable } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { JobRunner } from '../common/jobs/job-runner';
import { AnalyticsRollupService } from './analytics-rollup.service';

@Injectable()
export class AnalyticsJobs {
  constructor(
    private readonly jobs: JobRunner,
    private readonly rollup: AnalyticsRollupService,
  ) {}

  /** Every 10 minutes: recompute dirty days (claimed per day, harmless on two instances) and take today's snapshot. */
  @Interval('analytics-rollup', 10 * 60_000)
  refresh(): Promise<void> {
    return this.jobs.run('analytics-rollup', async () => ({ days: (await this.rollup.refresh(new Date())).computed.length }));
  }
}
