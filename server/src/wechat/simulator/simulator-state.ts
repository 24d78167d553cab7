import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';

export interface RecordedCall {
  seq: number;
  api: string;
  at: string;
  request: Record<string, unknown>;
  response: Record<string, unknown> | { binary: string; bytes: number };
}

/** Openid for a simulated user: stable per (appid, user), shaped like WeChat's 28-char ids. */
export function simulatedOpenid(appId: string, user: string): string {
  return 'o' + createHash('sha256').update(`${appId}:${user}`).digest('base64url').slice(0, 27);
}

export function simulatedUnionid(user: string): string {
  return 'u' + createHash('sha256').update(`union:${user}`).digest('base64url').slice(0, 27);
}

/**
 * What "WeChat" remembers in simulator mode: codes already used, issued access tokens and a log
 * of every call (secrets masked) that tests read through GET /__wechat/sim/calls.
 */
@Injectable()
export class SimulatorState {
  readonly usedCodes = new Set<string>();
  private readonly tokens = new Map<string, number>();
  private stableToken: { value: string; expiresAt: number } | null = null;
  private calls: RecordedCall[] = [];
  private seq = 0;
  /** One-time subscribe consents a user gave in wx.requestSubscribeMessage, per openid and template. */
  private readonly consents = new Map<string, number>();

  constructor(@Inject(APP_CONFIG) readonly config: AppConfig) {}

  get appId(): string {
    return this.config.wechat.appId;
  }

  credentialsValid(appId: unknown, secret: unknown): boolean {
    return appId === this.config.wechat.appId && secret === this.config.wechat.appSecret;
  }

  /** Codes are single-use, like real wx.login / getPhoneNumber codes. Returns false on reuse. */
  consumeCode(code: string): boolean {
    if (this.usedCodes.has(code)) return false;
    this.usedCodes.add(code);
    return true;
  }

  stableAccessToken(forceRefresh: boolean): { access_token: string; expires_in: number } {
    const now = Date.now();
    if (forceRefresh || !this.stableToken || this.stableToken.expiresAt <= now) {
      const value = 'SIM_' + randomBytes(24).toString('base64url');
      this.stableToken = { value, expiresAt: now + 7200_000 };
      this.tokens.set(value, this.stableToken.expiresAt);
    }
    return { access_token: this.stableToken.value, expires_in: Math.floor((this.stableToken.expiresAt - now) / 1000) };
  }

  tokenValid(token: unknown): boolean {
    if (typeof token !== 'string') return false;
    const expiresAt = this.tokens.get(token);
    return expiresAt !== undefined && expiresAt > Date.now();
  }

  /** Lets a test play WeChat revoking every token (to exercise the client's refresh-and-retry). */
  revokeTokens(): void {
    this.tokens.clear();
    this.stableToken = null;
  }

  /** wx.requestSubscribeMessage answered 'accept' once: one message may be sent. */
  grantConsent(openid: string, templateId: string): void {
    const key = `${openid}|${templateId}`;
    this.consents.set(key, (this.consents.get(key) ?? 0) + 1);
  }

  /** A send uses one consent; false when the user has none left (WeChat's 43101). */
  useConsent(openid: string, templateId: string): boolean {
    const key = `${openid}|${templateId}`;
    const left = this.consents.get(key) ?? 0;
    if (left <= 0) return false;
    this.consents.set(key, left - 1);
    return true;
  }

  consentsLeft(openid: string, templateId: string): number {
    return this.consents.get(`${openid}|${templateId}`) ?? 0;
  }

  record(api: string, request: Record<string, unknown>, response: RecordedCall['response']): void {
    this.seq += 1;
    this.calls.push({ seq: this.seq, api, at: new Date().toISOString(), request, response });
    if (this.calls.length > 2000) this.calls = this.calls.slice(-1000);
  }

  listCalls(api?: string): RecordedCall[] {
    return api ? this.calls.filter((c) => c.api === api) : [...this.calls];
  }

  clearCalls(): void {
    this.calls = [];
  }
}
