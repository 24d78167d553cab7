import { Inject, Injectable } from '@nestjs/common';
import { AccountLoginResponse, ErrorCode, MemberLoginResponse, parsePosterScene, TokenPair } from '@mall/shared';
import { AccountService, toAccountProfile } from '../account/account.service';
import { LoginThrottle } from '../common/auth/login-throttle';
import { TokenService } from '../common/auth/token.service';
import { AppError } from '../common/errors/app-error';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { MemberService, toMemberProfile } from '../member/member.service';
import { WechatApiClient } from '../wechat/wechat-api.client';
import { BindingService } from '../store/binding.service';
import { StoreService } from '../store/store.service';

@Injectable()
export class AuthService {
  private readonly passwordThrottle: LoginThrottle;

  constructor(
    private readonly wechat: WechatApiClient,
    private readonly members: MemberService,
    private readonly accounts: AccountService,
    private readonly tokens: TokenService,
    private readonly bindings: BindingService,
    private readonly stores: StoreService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.passwordThrottle = new LoginThrottle(config.rateLimit.loginPerMinute);
  }

  /** wx.login code → jscode2session → member upserted by openid → token pair. */
  async loginWithWechat(code: string, scene?: string): Promise<MemberLoginResponse> {
    const session = await this.wechat.code2Session(code);
    const { member, created } = await this.members.upsertByOpenid(session.openid, session.unionid, scene);
    if (created) await this.bindFromPoster(member.id, scene);
    return { ...this.tokens.issuePair({ kind: 'member', id: member.id }), member: toMemberProfile(member), isNewMember: created };
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
  async loginWithPassword(username: string, password: string, ip: string): Promise<AccountLoginResponse> {
    this.passwordThrottle.admit(username, ip);
    let account;
    try {
      account = await this.accounts.verifyPassword(username, password);
    } catch (error) {
      if (error instanceof AppError && error.code === ErrorCode.AUTH_INVALID_CREDENTIALS) this.passwordThrottle.failed(username, ip);
      throw error;
    }
    this.passwordThrottle.succeeded(username, ip);
    const pair = this.tokens.issuePair({ kind: 'account', id: account.id, role: account.role, storeId: account.storeId });
    return { ...pair, account: toAccountProfile(account) };
  }

  /** A refresh token mints a new pair; an account's current role and store are re-read so changes apply. */
  async refresh(refreshToken: string): Promise<TokenPair> {
    const principal = this.tokens.principalOf(this.tokens.verify(refreshToken, 'refresh'));
    if (principal.kind === 'member') {
      await this.members.getById(principal.id);
      return this.tokens.issuePair(principal);
    }
    const account = await this.accounts.getActive(principal.id);
    return this.tokens.issuePair({ kind: 'account', id: account.id, role: account.role, storeId: account.storeId });
  }

  get loginLimitPerMinute(): number {
    return this.config.rateLimit.loginPerMinute;
  }
}
