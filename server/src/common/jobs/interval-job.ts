import { Logger } from '@nestjs/common';

/**
 * Runs `work` every `intervalMs` in this process, never overlapping itself. Correctness across
 * processes does not depend on this: every job claims its rows with conditional updates.
 */
export class IntervalJob {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private readonly logger: Logger;

  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly work: () => Promise<unknown>,
  ) {
    this.logger = new Logger(`Job:${name}`);
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = this.work().catch((error) => this.logger.error({ msg: 'job failed', job: this.name, error: (error as Error).message }));
    try {
      await this.running;
    } finally {
      this.running = null;
    }
  }
}
