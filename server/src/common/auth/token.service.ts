import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService, TokenExpiredError } from '@nestjs/jwt';
import { ErrorCode, TokenPair } from '@mall/shared';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AppError } from '../errors/app-error';
import type { AccessTokenClaims, Principal } from './principal';

/**
 * Signs and verifies the JWT pair. Both carry the session id (`sid`); the refresh token also a
 * random `jti`, so no two are alike. Which refresh tokens are still good is decided by
 * SessionService (auth/), which stores them: this class only does the cryptography.
 */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A pair for session `sid`; the refresh token expires exactly at `refreshExpiresAt`, which the caller stores. */
  signPair(principal: Principal, sid: string, now = Date.now()): { pair: TokenPair; refreshExpiresAt: Date } {
    const claims = this.claimsOf(principal);
    const { accessTtlSeconds, refreshTtlSeconds } = this.config.jwt;
    const iat = Math.floor(now / 1000);
    const exp = iat + refreshTtlSeconds;
    return {
      pair: {
        accessToken: this.jwt.sign({ ...claims, typ: 'access', sid, iat, exp: iat + accessTtlSeconds }),
        refreshToken: this.jwt.sign({ ...claims, typ: 'refresh', sid, jti: randomBytes(16).toString('base64url'), iat, exp }),
        expiresIn: accessTtlSeconds,
      },
      refreshExpiresAt: new Date(exp * 1000),
    };
  }

  /** For tests and tools: a token that expired `secondsAgo` seconds ago. */
  issueExpiredAccessToken(principal: Principal, secondsAgo = 60): string {
    const now = Math.floor(Date.now() / 1000);
    return this.jwt.sign({ ...this.claimsOf(principal), typ: 'access', iat: now - secondsAgo - 60, exp: now - secondsAgo });
  }

  verify(token: string, expected: 'access' | 'refresh'): AccessTokenClaims {
    let claims: AccessTokenClaims;
    try {
      claims = this.jwt.verify<AccessTokenClaims>(token);
    } catch (error) {
      if (error instanceof TokenExpiredError) {
        throw new AppError(ErrorCode.AUTH_TOKEN_EXPIRED, expected === 'access' ? '登录已过期' : '登录已过期，请重新登录');
      }
      throw new AppError(ErrorCode.AUTH_TOKEN_INVALID);
    }
    if (claims.typ !== expected || typeof claims.sub !== 'number') throw new AppError(ErrorCode.AUTH_TOKEN_INVALID);
    return claims;
  }

  principalOf(claims: AccessTokenClaims): Principal {
    if (claims.kind === 'member') return { kind: 'member', id: claims.sub };
    if (claims.kind === 'account' && claims.role) {
      return { kind: 'account', id: claims.sub, role: claims.role, storeId: claims.storeId ?? null };
    }
    throw new AppError(ErrorCode.AUTH_TOKEN_INVALID);
  }

  private claimsOf(principal: Principal): Omit<AccessTokenClaims, 'typ'> {
    return principal.kind === 'member'
      ? { sub: principal.id, kind: 'member' }
      : { sub: principal.id, kind: 'account', role: principal.role, storeId: principal.storeId };
  }
}
