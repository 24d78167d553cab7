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
