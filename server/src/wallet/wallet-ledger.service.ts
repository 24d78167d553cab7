import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ErrorCode, splitRefund, splitSpend, type BalanceSplit, type SpendRule, type WalletEntryKind } from '@mall/shared';
import { AppError } from '../common/errors/app-error';
import { findCurrent } from '../database/current-read';
import { insertIgnore } from '../database/insert-ignore';
import { insertRows } from '../database/insert-rows';
import { WalletEntry } from './wallet-entry.entity';
import { Wallet } from './wallet.entity';

export interface Movement {
  memberId: number;
  deltaPrincipalFen: number;
  deltaBonusFen: number;
  kind: WalletEntryKind;
  refType: string;
  refId: string;
  /** Unique per movement: the same key twice moves the balance once. */
  idempotencyKey: string;
  note?: string;
}

export interface BalanceCheck {
  memberId: number;
  cachedPrincipalFen: number;
  cachedBonusFen: number;
  ledgerPrincipalFen: number;
  ledgerBonusFen: number;
  consistent: boolean;
}

/**
 * The only code that changes wallet balances. Every movement locks the wallet row, applies a
 * conditional UPDATE that cannot take either part below zero, and appends the entry that explains
 * it with the balance after — all inside the caller's transaction.
 */
@Injectable()
export class WalletLedgerService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Applies a movement once; returns the existing entry if its idempotency key was already used. */
  async move(manager: EntityManager, movement: Movement): Promise<{ entry: WalletEntry; duplicate: boolean }> {
    for (const [name, value] of [
      ['deltaPrincipalFen', movement.deltaPrincipalFen],
      ['deltaBonusFen', movement.deltaBonusFen],
    ] as const) {
      if (!Number.isSafeInteger(value)) throw new Error(`${name} must be an integer number of fen`);
    }
    const wallet = await this.lock(manager, movement.memberId);
    const [existing] = await findCurrent(manager, WalletEntry, { idempotencyKey: movement.idempotencyKey });
    if (existing) return { entry: existing, duplicate: true };
    return { entry: await this.apply(manager, wallet, movement), duplicate: false };
  }

  /**
   * The movement itself, for a caller that holds the wallet's lock and has checked the key: the
   * conditional UPDATE, then the entry with the balance after (exact, since the row is locked).
   */
  private async apply(manager: EntityManager, locked: Wallet, movement: Movement): Promise<WalletEntry> {
    const { deltaPrincipalFen: dp, deltaBonusFen: db } = movement;
    const result = await manager
      .createQueryBuilder()
      .update(Wallet)
      .set({ principalFen: () => 'principal_fen + :dp', bonusFen: () => 'bonus_fen + :db' })
      .where('member_id = :memberId AND principal_fen + :dp >= 0 AND bonus_fen + :db >= 0', { memberId: movement.memberId, dp, db })
      .execute();
    if (!result.affected) throw new AppError(ErrorCode.WALLET_INSUFFICIENT_BALANCE);
    locked.principalFen += dp;
    locked.bonusFen += db;
    const values = {
      memberId: movement.memberId,
      deltaPrincipalFen: dp,
      deltaBonusFen: db,
      principalAfterFen: locked.principalFen,
      bonusAfterFen: locked.bonusFen,
      kind: movement.kind,
      refType: movement.refType,
      refId: movement.refId,
      idempotencyKey: movement.idempotencyKey,
      note: (movement.note ?? '').slice(0, 255),
    };
    // No re-select: callers read the id and the values; createdAt is the database's, approximated here.
    const id = await insertRows(manager, WalletEntry, values);
    return manager.getRepository(WalletEntry).create({ ...values, id, createdAt: new Date() });
  }

  /**
   * Pays `amountFen` from the balance, split by `rule` on the balance as it is under the lock.
   * Throws WALLET_INSUFFICIENT_BALANCE when short; nothing can go negative under any race.
   */
  async spend(
    manager: EntityManager,
    input: { memberId: number; amountFen: number; rule: SpendRule; refType: string; refId: string; idempotencyKey: string; note?: string },
  ): Promise<BalanceSplit> {
    if (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0) throw new Error('spend amount must be a positive integer of fen');
    const wallet = await this.lock(manager, input.memberId);
    const [existing] = await findCurrent(manager, WalletEntry, { idempotencyKey: input.idempotencyKey });
    if (existing) return { principalFen: -existing.deltaPrincipalFen, bonusFen: -existing.deltaBonusFen };
    const split = splitSpend({ principalFen: wallet.principalFen, bonusFen: wallet.bonusFen }, input.amountFen, input.rule);
    if (!split) {
      throw new AppError(ErrorCode.WALLET_INSUFFICIENT_BALANCE, undefined, { balanceFen: wallet.principalFen + wallet.bonusFen, requiredFen: input.amountFen });
    }
    await this.apply(manager, wallet, {
      memberId: input.memberId,
      deltaPrincipalFen: -split.principalFen,
      deltaBonusFen: -split.bonusFen,
      kind: 'spend',
      refType: input.refType,
      refId: input.refId,
      idempotencyKey: input.idempotencyKey,
      note: input.note,
    });
    return split;
  }

  /** Returns (part of) an earlier spend in exactly the split it took; never more than it took in total. */
  async refundSpend(
    manager: EntityManager,
    input: { memberId: number; refType: string; refId: string; amountFen: number; idempotencyKey: string; note?: string },
  ): Promise<BalanceSplit> {
    const wallet = await this.lock(manager, input.memberId);
    const entries = await findCurrent(manager, WalletEntry, { memberId: input.memberId, refType: input.refType, refId: input.refId });
    const again = entries.find((e) => e.idempotencyKey === input.idempotencyKey);
    if (again) return { principalFen: again.deltaPrincipalFen, bonusFen: again.deltaBonusFen };
    const sum = (kind: WalletEntryKind, sign: number) =>
      entries
        .filter((e) => e.kind === kind)
        .reduce((acc, e) => ({ principalFen: acc.principalFen + sign * e.deltaPrincipalFen, bonusFen: acc.bonusFen + sign * e.deltaBonusFen }), {
          principalFen: 0,
          bonusFen: 0,
        });
    const spent = sum('spend', -1);
    const refunded = sum('spend_refund', 1);
    let part: BalanceSplit;
    try {
      part = splitRefund(spent, refunded, input.amountFen);
    } catch {
      throw new AppError(ErrorCode.REFUND_EXCEEDS_PAID, '退回余额超过该笔余额支付金额');
    }
    await this.apply(manager, wallet, {
      memberId: input.memberId,
      deltaPrincipalFen: part.principalFen,
      deltaBonusFen: part.bonusFen,
      kind: 'spend_refund',
      refType: input.refType,
      refId: input.refId,
      idempotencyKey: input.idempotencyKey,
      note: input.note,
    });
    return part;
  }

  /** Creates the wallet row outside any transaction (call before opening one on a busy path). */
  async ensureAccount(memberId: number): Promise<void> {
    if (this.known.has(memberId)) return;
    if (!(await this.dataSource.getRepository(Wallet).existsBy({ memberId }))) {
      await insertIgnore(this.dataSource.manager, Wallet, { memberId, principalFen: 0, bonusFen: 0 });
    }
    this.remember(memberId);
  }

  /** Takes a row lock on the wallet (MySQL) for the rest of the transaction, creating the row first if it is missing. */
  async lock(manager: EntityManager, memberId: number): Promise<Wallet> {
    const locked = await this.selectForUpdate(manager, memberId);
    if (locked) return locked;
    // Create a missing row outside the transaction: an INSERT IGNORE inside it would take a shared
    // lock on the existing key and deadlock against the FOR UPDATE of a concurrent spender.
    await insertIgnore(this.dataSource.manager, Wallet, { memberId, principalFen: 0, bonusFen: 0 });
    return (await this.selectForUpdate(manager, memberId))!;
  }

  private selectForUpdate(manager: EntityManager, memberId: number): Promise<Wallet | null> {
    const qb = manager.getRepository(Wallet).createQueryBuilder('w').where('w.memberId = :memberId', { memberId });
    if (manager.connection.options.type !== 'better-sqlite3') qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  /** Members known to have a wallet row (rows are never deleted), so ensureAccount costs nothing twice. */
  private readonly known = new Set<number>();
  private remember(memberId: number): void {
    if (this.known.size >= 100_000) this.known.clear();
    this.known.add(memberId);
  }

  async balance(memberId: number): Promise<Wallet | null> {
    return this.dataSource.getRepository(Wallet).findOneBy({ memberId });
  }

  /** Cached balances against the ledger's sums, for tests now and the ledger audit later. */
  async check(memberId?: number): Promise<BalanceCheck[]> {
    const qb = this.dataSource
      .getRepository(Wallet)
      .createQueryBuilder('w')
      .leftJoin(WalletEntry, 'e', 'e.member_id = w.member_id')
      .select('w.member_id', 'memberId')
      .addSelect('w.principal_fen', 'cachedPrincipalFen')
      .addSelect('w.bonus_fen', 'cachedBonusFen')
      .addSelect('COALESCE(SUM(e.delta_principal_fen), 0)', 'ledgerPrincipalFen')
      .addSelect('COALESCE(SUM(e.delta_bonus_fen), 0)', 'ledgerBonusFen')
      .groupBy('w.member_id')
      .addGroupBy('w.principal_fen')
      .addGroupBy('w.bonus_fen');
    if (memberId !== undefined) qb.where('w.member_id = :memberId', { memberId });
    const rows: Record<string, string | number>[] = await qb.getRawMany();
    return rows.map((r) => {
      const row = {
        memberId: Number(r.memberId),
        cachedPrincipalFen: Number(r.cachedPrincipalFen),
        cachedBonusFen: Number(r.cachedBonusFen),
        ledgerPrincipalFen: Number(r.ledgerPrincipalFen),
        ledgerBonusFen: Number(r.ledgerBonusFen),
      };
      return { ...row, consistent: row.cachedPrincipalFen === row.ledgerPrincipalFen && row.cachedBonusFen === row.ledgerBonusFen };
    });
  }
}
