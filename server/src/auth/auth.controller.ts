import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AccountLoginResponse, MemberLoginResponse, TokenPair } from '@mall/shared';
import { type ClientInfo, Public, RequestClient } from '../common/auth/auth.decorators';
import { type RateLimit, RateLimiters } from '../common/auth/rate-limiter';
import { AuthService } from './auth.service';
import { PasswordLoginDto } from './dto/password-login.dto';
import { RefreshTokenDto } from './dto/refresh-token.dto';
import { WechatLoginDto } from './dto/wechat-login.dto';

/** WeChat logins come from many members behind shared NATs, so their per-IP budget is wider than password logins'. */
const WECHAT_LOGIN_BUDGET_FACTOR = 30;

@ApiTags('auth')
@Public()
@Controller()
export class AuthController {
  private readonly wechatLimiter: RateLimit;

  constructor(
    private readonly auth: AuthService,
    limiters: RateLimiters,
  ) {
    this.wechatLimiter = limiters.create('wechat-login', auth.loginLimitPerMinute * WECHAT_LOGIN_BUDGET_FACTOR, 60_000);
  }

  @Post('api/auth/wechat/login')
  @HttpCode(200)
  async wechatLogin(@Body() dto: WechatLoginDto, @RequestClient() client: ClientInfo): Promise<MemberLoginResponse> {
    await this.wechatLimiter.hit(client.ip ?? 'unknown');
    return this.auth.loginWithWechat(dto.code, dto.scene, client);
  }

  /** Members, admin accounts and staff: the refresh token is used up and the next pair of its session comes back. */
  @Post('api/auth/refresh')
  @HttpCode(200)
  refresh(@Body() dto: RefreshTokenDto, @RequestClient() client: ClientInfo): Promise<TokenPair> {
    return this.auth.refresh(dto.refreshToken, client);
  }

  /** Ends the session of this refresh token (members and accounts alike); its access tokens stop working too. */
  @Post('api/auth/logout')
  @HttpCode(204)
  logout(@Body() dto: RefreshTokenDto): Promise<void> {
    return this.auth.logout(dto.refreshToken);
  }

  /** Admin panel and staff password login; throttled without letting strangers lock the owner out (see LoginThrottle). */
  @Post('api/admin/auth/login')
  @HttpCode(200)
  passwordLogin(@Body() dto: PasswordLoginDto, @RequestClient() client: ClientInfo): Promise<AccountLoginResponse> {
    return this.auth.loginWithPassword(dto.username, dto.password, client);
  }
}
