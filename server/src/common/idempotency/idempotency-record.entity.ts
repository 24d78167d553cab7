import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, DateTimeColumn } from '../../database/columns';

/** The first result of a request made with an Idempotency-Key, kept so a retry gets the same answer. */
@Entity('idempotency_record')
@Index('uq_idempotency_scope_key', ['scope', 'idempotencyKey'], { unique: true })
export class IdempotencyRecord {
  @PrimaryGeneratedColumn()
  id: number;

  /** Who made the request (member:12, account:3): keys are per caller. */
  @Column({ type: 'varchar', length: 40 })
  scope: string;

  @Column({ type: 'varchar', length: 64 })
  idempotencyKey: string;

  /** sha256 of method, path and canonical body. */
  @Column({ type: 'varchar', length: 64 })
  requestHash: string;

  @Column({ type: 'varchar', length: 16, default: 'in_progress' })
  state: 'in_progress' | 'completed';

  @Column({ type: 'int', nullable: true, default: null })
  responseStatus: number | null;

  @Column({ type: 'text', nullable: true, default: null })
  responseBody: string | null;

  @Index('ix_idempotency_expires')
  @DateTimeColumn()
  expiresAt: Date;

  @CreatedAtColumn()
  createdAt: Date;
}
