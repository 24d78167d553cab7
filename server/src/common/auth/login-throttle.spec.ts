import { LoginThrottle } from './login-throttle';

describe('LoginThrottle', () => {
  let now: number;
  let throttle: LoginThrottle;
  /** One password attempt: 'ok' | 'bad' | 'limited'. */
  const attempt = (username: string, ip: string, right: boolean): 'ok' | 'bad' | 'limited' => {
    try {
      throttle.admit(username, ip);
    } catch {
      return 'limited';
    }
    if (right) {
      throttle.succeeded(username, ip);
      return 'ok';
    }
    throttle.failed(username, ip);
    return 'bad';
  };

  beforeEach(() => {
    now = 0;
    throttle = new LoginThrottle(3, () => now);
  });

  it('limits one address, whatever usernames it tries', () => {
    expect(['a', 'b', 'c', 'd'].map((u) => attempt(u, '1.1.1.1', false))).toEqual(['bad', 'bad', 'bad', 'limited']);
    expect(attempt('e', '1.1.1.2', false)).toBe('bad');
  });

  it('caps guessing one username from many addresses, but its owner’s known client still gets in', () => {
    expect(attempt('boss', '9.9.9.9', true)).toBe('ok');
    const guesses = Array.from({ length: 8 }, (_, i) => attempt('boss', `6.6.6.${i}`, false));
    expect(guesses).toEqual(['bad', 'bad', 'bad', 'limited', 'limited', 'limited', 'limited', 'limited']);
    expect(attempt('boss', '9.9.9.9', true)).toBe('ok');
    // A new address of the owner waits for the window, like the attacker's.
    expect(attempt('boss', '9.9.9.10', true)).toBe('limited');
    now = 60_000;
    expect(attempt('boss', '9.9.9.10', true)).toBe('ok');
  });

  it('slows a known client that keeps failing on its own, and a success clears it', () => {
    expect(attempt('boss', '9.9.9.9', true)).toBe('ok');
    now = 60_000;
    expect([1, 2, 3].map(() => attempt('boss', '9.9.9.9', false))).toEqual(['bad', 'bad', 'bad']);
    now = 120_000;
    expect(attempt('boss', '9.9.9.9', true)).toBe('ok');
    expect(attempt('boss', '9.9.9.9', false)).toBe('bad');
  });

  it('forgets a known client after 30 days', () => {
    expect(attempt('boss', '9.9.9.9', true)).toBe('ok');
    now = 31 * 86_400_000;
    for (let i = 0; i < 3; i++) attempt('boss', `6.6.6.${i}`, false);
    expect(attempt('boss', '9.9.9.9', true)).toBe('limited');
  });
});
