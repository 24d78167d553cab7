import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ErrorCode } from '@mall/shared';
import { AppError } from '../errors/app-error';
import { ALLOWED, Allowed, IS_PUBLIC } from './auth.decorators';
import type { Principal } from './principal';
import { SessionRevocations } from './session-revocations';
import { TokenService } from './token.service';

/**
 * Global guard: every route needs a valid access token unless marked @Public(). Routes under
 * /api/admin need an account; @MemberOnly/@Roles narrow further. Deny by default. A token whose
 * session was revoked (logout, refresh token reuse, an admin) is refused before its expiry.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly revocations: SessionRevocations,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<Request & { principal?: Principal }>();
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) {
      await this.optionalPrincipal(request);
      return true;
    }

    const header = request.headers.authorization;
    if (!header || !header.startsWith('Bearer ')) throw new AppError(ErrorCode.AUTH_REQUIRED);
    const claims = this.tokens.verify(header.slice(7).trim(), 'access');
    const principal = this.tokens.principalOf(claims);
    if (claims.sid && (await this.revocations.isRevoked(claims.sid))) throw new AppError(ErrorCode.AUTH_SESSION_REVOKED);
    request.principal = principal;

    const allowed = this.reflector.getAllAndOverride<Allowed[] | undefined>(ALLOWED, targets);
    if (!allowed) {
      throw new Error(`route ${request.method} ${request.path} declares neither @Public, @MemberOnly nor @Roles`);
    }
    if (!isAllowed(principal, allowed)) throw AppError.forbidden();
    return true;
  }

  /** A public route still knows who calls when a valid token comes along (e.g. members-only products); a bad token is ignored there. */
  private async optionalPrincipal(request: Request & { principal?: Principal }): Promise<void> {
    const header = request.headers.authorization;
    if (!header || !header.startsWith('Bearer ')) return;
    try {
      const claims = this.tokens.verify(header.slice(7).trim(), 'access');
      if (claims.sid && (await this.revocations.isRevoked(claims.sid))) return;
      request.principal = this.tokens.principalOf(claims);
    } catch {
      // An expired or foreign token on a public route: served as anonymous.
    }
  }
}

export function isAllowed(principal: Principal, allowed: readonly Allowed[]): boolean {
  if (principal.kind === 'member') return allowed.includes('member');
  const accountRoute = allowed.some((a) => a !== 'member');
  return accountRoute && (principal.role === 'admin' || allowed.includes(principal.role));
}
