import { Injectable } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { JobRunner } from '../common/jobs/job-runner';
import { BenefitGrantService } from './benefit-grant.service';
import { GrowthService } from './growth.service';

// Hourly is plenty: evaluation only matters once a tier's protection has run out; grants are per month/year.
const HOUR = 3600_000;

@Injectable()
export class TierJobs {
  constructor(
    private readonly jobs: JobRunner,
    private readonly growth: GrowthService,
    private readonly grants: BenefitGrantService,
  ) {}

  @Interval('tier-evaluation', HOUR)
  evaluate(): Promise<void> {
    return this.jobs.run('tier-evaluation', () => this.growth.evaluateDue(new Date()));
  }

  @Interval('benefit-grants', HOUR)
  grant(): Promise<void> {
    return this.jobs.run('benefit-grants', () => this.grants.run(new Date()));
  }
}
