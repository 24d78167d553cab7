import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';

/**
 * Runs scheduled work (from @nestjs/schedule's @Interval/@Cron) so that a job never overlaps
 * itself in this process and a failure is logged, not thrown into the timer. Correctness across
 * processes does not rest on this: every job claims its rows with conditional updates or unique keys.
 */
@Injectable()
export class JobRunner implements OnApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private readonly running = new Map<string, Promise<void>>();

  run(name: string, work: () => Promise<unknown>): Promise<void> {
    const current = this.running.get(name);
    if (current) return current;
    const started = Date.now();
    const run = work()
      .then((result) => {
        if (result && typeof result === 'object' && Object.values(result).some((v) => typeof v === 'number' && v > 0)) {
          this.logger.log({ msg: 'job done', job: name, ms: Date.now() - started, ...result });
        }
      })
      .catch((error: unknown) => this.logger.error({ msg: 'job failed', job: name, error: (error as Error).message }))
      .finally(() => this.running.delete(name));
    this.running.set(name, run);
    return run;
  }

  /** Lets running jobs finish before the database closes. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.running.values());
  }
}
