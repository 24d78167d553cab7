import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from '../database/columns';

export type GrowthKind = 'spend' | 'recharge' | 'task' | 'refund' | 'adjust';

/** Append-only growth (成长值) ledger; the tier follows the sum over a trailing window. */
@Entity('growth_entry')
@Index('ix_growth_member_created', ['memberId', 'createdAt'])
export class GrowthEntry {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  memberId: number;

  /** Signed: refunds reverse what an order earned. */
  @Column({ type: 'int' })
  delta: number;

  @Column({ type: 'varchar', length: 16 })
  kind: GrowthKind;

  @Column({ type: 'varchar', length: 24 })
  refType: string;

  @Column({ type: 'varchar', length: 64 })
  refId: string;

  @Index('uq_growth_idempotency', { unique: true })
  @Column({ type: 'varchar', length: 96 })
  idempotencyKey: string;

  @CreatedAtColumn()
  createdAt: Date;
}
