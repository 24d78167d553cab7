/**
 * What the auth guard asks about an access token's session (`sid` claim). Implemented by the auth
 * module's SessionService, which owns the refresh_token table.
 */
export abstract class SessionRevocations {
  /** True when the session was revoked (logout, reuse, an admin). May answer from a cache a few seconds old. */
  abstract isRevoked(sessionId: string): boolean | Promise<boolean>;
}
