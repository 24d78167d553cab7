import { Injectable } from '@nestjs/common';
import { type ClusterBus, RESYNC } from '../redis/cluster-bus';

const TOPIC = 'config-cache';

/** How long a cached configuration value may be served without being reloaded (a bound on staleness). */
export const CONFIG_CACHE_TTL_MS = 30_000;

/**
 * Configuration that changes rarely and is read on every hot request: the benefit catalogue, tiers,
 * points/tier/wallet settings. Each owning service reads through `get` and calls `invalidate` on its
 * own writes, so this instance sees a change at once; with a bus (REDIS_URL) the invalidation is
 * published and the other instances drop the same keys when it arrives. The TTL bounds how long a
 * change takes to show when that message is lost or the change bypassed the app (a direct SQL fix). Loads are single-flight: concurrent misses of
 * one key share one query. Values are shared, so callers must not mutate them.
 */
@Injectable()
export class ConfigCache {
  private readonly entries = new Map<string, { value: Promise<unknown>; expiresAt: number }>();
  private changes = 0;

  /**
   * Grows on every invalidation: caches of values derived from configuration (a product page with its
   * SVIP price) compare it to the one they were built under and rebuild after any configuration write.
   */
  get generation(): number {
    return this.changes;
  }

  constructor(
    private readonly ttlMs = CONFIG_CACHE_TTL_MS,
    private readonly bus: ClusterBus | null = null,
  ) {
    bus?.on(TOPIC, (keys) => this.drop(keys));
  }

  get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > now) return hit.value as Promise<T>;
    const value = load();
    const entry = { value, expiresAt: now + this.ttlMs };
    this.entries.set(key, entry);
    // A failed load is not cached; a load overtaken by an invalidation is not kept either.
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return value;
  }

  /** Drops the keys (exact, or every key starting with `prefix*`); the next read reloads. */
  invalidate(...keys: string[]): void {
    this.drop(keys);
    void this.bus?.publish(TOPIC, keys);
  }

  /** Drops locally only (a message from another instance; RESYNC drops everything). */
  private drop(keys: string[]): void {
    this.changes += 1;
    for (const key of keys) {
      if (key === RESYNC) return this.clear();
      if (key.endsWith('*')) {
        const prefix = key.slice(0, -1);
        for (const k of [...this.entries.keys()]) if (k.startsWith(prefix)) this.entries.delete(k);
      } else this.entries.delete(key);
    }
  }

  clear(): void {
    this.changes += 1;
    this.entries.clear();
  }
}
