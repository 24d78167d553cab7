import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, LessThanOrEqual, MoreThan } from 'typeorm';
import { ErrorCode, expiryFor, planClawback, planSpend, type ExpiryPolicy, type LotTake } from '@mall/shared';
import { AppError } from '../common/errors/app-error';
import { findCurrent } from '../database/current-read';
import { insertIgnore } from '../database/insert-ignore';
import { insertRows } from '../database/insert-rows';
import { PointsAccount } from './points-account.entity';
import { PointsEntry, type PointsEntryKind } from './points-entry.entity';
import { PointsLot } from './points-lot.entity';
import { PointsSetting } from './points-setting.entity';
import { ConfigCache } from '../common/cache/config-cache';

export interface PointsRef {
  memberId: number;
  refType: string;
  refId: string;
  idempotencyKey: string;
  note?: string;
}

const POINTS_SETTINGS_KEY = 'settings:points';

/**
 * The only code that moves points. Each movement locks the member's account row, changes lots
 * and the cached balance by conditional UPDATEs, and appends an entry naming the lots it used —
 * in the caller's transaction, once per idempotency key.
 */
@Injectable()
export class PointsLedgerService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cache: ConfigCache,
  ) {}

  /** Points settings, cached (ConfigCache); the manager argument is accepted for callers inside a transaction. */
  async settings(_manager?: EntityManager): Promise<PointsSetting> {
    return this.cache.get(POINTS_SETTINGS_KEY, async () => {
      const found = await this.dataSource.getRepository(PointsSetting).findOneBy({ id: 1 });
      if (found) return found;
      await insertIgnore(this.dataSource.manager, PointsSetting, { id: 1 });
      return this.dataSource.getRepository(PointsSetting).findOneByOrFail({ id: 1 });
    });
  }

  async updateSettings(changes: Partial<PointsSetting>): Promise<PointsSetting> {
    await this.settings();
    await this.dataSource.getRepository(PointsSetting).update({ id: 1 }, changes);
    this.cache.invalidate(POINTS_SETTINGS_KEY);
    return this.settings();
  }

  policy(s: PointsSetting): ExpiryPolicy {
    return s.expiryKind === 'annual' ? { kind: 'annual', month: s.annualClearMonth, day: s.annualClearDay } : { kind: 'rolling', months: s.expiryMonths };
  }

  /** A new lot of `points` expiring per policy (or at `expiresAt`). Returns null when the key was used. */
  async earn(
    manager: EntityManager,
    ref: PointsRef & { points: number; source: string; kind?: PointsEntryKind; expiresAt?: Date },
    now = new Date(),
  ): Promise<PointsEntry | null> {
    if (!Number.isSafeInteger(ref.points) || ref.points <= 0) return null;
    const account = await this.lock(manager, ref.memberId);
    if ((await findCurrent(manager, PointsEntry, { idempotencyKey: ref.idempotencyKey })).length) return null;
    const expiresAt = ref.expiresAt ?? expiryFor(this.policy(await this.settings(manager)), now);
    const lotId = await insertRows(manager, PointsLot, {
      memberId: ref.memberId,
      amountPoints: ref.points,
      remainingPoints: ref.points,
      source: ref.source,
      expiresAt,
    });
    return this.post(manager, account, ref, ref.kind ?? 'earn', ref.points, [{ lotId, points: ref.points }]);
  }

  /** Spends FIFO by expiry; POINTS_INSUFFICIENT when the live balance is short. Returns the lots used. */
  async spend(manager: EntityManager, ref: PointsRef & { points: number }, now = new Date()): Promise<LotTake[]> {
    const account = await this.lock(manager, ref.memberId);
    const [existing] = await findCurrent(manager, PointsEntry, { idempotencyKey: ref.idempotencyKey });
    if (existing) return JSON.parse(existing.details ?? '{"lots":[]}').lots;
    const lots = await this.liveLots(manager, ref.memberId, now);
    const takes = planSpend(
      lots.map((l) => ({ id: l.id, remaining: l.remainingPoints, expiresAt: l.expiresAt })),
      ref.points,
      now,
    );
    if (!takes) throw new AppError(ErrorCode.POINTS_INSUFFICIENT, undefined, { requiredPoints: ref.points });
    await this.takeFromLots(manager, takes);
    await this.post(manager, account, ref, 'spend', -ref.points, takes);
    return takes;
  }

  /** Takes back points an order earned, from what is left (FIFO); a shortfall is recorded, not hidden. */
  async clawback(manager: EntityManager, ref: PointsRef & { points: number }, now = new Date()): Promise<{ takes: LotTake[]; shortfall: number }> {
    const account = await this.lock(manager, ref.memberId);
    const [existing] = await findCurrent(manager, PointsEntry, { idempotencyKey: ref.idempotencyKey });
    if (existing) return JSON.parse(existing.details ?? '{"lots":[],"shortfall":0}');
    const lots = await this.liveLots(manager, ref.memberId, now);
    const plan = planClawback(
      lots.map((l) => ({ id: l.id, remaining: l.remainingPoints, expiresAt: l.expiresAt })),
      ref.points,
      now,
    );
    await this.takeFromLots(manager, plan.takes);
    const taken = plan.takes.reduce((s, t) => s + t.points, 0);
    if (plan.shortfall > 0) {
      await manager
        .createQueryBuilder()
        .update(PointsAccount)
        .set({ shortfallPoints: () => 'shortfall_points + :s' })
        .where('member_id = :m', { m: ref.memberId, s: plan.shortfall })
        .execute();
    }
    await this.post(manager, account, ref, 'clawback', -taken, plan.takes, plan.shortfall);
    return plan;
  }

  /** Expires what is left of due lots, each exactly once however many runs race. */
  async expireDue(now = new Date(), limit = 500): Promise<{ lots: number; points: number }> {
    const due = await this.dataSource.getRepository(PointsLot).find({
      where: { expiredAt: IsNull(), expiresAt: LessThanOrEqual(now), remainingPoints: MoreThan(0) },
      order: { expiresAt: 'ASC', id: 'ASC' },
      take: limit,
    });
    const report = { lots: 0, points: 0 };
    for (const lot of due) {
      await this.dataSource.transaction(async (manager) => {
        const account = await this.lock(manager, lot.memberId);
        const [fresh] = await findCurrent(manager, PointsLot, { id: lot.id }, { forUpdate: true });
        if (fresh.expiredAt || fresh.remainingPoints === 0) return;
        const claimed = await manager
          .getRepository(PointsLot)
          .update({ id: lot.id, expiredAt: IsNull(), remainingPoints: fresh.remainingPoints }, { remainingPoints: 0, expiredAt: now });
        if (!claimed.affected) return;
        await this.post(
          manager,
          account,
          { memberId: lot.memberId, refType: 'lot', refId: String(lot.id), idempotencyKey: `expire:lot:${lot.id}`, note: '积分到期' },
          'expire',
          -fresh.remainingPoints,
          [{ lotId: lot.id, points: fresh.remainingPoints }],
        );
        report.lots += 1;
        report.points += fresh.remainingPoints;
      });
    }
    return report;
  }

  async balance(memberId: number): Promise<number> {
    return (await this.dataSource.getRepository(PointsAccount).findOneBy({ memberId }))?.balancePoints ?? 0;
  }

  /** Cached balance against the sum of live lot remainders and of entries (tests and audits). */
  async check(memberId: number, now = new Date()): Promise<{ cached: number; lots: number; entries: number }> {
    const cached = await this.balance(memberId);
    const lots = (await this.liveLots(this.dataSource.manager, memberId, new Date(0))).filter((l) => !l.expiredAt).reduce((s, l) => s + l.remainingPoints, 0);
    const row = await this.dataSource
      .getRepository(PointsEntry)
      .createQueryBuilder('e')
      .select('COALESCE(SUM(e.delta_points), 0)', 's')
      .where('e.member_id = :m', { m: memberId })
      .getRawOne<{ s: string }>();
    void now;
    return { cached, lots, entries: Number(row?.s ?? 0) };
  }

  private async liveLots(manager: EntityManager, memberId: number, now: Date): Promise<PointsLot[]> {
    return findCurrent(
      manager,
      PointsLot,
      { memberId, expiredAt: IsNull(), remainingPoints: MoreThan(0), expiresAt: MoreThan(now) },
      { order: { expiresAt: 'ASC', id: 'ASC' }, forUpdate: true },
    );
  }

  private async takeFromLots(manager: EntityManager, takes: LotTake[]): Promise<void> {
    for (const take of takes) {
      const result = await manager
        .createQueryBuilder()
        .update(PointsLot)
        .set({ remainingPoints: () => 'remaining_points - :p' })
        .where('id = :id AND remaining_points >= :p AND expired_at IS NULL', { id: take.lotId, p: take.points })
        .execute();
      if (!result.affected) throw new AppError(ErrorCode.CONFLICT, '积分已变化，请重试');
    }
  }

  /** Moves the cached balance (never below zero) and appends the entry. */
  /** Moves the cached balance (conditional UPDATE) and appends the entry; `locked` is the account this operation locked. */
  private async post(
    manager: EntityManager,
    locked: PointsAccount,
    ref: PointsRef,
    kind: PointsEntryKind,
    delta: number,
    lots: LotTake[],
    shortfall = 0,
  ): Promise<PointsEntry> {
    const moved = await manager
      .createQueryBuilder()
      .update(PointsAccount)
      .set({ balancePoints: () => 'balance_points + :d' })
      .where('member_id = :m AND balance_points + :d >= 0', { m: ref.memberId, d: delta })
      .execute();
    if (!moved.affected) throw new AppError(ErrorCode.POINTS_INSUFFICIENT);
    locked.balancePoints += delta; // exact: the row is locked by this transaction
    const values = {
      memberId: ref.memberId,
      deltaPoints: delta,
      balanceAfterPoints: locked.balancePoints,
      kind,
      refType: ref.refType,
      refId: ref.refId,
      idempotencyKey: ref.idempotencyKey,
      details: JSON.stringify(shortfall ? { lots, shortfall } : { lots }),
      note: (ref.note ?? '').slice(0, 120),
    };
    // No re-select: callers read the id and the values; createdAt is the database's, approximated here.
    const id = await insertRows(manager, PointsEntry, values);
    return manager.getRepository(PointsEntry).create({ ...values, id, createdAt: new Date() });
  }

  /** Creates the account outside any transaction (call before opening one on a busy path). */
  async ensureAccount(memberId: number): Promise<void> {
    if (this.known.has(memberId)) return;
    if (!(await this.dataSource.getRepository(PointsAccount).existsBy({ memberId }))) {
      await insertIgnore(this.dataSource.manager, PointsAccount, { memberId, balancePoints: 0, shortfallPoints: 0 });
    }
    if (this.known.size >= 100_000) this.known.clear();
    this.known.add(memberId);
  }

  /** Row-locks the account (MySQL) for the rest of the transaction, creating it outside the transaction if missing. */
  async lock(manager: EntityManager, memberId: number): Promise<PointsAccount> {
    const locked = await this.selectForUpdate(manager, memberId);
    if (locked) return locked;
    await insertIgnore(this.dataSource.manager, PointsAccount, { memberId, balancePoints: 0, shortfallPoints: 0 });
    return (await this.selectForUpdate(manager, memberId))!;
  }

  private selectForUpdate(manager: EntityManager, memberId: number): Promise<PointsAccount | null> {
    const qb = manager.getRepository(PointsAccount).createQueryBuilder('a').where('a.memberId = :memberId', { memberId });
    if (manager.connection.options.type !== 'better-sqlite3') qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  /** Members known to have an account row (rows are never deleted). */
  private readonly known = new Set<number>();
}
