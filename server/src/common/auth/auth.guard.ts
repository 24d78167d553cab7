import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ErrorCode } from '@mall/shared';
import { AppError } from '../errors/app-error';
import { ALLOWED, Allowed, IS_PUBLIC } from './auth.decorators';
import type { Principal } from './principal';
import { TokenService } from './token.service';

/**
 * Global guard: every route needs a valid access token unless marked @Public(). Routes under
 * /api/admin need an account; @MemberOnly/@Roles narrow further. Deny by default.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const header = request.headers.authorization;
    if (!header || !header.startsWith('Bearer ')) throw new AppError(ErrorCode.AUTH_REQUIRED);
    const principal = this.tokens.principalOf(this.tokens.verify(header.slice(7).trim(), 'access'));
    request.principal = principal;

    const allowed = this.reflector.getAllAndOverride<Allowed[] | undefined>(ALLOWED, targets);
    if (!allowed) {
      throw new Error(`route ${request.method} ${request.path} declares neither @Public, @MemberOnly nor @Roles`);
    }
    if (!isAllowed(principal, allowed)) throw AppError.forbidden();
    return true;
  }
}

export function isAllowed(principal: Principal, allowed: readonly Allowed[]): boolean {
  if (principal.kind === 'member') return allowed.includes('member');
  const accountRoute = allowed.some((a) => a !== 'member');
  return accountRoute && (principal.role === 'admin' || allowed.includes(principal.role));
}
