import { FixedWindowRateLimiter } from './rate-limiter';

describe('FixedWindowRateLimiter', () => {
  it('allows the limit per window, refuses the next, and resets after the window', () => {
    let now = 0;
    const limiter = new FixedWindowRateLimiter(3, 60_000, () => now);
    for (let i = 0; i < 3; i++) limiter.hit('ip');
    expect(() => limiter.hit('ip')).toThrow(expect.objectContaining({ code: 'RATE_LIMITED' }));
    limiter.hit('other-ip');
    now = 60_000;
    expect(() => limiter.hit('ip')).not.toThrow();
  });
});

describe('FixedWindowRateLimiter budgets', () => {
  it('check() refuses a used-up key without counting; tryHit() counts without throwing; reset() forgets', () => {
    let now = 0;
    const limiter = new FixedWindowRateLimiter(2, 60_000, () => now);
    limiter.check('k');
    expect(limiter.tryHit('k')).toBe(true);
    limiter.check('k');
    expect(limiter.tryHit('k')).toBe(true);
    expect(() => limiter.check('k')).toThrow(expect.objectContaining({ code: 'RATE_LIMITED', details: { retryAfterSeconds: 60 } }));
    expect(limiter.tryHit('k')).toBe(false);
    limiter.reset('k');
    limiter.check('k');
    now = 30_000;
    limiter.record('k');
    limiter.record('k');
    expect(() => limiter.check('k')).toThrow(expect.objectContaining({ details: { retryAfterSeconds: 60 } }));
    now = 90_000;
    expect(() => limiter.check('k')).not.toThrow();
  });
});
