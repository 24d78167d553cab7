import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AccountLoginResponse, MemberLoginResponse, TokenPair } from '@mall/shared';
import { Public } from '../common/auth/auth.decorators';
import { FixedWindowRateLimiter } from '../common/auth/rate-limiter';
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
  private readonly wechatLimiter: FixedWindowRateLimiter;

  constructor(private readonly auth: AuthService) {
    this.wechatLimiter = new FixedWindowRateLimiter(auth.loginLimitPerMinute * WECHAT_LOGIN_BUDGET_FACTOR, 60_000);
  }

  @Post('api/auth/wechat/login')
  @HttpCode(200)
  wechatLogin(@Body() dto: WechatLoginDto, @Ip() ip: string): Promise<MemberLoginResponse> {
    this.wechatLimiter.hit(ip);
    return this.auth.loginWithWechat(dto.code, dto.scene);
  }

  @Post('api/auth/refresh')
  @HttpCode(200)
  refresh(@Body() dto: RefreshTokenDto): Promise<TokenPair> {
    return this.auth.refresh(dto.refreshToken);
  }

  /** Admin panel and staff password login; throttled without letting strangers lock the owner out (see LoginThrottle). */
  @Post('api/admin/auth/login')
  @HttpCode(200)
  passwordLogin(@Body() dto: PasswordLoginDto, @Ip() ip: string): Promise<AccountLoginResponse> {
    return this.auth.loginWithPassword(dto.username, dto.password, ip);
  }
}
