import { Logger, OnApplicationShutdown } from '@nestjs/common';
import { JobLeases } from './job-lease.service';

/** How long a lease lasts without renewal: a crashed instance's job is taken over after at most this long. */
export const JOB_LEASE_TTL_MS = 60_000;

export interface JobOptions {
  /**
   * false for work about this process's own memory (it must run on every instance); default true:
   * one instance of the cluster at a time, under a database lease.
   */
  exclusive?: boolean;
}

/**
 * Runs scheduled work (from @nestjs/schedule's @Interval/@Cron) so that a job never overlaps
 * itself, in this process (a promise per name) and across instances (a `job_lease` row: the
 * instance that does not get it skips this round), and a failure is logged, not thrown into the
 * timer. The lease is renewed while the job runs and released after. Correctness still rests on
 * each job's conditional updates and unique keys (a lease can expire under a stalled job); the
 * lease keeps N instances from doing the same scan N times and racing on its rows.
 */
export class JobRunner implements OnApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private readonly running = new Map<string, Promise<void>>();

  /** Without leases (unit tests) only the in-process guard applies. */
  constructor(
    private readonly leases: JobLeases | null = null,
    private readonly leaseTtlMs: number = JOB_LEASE_TTL_MS,
  ) {}

  /** Resolves when this round is over: done, failed (logged), or skipped because another instance holds the lease. */
  run(name: string, work: () => Promise<unknown>, options: JobOptions = {}): Promise<void> {
    const current = this.running.get(name);
    if (current) return current;
    const run = (options.exclusive === false || !this.leases ? this.execute(name, work) : this.underLease(name, work)).finally(() => this.running.delete(name));
    this.running.set(name, run);
    return run;
  }

  /** Lets running jobs finish before the database closes. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.running.values());
  }

  private async underLease(name: string, work: () => Promise<unknown>): Promise<void> {
    const leases = this.leases!;
    try {
      if (!(await leases.acquire(name, this.leaseTtlMs))) return;
    } catch (error) {
      this.logger.error({ msg: 'job lease failed', job: name, error: (error as Error).message });
      return;
    }
    const renewal = setInterval(
      () => {
        leases.renew(name, this.leaseTtlMs).then(
          (held) => held || this.logger.warn({ msg: 'job lease lost while running', job: name }),
          (error: Error) => this.logger.warn({ msg: 'job lease renewal failed', job: name, error: error.message }),
        );
      },
      Math.max(1, Math.floor(this.leaseTtlMs / 3)),
    );
    renewal.unref();
    try {
      await this.execute(name, work);
    } finally {
      clearInterval(renewal);
      await leases.release(name).catch((error: Error) => this.logger.warn({ msg: 'job lease release failed', job: name, error: error.message }));
    }
  }

  private async execute(name: string, work: () => Promise<unknown>): Promise<void> {
    const started = Date.now();
    try {
      const result = await work();
      if (result && typeof result === 'object' && Object.values(result).some((v) => typeof v === 'number' && v > 0)) {
        this.logger.log({ msg: 'job done', job: name, ms: Date.now() - started, ...result });
      }
    } catch (error) {
      this.logger.error({ msg: 'job failed', job: name, error: (error as Error).message });
    }
  }
}
