import { FixedWindowRateLimiter } from './rate-limiter';

const MINUTE = 60_000;
/** How long a successful login makes its (username, address) pair a known client. */
const KNOWN_CLIENT_MS = 30 * 86_400_000;
const MAX_KNOWN_CLIENTS = 50_000;

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
 * client address is what TRUST_PROXY makes trustworthy. In memory, like the other limiters: a
 * restart forgets known clients (the owner's next success makes theirs known again).
 */
export class LoginThrottle {
  private readonly perAddress: FixedWindowRateLimiter;
  private readonly perClient: FixedWindowRateLimiter;
  private readonly perUsername: FixedWindowRateLimiter;
  private readonly known = new Map<string, number>();

  constructor(
    limitPerMinute: number,
    private readonly now: () => number = Date.now,
  ) {
    this.perAddress = new FixedWindowRateLimiter(limitPerMinute, MINUTE, now);
    this.perClient = new FixedWindowRateLimiter(limitPerMinute, MINUTE, now);
    this.perUsername = new FixedWindowRateLimiter(limitPerMinute, MINUTE, now);
  }

  /** Before checking the password: throws RATE_LIMITED when this attempt is over a budget. */
  admit(username: string, ip: string): void {
    this.perAddress.hit(ip);
    this.perClient.check(clientKey(username, ip));
    if (!this.isKnown(username, ip)) this.perUsername.check(username.toLowerCase());
  }

  failed(username: string, ip: string): void {
    this.perClient.record(clientKey(username, ip));
    if (!this.isKnown(username, ip)) this.perUsername.record(username.toLowerCase());
  }

  succeeded(username: string, ip: string): void {
    const key = clientKey(username, ip);
    this.perClient.reset(key);
    this.known.delete(key);
    if (this.known.size >= MAX_KNOWN_CLIENTS) this.known.delete(this.known.keys().next().value!);
    this.known.set(key, this.now() + KNOWN_CLIENT_MS);
  }

  private isKnown(username: string, ip: string): boolean {
    const until = this.known.get(clientKey(username, ip));
    return until !== undefined && until > this.now();
  }
}

function clientKey(username: string, ip: string): string {
  return `${username.toLowerCase()}\n${ip}`;
}
