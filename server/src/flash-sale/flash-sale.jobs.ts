import { Injectable } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { JobRunner } from '../common/jobs/job-runner';
import { FlashSaleService } from './flash-sale.service';

@Injectable()
export class FlashSaleJobs {
  constructor(
    private readonly jobs: JobRunner,
    private readonly flashSales: FlashSaleService,
  ) {}

  /** Every 15 s: unpaid reservations past their hold time go back to deal stock (through the order's cancel). */
  @Interval('flash-sale-expire', 15_000)
  expire(): Promise<void> {
    return this.jobs.run('flash-sale-expire', () => this.flashSales.expireDue());
  }

  /** Every 15 s: reminders due at each member's own start time, each claimed once. */
  @Interval('flash-sale-remind', 15_000)
  remind(): Promise<void> {
    return this.jobs.run('flash-sale-remind', () => this.flashSales.sendDueReminders());
  }

  /**
   * Every 5 s: running events the admission gate lost (a Redis restart) are reloaded from the database.
   * The Redis gate is shared (one instance at a time); the in-process gate is this process's own.
   */
  @Interval('flash-sale-reconcile', 5_000)
  reconcile(): Promise<void> {
    return this.jobs.run('flash-sale-reconcile', () => this.flashSales.reconcileGate(), { exclusive: this.flashSales.gate.kind === 'redis' });
  }
}
