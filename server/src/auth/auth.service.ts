import { Inject, Injectable } from '@nestjs/common';
import { AccountLoginResponse, MemberLoginResponse, TokenPair } from '@mall/shared';
import { AccountService, toAccountProfile } from '../account/account.service';
import { TokenService } from '../common/auth/token.service';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { MemberService, toMemberProfile } from '../member/member.service';
import { WechatApiClient } from '../wechat/wechat-api.client';

@Injectable()
export class AuthService {
  constructor(
    private readonly wechat: WechatApiClient,
    private readonly members: MemberService,
    private readonly accounts: AccountService,
    private readonly tokens: TokenService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** wx.login code → jscode2session → member upserted by openid → token pair. */
  async loginWithWechat(code: string, scene?: string): Promise<MemberLoginResponse> {
    const session = await this.wechat.code2Session(code);
    const { member, created } = await this.members.upsertByOpenid(session.openid, session.unionid, scene);
    return { ...this.tokens.issuePair({ kind: 'member', id: member.id }), member: toMemberProfile(member), isNewMember: created };
  }

  async loginWithPassword(username: string, password: string): Promise<AccountLoginResponse> {
    const account = await this.accounts.verifyPassword(username, password);
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
