import { Injectable } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { JobRunner } from '../common/jobs/job-runner';
import { SessionService } from './session.service';

@Injectable()
export class SessionJobs {
  constructor(
    private readonly jobs: JobRunner,
    private readonly sessions: SessionService,
  ) {}

  /** Expired refresh tokens (used, revoked or never used) are deleted: a plain DELETE, harmless to run twice. */
  @Interval('refresh-token-purge', 3600_000)
  purge(): Promise<void> {
    return this.jobs.run('refresh-token-purge', async () => ({ purged: await this.sessions.purgeExpired(new Date()) }));
  }
}
