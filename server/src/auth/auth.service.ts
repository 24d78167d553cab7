import { Inject, Injectable } from '@nestjs/common';
import { AccountLoginResponse, ErrorCode, MemberLoginResponse, parsePosterScene, TokenPair } from '@mall/shared';
import { AccountService, toAccountProfile } from '../account/account.service';
import type { ClientInfo } from '../common/auth/auth.decorators';
import { LoginThrottle } from '../common/auth/login-throttle';
import { RateLimiters } from '../common/auth/rate-limiter';
import type { Principal } from '../common/auth/principal';
import { TokenService } from '../common/auth/token.service';
import { AppError } from '../common/errors/app-error';
import { DomainEvents } from '../common/events/domain-events';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { MemberService, toMemberProfile } from '../member/member.service';
import { WechatApiClient } from '../wechat/wechat-api.client';
import { BindingService } from '../store/binding.service';
import { StoreService } from '../store/store.service';
import { SessionService } from './session.service';

@Injectable()
export class AuthService {
  private readonly passwordThrottle: LoginThrottle;

  constructor(
    private readonly wechat: WechatApiClient,
    private readonly members: MemberService,
    private readonly accounts: AccountService,
    private readonly tokens: TokenService,
    private readonly sessions: SessionService,
    private readonly bindings: BindingService,
    private readonly stores: StoreService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly events: DomainEvents,
    limiters: RateLimiters,
  ) {
    this.passwordThrottle = new LoginThrottle(limiters, config.rateLimit.loginPerMinute, 'password-login');
  }

  /** wx.login code → jscode2session → member upserted by openid → a new session. */
  async loginWithWechat(code: string, scene: string | undefined, client: ClientInfo): Promise<MemberLoginResponse> {
    const session = await this.wechat.code2Session(code);
    const { member, created } = await this.members.upsertByOpenid(session.openid, session.unionid, scene);
    if (created) await this.bindFromPoster(member.id, scene);
    if (scene) await this.events.publish('member.logged_in', { memberId: member.id, scene, created });
    const pair = await this.sessions.start({ kind: 'member', id: member.id }, client);
    return { ...pair, member: toMemberProfile(member), isNewMember: created };
  }

  /** A new member who came in through a store or staff poster is bound to them; a scene naming no real store or staff is ignored. */
  private async bindFromPoster(memberId: number, scene: string | undefined): Promise<void> {
    const poster = parsePosterScene(scene);
    if (!poster || !(await this.stores.exists(poster.storeId))) return;
    let staffAccountId = poster.staffAccountId;
    if (staffAccountId !== null) {
      const staff = await this.accounts.findStoreStaff(staffAccountId);
      if (!staff || staff.storeId !== poster.storeId) staffAccountId = null;
    }
    await this.bindings.bind(memberId, poster.storeId, staffAccountId, 'poster');
  }

  /** Admin panel and staff password login, throttled per address, per username and address, and per username for unknown clients. */
  async loginWithPassword(username: string, password: string, client: ClientInfo): Promise<AccountLoginResponse> {
    const ip = client.ip ?? 'unknown';
    await this.passwordThrottle.admit(username, ip);
    let account;
    try {
      account = await this.accounts.verifyPassword(username, password);
    } catch (error) {
      if (error instanceof AppError && error.code === ErrorCode.AUTH_INVALID_CREDENTIALS) await this.passwordThrottle.failed(username, ip);
      throw error;
    }
    await this.passwordThrottle.succeeded(username, ip);
    const pair = await this.sessions.start({ kind: 'account', id: account.id, role: account.role, storeId: account.storeId }, client);
    return { ...pair, account: toAccountProfile(account) };
  }

  /**
   * Rotates a refresh token into the next pair of its session; an account's current role and store
   * are re-read so changes apply. A token from before sessions were stored (no `sid`) is refused.
   */
  async refresh(refreshToken: string, client: ClientInfo): Promise<TokenPair> {
    const claims = this.tokens.verify(refreshToken, 'refresh');
    if (!claims.sid) throw new AppError(ErrorCode.AUTH_TOKEN_INVALID);
    const principal = await this.current(this.tokens.principalOf(claims));
    return this.sessions.rotate(refreshToken, claims.sid, principal, client);
  }

  /** Logout: the refresh token names the session to end (its access tokens stop working too). */
  async logout(refreshToken: string): Promise<void> {
    const claims = this.tokens.verify(refreshToken, 'refresh');
    if (!claims.sid) throw new AppError(ErrorCode.AUTH_TOKEN_INVALID);
    await this.sessions.end(claims.sid);
  }

  private async current(principal: Principal): Promise<Principal> {
    if (principal.kind === 'member') {
      await this.members.getById(principal.id);
      return principal;
    }
    const account = await this.accounts.getActive(principal.id);
    return { kind: 'account', id: account.id, role: account.role, storeId: account.storeId };
  }

  get loginLimitPerMinute(): number {
    return this.config.rateLimit.loginPerMinute;
  }
}
