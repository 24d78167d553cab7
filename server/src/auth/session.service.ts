import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull, LessThanOrEqual, MoreThan, Repository } from 'typeorm';
import { ErrorCode, type PrincipalKind, type SessionView, type TokenPair } from '@mall/shared';
import type { ClientInfo } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { SessionRevocations } from '../common/auth/session-revocations';
import { TokenService } from '../common/auth/token.service';
import { AppError } from '../common/errors/app-error';
import { ClusterBus, RESYNC } from '../common/redis/cluster-bus';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { RefreshToken, type RevokedReason } from './refresh-token.entity';

/** How stale the revoked-session cache may get before a request triggers a reload (other instances' revocations whose bus message was lost). */
const REVOCATION_CACHE_MS = 5_000;
const REVOKED_TOPIC = 'sessions-revoked';

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Sessions = refresh token families. A login starts one; every refresh rotates its token (the old
 * one is used up); a used or revoked token presented again revokes the whole family; logout and
 * admins revoke families. Access tokens stay stateless JWTs, but carry the family as `sid`, and the
 * auth guard refuses those of a family revoked within an access token's lifetime (a set kept in
 * memory, reloaded from the table every few seconds so other instances' revocations arrive too).
 * With REDIS_URL a revocation is also published on the bus before the revoking request answers, so
 * the other instances refuse the session within milliseconds; the reload bounds a lost message.
 */
