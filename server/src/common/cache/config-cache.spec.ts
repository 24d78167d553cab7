import { ConfigCache } from './config-cache';

describe('ConfigCache', () => {
  it('loads once for concurrent misses, serves the cached value, reloads after invalidation', async () => {
    const cache = new ConfigCache();
    let loads = 0;
    const load = async () => ++loads;
    expect(await Promise.all([cache.get('k', load), cache.get('k', load), cache.get('k', load)])).toEqual([1, 1, 1]);
    expect(await cache.get('k', load)).toBe(1);
    cache.invalidate('k');
    expect(await cache.get('k', load)).toBe(2);
    expect(loads).toBe(2);
  });

  it('drops keys by prefix and expires after the TTL', async () => {
    const cache = new ConfigCache(0);
    let loads = 0;
    await cache.get('a:1', async () => ++loads);
    await cache.get('a:1', async () => ++loads);
    expect(loads).toBe(2);
    const long = new ConfigCache(60_000);
    await long.get('settings:points', async () => 1);
    await long.get('settings:tier', async () => 1);
    long.invalidate('settings:*');
    expect(await long.get('settings:points', async () => 2)).toBe(2);
    expect(await long.get('settings:tier', async () => 3)).toBe(3);
  });

  it('does not keep a failed load', async () => {
    const cache = new ConfigCache();
    await expect(cache.get('k', () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    expect(await cache.get('k', async () => 'ok')).toBe('ok');
  });

  it('counts invalidations, so values derived from configuration know when to rebuild', async () => {
    const cache = new ConfigCache();
    const before = cache.generation;
    await cache.get('k', async () => 1);
    expect(cache.generation).toBe(before);
    cache.invalidate('k');
    expect(cache.generation).toBe(before + 1);
    cache.clear();
    expect(cache.generation).toBe(before + 2);
  });
});
