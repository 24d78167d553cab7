import { Injectable } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { JobRunner } from '../common/jobs/job-runner';
import { CampaignService } from './campaign.service';

@Injectable()
export class CampaignJobs {
  constructor(
    private readonly jobs: JobRunner,
    private readonly campaigns: CampaignService,
  ) {}

  /** Every minute: due starts, one throttled page per running campaign, triggers. Safe on many instances (unique deliveries). */
  @Interval('campaigns', 60_000)
  run(): Promise<void> {
    return this.jobs.run('campaigns', () => this.campaigns.runDue(new Date()));
  }
}
