import { Injectable } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { JobRunner } from '../common/jobs/job-runner';
import { MembershipService } from './membership.service';

@Injectable()
export class MembershipJobs {
  constructor(
    private readonly jobs: JobRunner,
    private readonly membership: MembershipService,
  ) {}

  /** Expiry events and renewal reminders, once per member and period end (unique event rows). */
  @Interval('membership', 3600_000)
  run(): Promise<void> {
    return this.jobs.run('membership', () => this.membership.runJobs(new Date()));
  }
}
