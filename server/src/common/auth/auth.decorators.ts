import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import type { AccountRole } from '@mall/shared';
import type { AccountPrincipal, MemberPrincipal, Principal } from './principal';

export const IS_PUBLIC = 'auth:public';
export const ALLOWED = 'auth:allowed';

/** Who may call a route: 'member', or account roles. The admin role passes every account check. */
export type Allowed = 'member' | AccountRole;

/** No authentication needed (login, health, public catalogue, simulator). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Only members (consumers in the mini-program). */
export const MemberOnly = () => SetMetadata(ALLOWED, ['member'] satisfies Allowed[]);

/** Only accounts with one of these roles (admin always passes). */
export const Roles = (...roles: AccountRole[]) => SetMetadata(ALLOWED, roles satisfies Allowed[]);

type RequestWithPrincipal = { principal?: Principal };

export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal | undefined => {
  return ctx.switchToHttp().getRequest<RequestWithPrincipal>().principal;
});

export const CurrentMember = createParamDecorator((_: unknown, ctx: ExecutionContext): MemberPrincipal => {
  const principal = ctx.switchToHttp().getRequest<RequestWithPrincipal>().principal;
  if (principal?.kind !== 'member') throw new Error('CurrentMember used on a route that is not MemberOnly');
  return principal;
});

export const CurrentAccount = createParamDecorator((_: unknown, ctx: ExecutionContext): AccountPrincipal => {
  const principal = ctx.switchToHttp().getRequest<RequestWithPrincipal>().principal;
  if (principal?.kind !== 'account') throw new Error('CurrentAccount used on a route that does not require Roles');
  return principal;
});

/** Who is on the other end of a login or refresh, kept with the session for the session list. */
export interface ClientInfo {
  /** req.ip: the client address as TRUST_PROXY resolves it. */
  ip: string | null;
  userAgent: string | null;
}

export const RequestClient = createParamDecorator((_: unknown, ctx: ExecutionContext): ClientInfo => {
  const request = ctx.switchToHttp().getRequest<Request>();
  const agent = request.headers['user-agent'];
  return { ip: request.ip ?? null, userAgent: typeof agent === 'string' && agent ? agent.slice(0, 255) : null };
});
