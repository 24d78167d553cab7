import { Inject, Injectable, OnApplicationBootstrap, Optional } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { JobRunner } from '../common/jobs/job-runner';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { PaymentReconciler } from './payment-reconciler';

/** Reconciliation every RECONCILE_INTERVAL_SECONDS (configurable, so registered at boot rather than by decorator). */
@Injectable()
export class PaymentJobs implements OnApplicationBootstrap {
  constructor(
    private readonly jobs: JobRunner,
    private readonly reconciler: PaymentReconciler,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() private readonly scheduler?: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.scheduler) return; // jobs disabled
    const timer = setInterval(() => void this.jobs.run('payment-reconcile', () => this.reconciler.runOnce()), this.config.jobs.reconcileIntervalSeconds * 1000);
    this.scheduler.addInterval('payment-reconcile', timer);
  }
}
