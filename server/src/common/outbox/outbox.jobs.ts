import { Injectable } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { JobRunner } from '../jobs/job-runner';
import { OutboxService } from './outbox.service';

@Injectable()
export class OutboxJobs {
  constructor(
    private readonly jobs: JobRunner,
    private readonly outbox: OutboxService,
  ) {}

  /** Every two seconds: after-commit events reach their listeners within moments of the commit. */
  @Interval('outbox-dispatch', 2000)
  dispatch(): Promise<void> {
    return this.jobs.run('outbox-dispatch', () => this.outbox.dispatchDue(new Date()));
  }
}
