import { Injectable } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { beijingHour } from './beijing-hour';
import { JobRunner } from '../common/jobs/job-runner';
import { InvitationService } from './invitation.service';
import { WarningDigestService } from './warning-digest.service';

@Injectable()
export class CommunityJobs {
  constructor(
    private readonly jobs: JobRunner,
    private readonly invitations: InvitationService,
    private readonly digests: WarningDigestService,
  ) {}

  /**
   * Hourly: ended flash groups hand over. From 02:00 Beijing time the nightly evaluation, and from 09:00
   * the warning list to ops, each claimed once per day.
   */
  @Interval('community', 3600_000)
  run(): Promise<void> {
    return this.jobs.run('community', async () => {
      const now = new Date();
      const handedOver = await this.invitations.handOverEndedFlashGroups(now);
      const nightly = beijingHour(now) >= 2 ? await this.invitations.runNightly(now) : null;
      const digest = beijingHour(now) >= 9 ? await this.digests.sendDaily(now) : null;
      return { handedOver, invited: nightly?.invited ?? 0, warningsSent: digest?.total ?? 0 };
    });
  }
}
