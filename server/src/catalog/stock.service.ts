import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { ErrorCode } from '@mall/shared';
import { AppError } from '../common/errors/app-error';
import { findCurrent } from '../database/current-read';
import { insertIgnore } from '../database/insert-ignore';
import { Sku } from './sku.entity';
import { StockMovement, type StockMovementKind } from './stock-movement.entity';

export interface StockRef {
  refType: string;
  refId: string;
}

export interface StockLine {
  skuId: number;
  quantity: number;
}

/** Quantities per SKU, ascending by SKU id (so every transaction locks SKU rows in the same order). */
function bySku(lines: readonly StockLine[]): StockLine[] {
  const totals = new Map<number, number>();
  for (const l of lines) totals.set(l.skuId, (totals.get(l.skuId) ?? 0) + l.quantity);
  return [...totals.entries()].sort((a, b) => a[0] - b[0]).map(([skuId, quantity]) => ({ skuId, quantity }));
}

/**
 * The only writer of SKU stock. Every change is a conditional UPDATE of the cached counter plus an
 * append-only movement with a unique key, in the caller's transaction; holds are two-phase
 * (hold → sale | release), and a release or sale applies to exactly what was held for that ref.
 */
@Injectable()
export class StockService {
  /** Takes units for an unpaid order; OUT_OF_STOCK when any SKU is short (the caller's transaction then rolls back). */
  async hold(manager: EntityManager, ref: StockRef, lines: readonly StockLine[]): Promise<void> {
    for (const line of bySku(lines)) {
      if (!(await this.record(manager, 'hold', -line.quantity, line, ref))) continue;
      await this.take(manager, line);
    }
  }

  private async take(manager: EntityManager, line: StockLine): Promise<void> {
    const taken = await manager
      .createQueryBuilder()
      .update(Sku)
      .set({ stock: () => 'stock - :q' })
      .where('id = :id AND stock >= :q', { id: line.skuId, q: line.quantity })
      .execute();
    if (!taken.affected) throw new AppError(ErrorCode.OUT_OF_STOCK, undefined, { skuId: line.skuId });
  }

  /**
   * Units held and sold in one go (an order paid inside the checkout that takes them): both movements
   * first, the conditional decrement last, so the SKU row stays locked only until the caller commits.
   */
  async holdSold(manager: EntityManager, ref: StockRef, lines: readonly StockLine[]): Promise<void> {
    for (const line of bySku(lines)) {
      if (!(await this.record(manager, 'hold', -line.quantity, line, ref))) continue;
      await this.record(manager, 'sale', 0, line, ref);
      await this.take(manager, line);
    }
  }

  /** The hold of `ref` comes back (unpaid order cancelled or expired). Idempotent. */
  async release(manager: EntityManager, ref: StockRef): Promise<void> {
    for (const held of await this.openHolds(manager, ref)) {
      if (!(await this.record(manager, 'release', held.quantity, held, ref))) continue;
      await this.addStock(manager, held.skuId, held.quantity);
    }
  }

  /** The hold of `ref` became a sale (order paid). Idempotent; the units already left with the hold. */
  async sell(manager: EntityManager, ref: StockRef): Promise<void> {
    for (const held of await this.openHolds(manager, ref)) await this.record(manager, 'sale', 0, held, ref);
  }

  /** Refunded units go back on sale. `ref` names the refund (each refund returns once). */
  async restock(manager: EntityManager, ref: StockRef, lines: readonly StockLine[]): Promise<void> {
    for (const line of bySku(lines)) {
      if (await this.record(manager, 'return', line.quantity, line, ref)) await this.addStock(manager, line.skuId, line.quantity);
    }
  }

  /** A new SKU's starting stock. */
  async open(manager: EntityManager, skuId: number, quantity: number): Promise<void> {
    if (quantity <= 0) return;
    if (await this.record(manager, 'opening', quantity, { skuId, quantity }, { refType: 'sku', refId: String(skuId) }))
      await this.addStock(manager, skuId, quantity);
  }

  /** Ops set the available stock to `target` (a counted figure): the difference is one adjust movement. */
  async setAvailable(
    manager: EntityManager,
    skuId: number,
    target: number,
    ref: StockRef & { key: string; note?: string },
  ): Promise<{ before: number; after: number }> {
    const [sku] = await findCurrent(manager, Sku, { id: skuId }, { forUpdate: true });
    if (!sku) throw AppError.notFound('规格');
    const delta = target - sku.stock;
    if (delta === 0) return { before: sku.stock, after: target };
    const moved = await manager
      .createQueryBuilder()
      .update(Sku)
      .set({ stock: () => 'stock + :d' })
      .where('id = :id AND stock + :d >= 0', { id: skuId, d: delta })
      .execute();
    if (!moved.affected) throw new AppError(ErrorCode.CONFLICT, '库存已变化，请刷新后重试');
    await this.record(manager, 'adjust', delta, { skuId, quantity: Math.abs(delta) }, ref, `adjust:${skuId}:${ref.key}`, ref.note);
    return { before: sku.stock, after: target };
  }

  /** Σ movements per SKU, for the ledger audit (cached stock must equal it). */
  async movementSums(manager: EntityManager, skuIds?: number[]): Promise<Map<number, number>> {
    const qb = manager
      .getRepository(StockMovement)
      .createQueryBuilder('m')
      .select('m.skuId', 'skuId')
      .addSelect('COALESCE(SUM(m.delta), 0)', 'total')
      .groupBy('m.skuId');
    if (skuIds) qb.where({ skuId: In(skuIds) });
    const rows = await qb.getRawMany<{ skuId: number; total: string | number }>();
    return new Map(rows.map((r) => [Number(r.skuId), Number(r.total)]));
  }

  /** What `ref` holds and has neither sold nor released. */
  private async openHolds(manager: EntityManager, ref: StockRef): Promise<StockLine[]> {
    const rows = await manager.getRepository(StockMovement).findBy({ refType: ref.refType, refId: ref.refId });
    const settled = new Set(rows.filter((r) => r.kind === 'sale' || r.kind === 'release').map((r) => r.skuId));
    return rows.filter((r) => r.kind === 'hold' && !settled.has(r.skuId)).map((r) => ({ skuId: r.skuId, quantity: r.quantity }));
  }

  private async addStock(manager: EntityManager, skuId: number, quantity: number): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(Sku)
      .set({ stock: () => 'stock + :q' })
      .where('id = :id', { id: skuId, q: quantity })
      .execute();
  }

  /** Appends a movement; false when its key was already used (the movement happened before). */
  private async record(
    manager: EntityManager,
    kind: StockMovementKind,
    delta: number,
    line: StockLine,
    ref: StockRef,
    key?: string,
    note = '',
  ): Promise<boolean> {
    const idempotencyKey = key ?? `${kind}:${ref.refType}:${ref.refId}:${line.skuId}`;
    return insertIgnore(manager, StockMovement, {
      skuId: line.skuId,
      kind,
      delta,
      quantity: line.quantity,
      refType: ref.refType,
      refId: ref.refId,
      idempotencyKey,
      note: note.slice(0, 120),
    });
  }
}
