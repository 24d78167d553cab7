import { RateLimiters } from './rate-limiter';

/** The in-process store (no REDIS_URL); the Redis store is exercised by test/e2e/multi-instance.e2e.ts. */
describe('RateLimiters (in memory)', () => {
  const limiters = new RateLimiters(null, 'unit');
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  it('allows the limit per window, refuses the next with RATE_LIMITED, and resets after the window', async () => {
    const limiter = limiters.create('a', 3, 60_000);
    for (let i = 0; i < 3; i++) await limiter.hit('ip');
    await expect(limiter.hit('ip')).rejects.toMatchObject({ code: 'RATE_LIMITED', message: '操作太频繁，请 60 秒后再试', details: { retryAfterSeconds: 60 } });
    await limiter.hit('other-ip');
    jest.advanceTimersByTime(60_000);
    await expect(limiter.hit('ip')).resolves.toBeUndefined();
  });

  it('check() refuses a used-up key without counting; tryHit() counts without throwing; record() never refuses; reset() forgets', async () => {
    const limiter = limiters.create('b', 2, 60_000);
    await limiter.check('k');
    expect(await limiter.tryHit('k')).toBe(true);
    await limiter.check('k');
    expect(await limiter.tryHit('k')).toBe(true);
    await expect(limiter.check('k')).rejects.toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: 60 } });
    expect(await limiter.tryHit('k')).toBe(false);
    await limiter.reset('k');
    await limiter.check('k');
    expect(await limiter.count('k')).toBe(0);
    jest.advanceTimersByTime(30_000);
    expect(await limiter.record('k')).toBe(1);
    expect(await limiter.record('k')).toBe(2);
    expect(await limiter.record('k')).toBe(3);
    await expect(limiter.check('k')).rejects.toMatchObject({ details: { retryAfterSeconds: 60 } });
    jest.advanceTimersByTime(45_000);
    await expect(limiter.check('k')).rejects.toMatchObject({ details: { retryAfterSeconds: 15 } });
    jest.advanceTimersByTime(15_000);
    await expect(limiter.check('k')).resolves.toBeUndefined();
  });

  it('keeps limiters of different names apart', async () => {
    const one = limiters.create('c1', 1, 60_000);
    const two = limiters.create('c2', 1, 60_000);
    await one.hit('k');
    await expect(two.hit('k')).resolves.toBeUndefined();
    await expect(one.hit('k')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });
});
