import { Injectable } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { JobRunner } from '../common/jobs/job-runner';
import { GroupBuyService } from './group-buy.service';

@Injectable()
export class GroupBuyJobs {
  constructor(
    private readonly jobs: JobRunner,
    private readonly groupBuys: GroupBuyService,
  ) {}

  /** Every 30 s: fail groups past their time limit, refund their paid members, settle refunds. Safe on many instances (conditional claims). */
  @Interval('group-buy', 30_000)
  run(): Promise<void> {
    return this.jobs.run('group-buy', () => this.runOnce());
  }

  async runOnce(now = new Date()): Promise<{ failed: number; filled: number; refunded: number; settled: number }> {
    const { failed, filled } = await this.groupBuys.failExpired(now);
    const { refunded, settled } = await this.groupBuys.refundFailed();
    return { failed, filled, refunded, settled };
  }
}
