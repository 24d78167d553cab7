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
    const now = this.now();
    const window = this.windows.get(key);
    if (!window || now - window.startedAt >= this.windowMs) {
      if (this.windows.size > 10_000) this.evictExpired(now);
      this.windows.set(key, { startedAt: now, count: 1 });
      return;
    }
    window.count += 1;
    if (window.count > this.limit) {
      const retryAfterSeconds = Math.ceil((window.startedAt + this.windowMs - now) / 1000);
      throw new AppError(ErrorCode.RATE_LIMITED, `操作太频繁，请 ${retryAfterSeconds} 秒后再试`, { retryAfterSeconds });
    }
  }

  private evictExpired(now: number): void {
    for (const [key, window] of this.windows) if (now - window.startedAt >= this.windowMs) this.windows.delete(key);
  }
}
