import { Injectable } from '@nestjs/common';

/** How long a cached configuration value may be served without being reloaded (a bound on staleness). */
export const CONFIG_CACHE_TTL_MS = 30_000;

/**
 * Configuration that changes rarely and is read on every hot request: the benefit catalogue, tiers,
 * points/tier/wallet settings. Each owning service reads through `get` and calls `invalidate` on its
 * own writes, so this instance sees a change at once; the TTL bounds how long a change made elsewhere
 * (another instance, a direct SQL fix) takes to show. Loads are single-flight: concurrent misses of
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

  constructor(private readonly ttlMs = CONFIG_CACHE_TTL_MS) {}

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
    this.changes += 1;
    for (const key of keys) {
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
