import { Injectable } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { JobRunner } from '../common/jobs/job-runner';
import { PointsLedgerService } from './points-ledger.service';
import { PointsReportService } from './points-report.service';

const HOUR = 3600_000;

@Injectable()
export class PointsJobs {
  constructor(
    private readonly jobs: JobRunner,
    private readonly ledger: PointsLedgerService,
    private readonly reports: PointsReportService,
  ) {}

  /** Each due lot is claimed once (conditional update), however many instances run this. */
  @Interval('points-expiry', HOUR)
  expire(): Promise<void> {
    return this.jobs.run('points-expiry', () => this.ledger.expireDue(new Date()));
  }

  /** Once per member and expiry day (unique reminder row). */
  @Interval('points-reminders', 6 * HOUR)
  remind(): Promise<void> {
    return this.jobs.run('points-reminders', () => this.reports.remindExpiring(new Date()));
  }
}
