import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { ErrorCode } from '@mall/shared';
import { AppError } from '../errors/app-error';
import { REDIS, REDIS_NAMESPACE } from '../redis/redis.tokens';

/**
 * A fixed-window counter per key (rate-limiter-flexible): in Redis when REDIS_URL is set, so every
 * instance counts against the same budget, else in process memory. Over the limit it throws
 * RATE_LIMITED with the seconds until the window resets.
 */
export class RateLimit {
  constructor(
    private readonly limiter: RateLimiterAbstract,
    readonly limit: number,
  ) {}

  /** Counts one hit for `key`; throws RATE_LIMITED when the window's limit is exceeded. */
  async hit(key: string): Promise<void> {
    try {
      await this.limiter.consume(key);
    } catch (rejection) {
      throw rateLimited(rejection);
    }
  }

  /** Counts one hit and says whether it was within the limit (for budgets that must not throw). */
  async tryHit(key: string): Promise<boolean> {
    try {
      await this.limiter.consume(key);
      return true;
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return false;
      throw rejection;
    }
  }

  /** Throws RATE_LIMITED when `key` has used up its window, without counting anything. */
  async check(key: string): Promise<void> {
    const res = await this.limiter.get(key);
    if (res && res.consumedPoints >= this.limit) throw rateLimited(res);
  }

  /** Counts one hit for `key` (never refused) and returns the window's count so far. */
  async record(key: string): Promise<number> {
    return (await this.limiter.penalty(key, 1)).consumedPoints;
  }

  /** The window's count so far, without counting. */
  async count(key: string): Promise<number> {
    return (await this.limiter.get(key))?.consumedPoints ?? 0;
  }

  async reset(key: string): Promise<void> {
    await this.limiter.delete(key);
  }
}

function rateLimited(rejection: unknown): Error {
  if (!(rejection instanceof RateLimiterRes)) return rejection instanceof Error ? rejection : new Error(String(rejection));
  const retryAfterSeconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
  return new AppError(ErrorCode.RATE_LIMITED, `操作太频繁，请 ${retryAfterSeconds} 秒后再试`, { retryAfterSeconds });
}

/**
 * Makes the app's rate limits. With Redis the counters live under `<namespace>:rl:<name>:` and a
 * memory limiter stands in while Redis is unreachable (each instance then counts on its own, rather
 * than refusing every login). Names must be unique per limiter.
 */
@Injectable()
export class RateLimiters {
  constructor(
    @Inject(REDIS) private readonly redis: Redis | null,
    @Inject(REDIS_NAMESPACE) private readonly namespace: string,
  ) {}

  /** Windows are whole seconds (at least one); the in-memory store cannot hold windows longer than 24 days. */
  create(name: string, limit: number, windowMs: number): RateLimit {
    const duration = Math.max(1, Math.ceil(windowMs / 1000));
    const memory = new RateLimiterMemory({ points: limit, duration, keyPrefix: name });
    if (!this.redis) return new RateLimit(memory, limit);
    const shared = new RateLimiterRedis({
      storeClient: this.redis,
      points: limit,
      duration,
      keyPrefix: `${this.namespace}:rl:${name}`,
      insuranceLimiter: memory,
    });
    return new RateLimit(shared, limit);
  }
}
