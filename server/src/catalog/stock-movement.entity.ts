import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from '../database/columns';

/**
 * Why a SKU's available stock moved. The cached `sku.stock` always equals the sum of its movements' deltas.
 * opening  the stock a SKU started with (or had when movements began)
 * hold     an unpaid order took units (−)
 * sale     the order was paid: its hold became a sale (0; the units already left with the hold)
 * release  the unpaid order was cancelled or expired: its hold came back (+)
 * return   a refunded line's units went back on sale (+)
 * adjust   ops counted or restocked (±)
 */
export const STOCK_MOVEMENT_KINDS = ['opening', 'hold', 'sale', 'release', 'return', 'adjust'] as const;
export type StockMovementKind = (typeof STOCK_MOVEMENT_KINDS)[number];

/** Append-only ledger of stock, written only by StockService in the transaction that moves `sku.stock`. */
@Entity('stock_movement')
@Index('ix_stock_movement_sku', ['skuId', 'id'])
@Index('ix_stock_movement_ref', ['refType', 'refId'])
export class StockMovement {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  skuId: number;

  @Column({ type: 'varchar', length: 12 })
  kind: StockMovementKind;

  /** Units added to available stock (negative when taken). */
  @Column({ type: 'int' })
  delta: number;

  /** The units this movement is about (a sale moves 0 but is about its units). */
  @Column({ type: 'int' })
  quantity: number;

  @Column({ type: 'varchar', length: 24 })
  refType: string;

  @Column({ type: 'varchar', length: 64 })
  refId: string;

  @Index('uq_stock_movement_key', { unique: true })
  @Column({ type: 'varchar', length: 96 })
  idempotencyKey: string;

  @Column({ type: 'varchar', length: 120, default: '' })
  note: string;

  @CreatedAtColumn()
  createdAt: Date;
}
