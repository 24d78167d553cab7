import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, DateTimeColumn, FenColumn, UpdatedAtColumn } from '../database/columns';
import type { WithdrawalStatus } from '@mall/shared';

/** A member's request to take their remaining principal back; ops approve or reject it. */
@Entity('withdrawal')
@Index('ix_withdrawal_status', ['status', 'id'])
export class Withdrawal {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('ix_withdrawal_member')
  @Column({ type: 'int' })
  memberId: number;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: WithdrawalStatus;

  @Column({ type: 'varchar', length: 120, default: '' })
  reason: string;

  /** Filled in at approval: what left the wallet and how it goes back. */
  @FenColumn()
  principalFen: number;

  @FenColumn()
  bonusForfeitFen: number;

  /** JSON [{paymentId, outRefundNo, amountFen}] */
  @Column({ type: 'text', nullable: true, default: null })
  refundPlan: string | null;

  @Column({ type: 'int', nullable: true, default: null })
  reviewedBy: number | null;

  @Column({ type: 'varchar', length: 120, default: '' })
  reviewNote: string;

  @DateTimeColumn({ nullable: true, default: null })
  reviewedAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
