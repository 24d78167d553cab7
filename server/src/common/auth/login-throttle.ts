import type { RateLimit, RateLimiters } from './rate-limiter';

const MINUTE = 60_000;
/** How long a successful login makes its (username, address) pair a known client (at most 24 days: the in-memory store's timer limit). */
const KNOWN_CLIENT_MS = 24 * 86_400_000;

/**
 * Password-login throttling that a stranger cannot turn into a lockout of the account's owner.
 *
 * - per address: every attempt counts (`limit` a minute), whatever the username: one address
 *   cannot guess much, neither one password nor many usernames;
 * - per (username, address): failures count, so a client that keeps failing is slowed down
 *   on its own, and a success clears it;
 * - per username: failures from addresses that never logged into it count together, which caps
 *   guessing spread over many addresses. A known client (one that logged into this username
 *   within 30 days) skips this budget, so the owner still gets in while someone else hammers it.
 *
 * Why addresses and not a captcha: the admin panel and staff mode stay a single request, and the
 * client address is what TRUST_PROXY makes trustworthy. The counters and known clients live where
 * the other rate limits do (Redis with REDIS_URL, so every instance shares them; else process memory,
 * where a restart forgets known clients and the owner's next success makes theirs known again).
 */
export class LoginThrottle {
  private readonly perAddress: RateLimit;
  private readonly perClient: RateLimit;
  private readonly perUsername: RateLimit;
  /** (username, address) pairs that logged in lately: counted once, so `count > 0` means known. */
  private readonly known: RateLimit;

  constructor(limiters: RateLimiters, limitPerMinute: number, name = 'login') {
    this.perAddress = limiters.create(`${name}:addr`, limitPerMinute, MINUTE);
    this.perClient = limiters.create(`${name}:client`, limitPerMinute, MINUTE);
    this.perUsername = limiters.create(`${name}:user`, limitPerMinute, MINUTE);
    this.known = limiters.create(`${name}:known`, Number.MAX_SAFE_INTEGER, KNOWN_CLIENT_MS);
  }

  /** Before checking the password: throws RATE_LIMITED when this attempt is over a budget. */
  async admit(username: string, ip: string): Promise<void> {
    await this.perAddress.hit(ip);
    await this.perClient.check(clientKey(username, ip));
    if (!(await this.isKnown(username, ip))) await this.perUsername.check(username.toLowerCase());
  }

  async failed(username: string, ip: string): Promise<void> {
    await this.perClient.record(clientKey(username, ip));
    if (!(await this.isKnown(username, ip))) await this.perUsername.record(username.toLowerCase());
  }

  async succeeded(username: string, ip: string): Promise<void> {
    const key = clientKey(username, ip);
    await this.perClient.reset(key);
    // A fresh window from now: known for KNOWN_CLIENT_MS after the latest success.
    await this.known.reset(key);
    await this.known.record(key);
  }

  private async isKnown(username: string, ip: string): Promise<boolean> {
    return (await this.known.count(clientKey(username, ip))) > 0;
  }
}

function clientKey(username: string, ip: string): string {
  return `${username.toLowerCase()}\n${ip}`;
}
