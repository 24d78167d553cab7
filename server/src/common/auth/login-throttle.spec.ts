import { LoginThrottle } from './login-throttle';
import { RateLimiters } from './rate-limiter';

describe('LoginThrottle', () => {
  let throttle: LoginThrottle;
  /** One password attempt: 'ok' | 'bad' | 'limited'. */
  const attempt = async (username: string, ip: string, right: boolean): Promise<'ok' | 'bad' | 'limited'> => {
    try {
      await throttle.admit(username, ip);
    } catch {
      return 'limited';
    }
    if (right) {
      await throttle.succeeded(username, ip);
      return 'ok';
    }
    await throttle.failed(username, ip);
    return 'bad';
  };
  /** Attempts one after another (the limiter counts in order). */
  const attempts = async (list: [string, string, boolean][]) => {
    const out: string[] = [];
    for (const [u, ip, right] of list) out.push(await attempt(u, ip, right));
    return out;
  };
  const advance = (ms: number) => jest.advanceTimersByTime(ms);

  beforeEach(() => {
    jest.useFakeTimers({ now: 0 });
    throttle = new LoginThrottle(new RateLimiters(null, 'unit'), 3);
  });
  afterEach(() => jest.useRealTimers());

  it('limits one address, whatever usernames it tries', async () => {
    expect(await attempts(['a', 'b', 'c', 'd'].map((u) => [u, '1.1.1.1', false]))).toEqual(['bad', 'bad', 'bad', 'limited']);
    expect(await attempt('e', '1.1.1.2', false)).toBe('bad');
  });

  it('caps guessing one username from many addresses, but its owner’s known client still gets in', async () => {
    expect(await attempt('boss', '9.9.9.9', true)).toBe('ok');
    const guesses = await attempts(Array.from({ length: 8 }, (_, i) => ['boss', `6.6.6.${i}`, false]));
    expect(guesses).toEqual(['bad', 'bad', 'bad', 'limited', 'limited', 'limited', 'limited', 'limited']);
    expect(await attempt('boss', '9.9.9.9', true)).toBe('ok');
    // A new address of the owner waits for the window, like the attacker's.
    expect(await attempt('boss', '9.9.9.10', true)).toBe('limited');
    advance(60_000);
    expect(await attempt('boss', '9.9.9.10', true)).toBe('ok');
  });

  it('slows a known client that keeps failing on its own, and a success clears it', async () => {
    expect(await attempt('boss', '9.9.9.9', true)).toBe('ok');
    advance(60_000);
    expect(await attempts([1, 2, 3].map(() => ['boss', '9.9.9.9', false]))).toEqual(['bad', 'bad', 'bad']);
    advance(60_000);
    expect(await attempt('boss', '9.9.9.9', true)).toBe('ok');
    expect(await attempt('boss', '9.9.9.9', false)).toBe('bad');
  });

  it('forgets a known client after 24 days', async () => {
    expect(await attempt('boss', '9.9.9.9', true)).toBe('ok');
    advance(25 * 86_400_000);
    await attempts([0, 1, 2].map((i) => ['boss', `6.6.6.${i}`, false]));
    expect(await attempt('boss', '9.9.9.9', true)).toBe('limited');
  });
});
