import { createHash } from 'node:crypto';
import Redis from 'ioredis';
import type { AppConfig } from '../../config/app-config';

/** The shared ioredis connection (`Redis | null`): null without REDIS_URL, i.e. one process and in-memory state. */
export const REDIS = Symbol('REDIS');
/** Prefix of every key this deployment writes, per database, so deployments (or test databases) sharing a Redis never meet. */
export const REDIS_NAMESPACE = Symbol('REDIS_NAMESPACE');

export function redisNamespace(config: AppConfig): string {
  const db = config.database.type === 'mysql' ? config.database.url : config.database.file;
  return `mall:${createHash('sha256').update(db).digest('hex').slice(0, 12)}`;
}

export function connectRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false });
}
