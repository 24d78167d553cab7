import { Injectable } from '@nestjs/common';
import { Cron, Interval } from '@nestjs/schedule';
import { JobRunner } from '../common/jobs/job-runner';
import { KocProgrammeService } from './koc-programme.service';
import { KocReferralService } from './koc-referral.service';

@Injectable()
export class KocJobs {
  constructor(
    private readonly jobs: JobRunner,
    private readonly referrals: KocReferralService,
    private readonly programmes: KocProgrammeService,
  ) {}

  /** Every 5 minutes: rewards past their refund window are credited or cancelled, each claimed by its own transition. */
  @Interval('koc-credit', 300_000)
  credit(): Promise<void> {
    return this.jobs.run('koc-credit', () => this.referrals.creditDue(new Date()));
  }

  /** Nightly (Beijing 03:20): members the programmes' criteria select become KOCs. */
  @Cron('0 20 3 * * *', { name: 'koc-criteria', timeZone: 'Asia/Shanghai' })
  criteria(): Promise<void> {
    return this.jobs.run('koc-criteria', () => this.programmes.applyCriteria(new Date()));
  }
}
