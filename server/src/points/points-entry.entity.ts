import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, PointsColumn } from '../database/columns';
import type { PointsEntryKind } from '@mall/shared';

export type { PointsEntryKind };

/** Append-only points ledger; `lots` records which lots a movement took from. */
@Entity('points_entry')
@Index('ix_points_entry_member', ['memberId', 'id'])
@Index('ix_points_entry_ref', ['refType', 'refId'])
@Index('ix_points_entry_created', ['createdAt'])
export class PointsEntry {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  memberId: number;

  @PointsColumn()
  deltaPoints: number;

  @PointsColumn()
  balanceAfterPoints: number;

  @Column({ type: 'varchar', length: 16 })
  kind: PointsEntryKind;

  /** Why: order, sign_in, redemption, lot (expiry), adjustment, recharge… */
  @Column({ type: 'varchar', length: 24 })
  refType: string;

  @Column({ type: 'varchar', length: 64 })
  refId: string;

  @Index('uq_points_entry_idempotency', { unique: true })
  @Column({ type: 'varchar', length: 96 })
  idempotencyKey: string;

  /** JSON [{lotId, points}] for spends/clawbacks/expiry, plus shortfall when a clawback could not take everything. */
  @Column({ type: 'text', nullable: true, default: null })
  details: string | null;

  @Column({ type: 'varchar', length: 120, default: '' })
  note: string;

  @CreatedAtColumn()
  createdAt: Date;
}
