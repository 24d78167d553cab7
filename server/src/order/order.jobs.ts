import { Injectable } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { JobRunner } from '../common/jobs/job-runner';
import { OrderFulfilmentService } from './order-fulfilment.service';

@Injectable()
export class OrderJobs {
  constructor(
    private readonly jobs: JobRunner,
    private readonly fulfilment: OrderFulfilmentService,
  ) {}

  /** Every ten minutes: shipped orders past ORDER_AUTO_CONFIRM_DAYS are confirmed received, each claimed by its own transition. */
  @Interval('order-auto-confirm', 600_000)
  autoConfirm(): Promise<void> {
    return this.jobs.run('order-auto-confirm', () => this.fulfilment.autoConfirmDue(new Date()));
  }
}
