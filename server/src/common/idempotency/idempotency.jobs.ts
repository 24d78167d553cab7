import { Injectable } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { JobRunner } from '../jobs/job-runner';
import { IdempotencyService } from './idempotency.service';

@Injectable()
export class IdempotencyJobs {
  constructor(
    private readonly jobs: JobRunner,
    private readonly idempotency: IdempotencyService,
  ) {}

  /** Stored responses are kept for their window only. */
  @Interval('idempotency-purge', 3600_000)
  purge(): Promise<void> {
    return this.jobs.run('idempotency-purge', async () => ({ purged: await this.idempotency.purgeExpired(new Date()) }));
  }
}