@Injectable()
export class SessionService extends SessionRevocations {
  private readonly logger = new Logger('Sessions');
  private readonly tokensTable: Repository<RefreshToken>;
  /** Session id → when it was revoked (ms), for revocations young enough to have live access tokens. */
  private revoked = new Map<string, number>();
  private loadedAt = 0;
  private loading: Promise<void> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tokens: TokenService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly bus: ClusterBus,
  ) {
    super();
    this.tokensTable = dataSource.getRepository(RefreshToken);
    bus.on(REVOKED_TOPIC, (ids) => {
      if (ids.includes(RESYNC)) return void this.reload();
      for (const id of ids) this.revoked.set(id, Date.now());
    });
  }

  /** A login: a new session and its first token pair. */
  start(principal: Principal, client: ClientInfo, now = new Date()): Promise<TokenPair> {
    return this.issue(this.dataSource.manager, principal, randomBytes(16).toString('hex'), now, client, now);
  }

  /**
   * Trades a refresh token for the next pair of its session. The token is used up by a conditional
   * UPDATE (still unused, unrevoked, unexpired) in the transaction that inserts its successor, so of
   * concurrent refreshes with one token exactly one gets a pair. A stored token that does not move
   * was used or revoked already: whoever presents it holds a copy, so the whole session ends.
   * `principal` is the caller as it is now (the account's current role and store).
   */
  async rotate(refreshToken: string, sessionId: string, principal: Principal, client: ClientInfo, now = new Date()): Promise<TokenPair> {
    const tokenHash = hashToken(refreshToken);
    const pair = await this.dataSource.transaction(async (manager) => {
      const moved = await manager
        .getRepository(RefreshToken)
        .update({ tokenHash, familyId: sessionId, usedAt: IsNull(), revokedAt: IsNull(), expiresAt: MoreThan(now) }, { usedAt: now });
      if (!moved.affected) return null;
      const { loginAt } = await manager.getRepository(RefreshToken).findOneOrFail({ where: { tokenHash }, select: { id: true, loginAt: true } });
      return this.issue(manager, principal, sessionId, loginAt, client, now);
    });
    if (pair) return pair;

    const token = await this.tokensTable.findOneBy({ tokenHash });
    if (!token || token.familyId !== sessionId) throw new AppError(ErrorCode.AUTH_TOKEN_INVALID);
    if (token.expiresAt.getTime() <= now.getTime()) throw new AppError(ErrorCode.AUTH_TOKEN_EXPIRED);
    if (!token.revokedAt) {
      this.logger.warn({ msg: 'refresh token reused: session revoked', sessionId, principal: `${token.principalKind}:${token.principalId}`, ip: client.ip });
      await this.dataSource.transaction((manager) => this.markRevoked(manager, [sessionId], 'reuse', now));
      await this.remember([sessionId], now);
    }
    throw new AppError(ErrorCode.AUTH_SESSION_REVOKED);
  }

  /** Logout: ends the session the token belongs to. Idempotent. */
  async end(sessionId: string, now = new Date()): Promise<void> {
    await this.dataSource.transaction((manager) => this.markRevoked(manager, [sessionId], 'logout', now));
    await this.remember([sessionId], now);
  }

  /** The sessions of a member or account that can still refresh, newest activity first. */
  async listActive(kind: PrincipalKind, id: number, now = new Date()): Promise<SessionView[]> {
    const heads = await this.tokensTable.find({
      where: { principalKind: kind, principalId: id, usedAt: IsNull(), revokedAt: IsNull(), expiresAt: MoreThan(now) },
      order: { id: 'DESC' },
    });
    const seen = new Set<string>();
    return heads
      .filter((t) => !seen.has(t.familyId) && seen.add(t.familyId))
      .map((t) => ({
        id: t.familyId,
        createdAt: t.loginAt.toISOString(),
        lastUsedAt: t.issuedAt.toISOString(),
        expiresAt: t.expiresAt.toISOString(),
        ip: t.ip,
        userAgent: t.userAgent,
      }));
  }

  /**
   * Revokes active sessions of one member or account: the listed ones (each must be theirs and
   * active, else 404) or all. `alongside` runs in the same transaction (the audit record).
   */
  async revokeSessions(
    kind: PrincipalKind,
    id: number,
    sessionIds: readonly string[] | 'all',
    alongside?: (manager: EntityManager, revokedIds: string[]) => Promise<void>,
    now = new Date(),
  ): Promise<string[]> {
    const active = (await this.listActive(kind, id, now)).map((s) => s.id);
    const ids = sessionIds === 'all' ? active : [...new Set(sessionIds)];
    if (ids.some((s) => !active.includes(s))) throw AppError.notFound('会话');
    await this.dataSource.transaction(async (manager) => {
      await this.markRevoked(manager, ids, 'admin', now);
      await alongside?.(manager, ids);
    });
    await this.remember(ids, now);
    return ids;
  }

  /** Deletes tokens past their expiry: they can neither be used nor replayed (the JWT's exp is the same instant). */
  async purgeExpired(now = new Date()): Promise<number> {
    const result = await this.tokensTable.delete({ expiresAt: LessThanOrEqual(now) });
    return result.affected ?? 0;
  }

  isRevoked(sessionId: string): boolean | Promise<boolean> {
    if (this.loadedAt === 0) return this.reload().then(() => this.revoked.has(sessionId));
    if (Date.now() - this.loadedAt > REVOCATION_CACHE_MS) void this.reload();
    return this.revoked.has(sessionId);
  }

  private async issue(manager: EntityManager, principal: Principal, familyId: string, loginAt: Date, client: ClientInfo, now: Date): Promise<TokenPair> {
    const { pair, refreshExpiresAt } = this.tokens.signPair(principal, familyId, now.getTime());
    await manager.getRepository(RefreshToken).insert({
      tokenHash: hashToken(pair.refreshToken),
      familyId,
      principalKind: principal.kind,
      principalId: principal.id,
      loginAt,
      issuedAt: now,
      expiresAt: refreshExpiresAt,
      usedAt: null,
      revokedAt: null,
      revokedReason: null,
      ip: client.ip?.slice(0, 64) ?? null,
      userAgent: client.userAgent?.slice(0, 255) ?? null,
    });
    return pair;
  }

  /**
   * Marks every token of the families revoked. Repeated until nothing moves: a rotation that
   * committed while the first pass waited for its row lock added a token the first pass may not
   * have seen (READ COMMITTED); the next statement sees it, and no token can be added to a family
   * whose tokens are all revoked.
   */
  private async markRevoked(manager: EntityManager, familyIds: string[], reason: RevokedReason, now: Date): Promise<void> {
    if (familyIds.length === 0) return;
    for (let pass = 0; pass < 10; pass++) {
      const result = await manager
        .getRepository(RefreshToken)
        .update({ familyId: In(familyIds), revokedAt: IsNull() }, { revokedAt: now, revokedReason: reason });
      if (!result.affected) return;
    }
  }

  /** Committed revocations: kept here and published (awaited, so the other instances know before the caller hears back). */
  private async remember(sessionIds: string[], now: Date): Promise<void> {
    for (const id of sessionIds) this.revoked.set(id, now.getTime());
    if (sessionIds.length) await this.bus.publish(REVOKED_TOPIC, sessionIds);
  }

  private reload(): Promise<void> {
    this.loading ??= (async () => {
      const startedAt = Date.now();
      const since = startedAt - (this.config.jwt.accessTtlSeconds + 60) * 1000;
      try {
        const rows = await this.tokensTable
          .createQueryBuilder('t')
          .select('t.familyId', 'familyId')
          .addSelect('MAX(t.revokedAt)', 'revokedAt')
          .where('t.revokedAt >= :since', { since: new Date(since) })
          .groupBy('t.familyId')
          .getRawMany<{ familyId: string; revokedAt: Date | string }>();
        const next = new Map(rows.map((r) => [r.familyId, new Date(r.revokedAt).getTime()]));
        // Revocations remembered here while the query ran are kept; old ones fall off with their access tokens.
        for (const [id, at] of this.revoked) if (at >= since && !next.has(id)) next.set(id, at);
        this.revoked = next;
      } catch (error) {
        this.logger.error({ msg: 'could not load revoked sessions', error: (error as Error).message });
      } finally {
        this.loadedAt = startedAt;
        this.loading = null;
      }
    })();
    return this.loading;
  }
}
