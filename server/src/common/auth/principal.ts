import type { AccountRole, PrincipalKind } from '@mall/shared';

/** The authenticated caller, attached to the request by the auth guard. */
export type Principal = { kind: 'member'; id: number } | { kind: 'account'; id: number; role: AccountRole; storeId: number | null };

export type MemberPrincipal = Extract<Principal, { kind: 'member' }>;
export type AccountPrincipal = Extract<Principal, { kind: 'account' }>;

export interface AccessTokenClaims {
  sub: number;
  kind: PrincipalKind;
  role?: AccountRole;
  storeId?: number | null;
  typ: 'access' | 'refresh';
  /** Session (refresh token family) the token belongs to. */
  sid?: string;
  /** Refresh tokens only: random, makes every token unique. */
  jti?: string;
}
