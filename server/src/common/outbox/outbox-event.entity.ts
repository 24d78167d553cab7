import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, DateTimeColumn } from '../../database/columns';

/**
 * A domain event written in the same transaction as the change it announces (the transactional
 * outbox), so it exists exactly when the change committed; the dispatcher hands it to in-process
 * listeners after commit, at least once, claiming each row with a lease.
 */
@Entity('outbox_event')
@Index('ix_outbox_pending', ['dispatchedAt', 'id'])
export class OutboxEvent {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 48 }) name: string;
  @Column({ type: 'text' }) payload: string;
  @Column({ type: 'int', default: 0 }) attempts: number;
  @DateTimeColumn({ nullable: true, default: null }) leaseUntil: Date | null;
  @DateTimeColumn({ nullable: true, default: null }) dispatchedAt: Date | null;
  @Column({ type: 'varchar', length: 255, default: '' }) lastError: string;
  @CreatedAtColumn() createdAt: Date;
}
