import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { RateLimiters } from '../auth/rate-limiter';
import { ClusterBus } from './cluster-bus';
import { connectRedis, REDIS, REDIS_NAMESPACE, redisNamespace } from './redis.tokens';

@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis | null) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.redis) await this.redis.quit().catch(() => this.redis!.disconnect());
  }
}

/**
 * State shared by server instances: one Redis connection for everybody (rate limits, flash-sale
 * admission, the invalidation bus), or without REDIS_URL the in-process fallbacks. See docs/SCALE-STATE.md.
 */
@Global()
@Module({
  providers: [
    { provide: REDIS, inject: [APP_CONFIG], useFactory: (config: AppConfig) => (config.redis.url ? connectRedis(config.redis.url) : null) },
    { provide: REDIS_NAMESPACE, inject: [APP_CONFIG], useFactory: redisNamespace },
    RedisCloser,
    ClusterBus,
    RateLimiters,
  ],
  exports: [REDIS, REDIS_NAMESPACE, ClusterBus, RateLimiters],
})
export class RedisModule {}
