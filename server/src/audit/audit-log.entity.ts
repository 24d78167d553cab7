import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from '../database/columns';

/** Append-only record of every change an account made through the admin panel or staff mode. */
@Entity('audit_log')
@Index('ix_audit_target', ['targetType', 'targetId'])
export class AuditLog {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('ix_audit_actor')
  @Column({ type: 'int' })
  actorAccountId: number;

  @Column({ type: 'varchar', length: 20 })
  actorRole: string;

  /** e.g. payment.refund, wallet.adjust, recharge_plan.update */
  @Column({ type: 'varchar', length: 64 })
  action: string;

  @Column({ type: 'varchar', length: 32 })
  targetType: string;

  @Column({ type: 'varchar', length: 64 })
  targetId: string;

  /** JSON: the request and the outcome. */
  @Column({ type: 'text' })
  details: string;

  @CreatedAtColumn()
  createdAt: Date;
}
