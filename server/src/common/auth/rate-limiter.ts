import { ErrorCode } from '@mall/shared';
import { AppError } from '../errors/app-error';

/**
 * Fixed-window counter per key, in process memory. Good enough for one instance; the
 * multi-instance issue moves it to a shared store.
 */
export class FixedWindowRateLimiter {
  private readonly windows = new Map<string, { startedAt: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one hit for `key`; throws RATE_LIMITED when the window's limit is exceeded. */
  hit(key: string): void {
    const count = this.record(key);
    if (count > this.limit) throw this.limited(key);
  }

  /** Counts one hit and says whether it was within the limit (for budgets that must not throw). */
  tryHit(key: string): boolean {
    return this.record(key) <= this.limit;
  }

  /** Throws RATE_LIMITED when `key` has used up its window, without counting anything. */
  check(key: string): void {
    if (this.current(key) >= this.limit) throw this.limited(key);
  }

  /** Counts one hit for `key` and returns the window's count so far. */
  record(key: string): number {
    const now = this.now();
    const window = this.windows.get(key);
    if (!window || now - window.startedAt >= this.windowMs) {
      if (this.windows.size > 10_000) this.evictExpired(now);
      this.windows.set(key, { startedAt: now, count: 1 });
      return 1;
    }
    window.count += 1;
    return window.count;
  }

  reset(key: string): void {
    this.windows.delete(key);
  }

  private current(key: string): number {
    const window = this.windows.get(key);
    return window && this.now() - window.startedAt < this.windowMs ? window.count : 0;
  }

  private limited(key: string): AppError {
    const window = this.windows.get(key);
    const retryAfterSeconds = window ? Math.max(1, Math.ceil((window.startedAt + this.windowMs - this.now()) / 1000)) : 1;
    return new AppError(ErrorCode.RATE_LIMITED, `操作太频繁，请 ${retryAfterSeconds} 秒后再试`, { retryAfterSeconds });
  }

  private evictExpired(now: number): void {
    for (const [key, window] of this.windows) if (now - window.startedAt >= this.windowMs) this.windows.delete(key);
  }
}
