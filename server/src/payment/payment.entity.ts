import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { PaymentPurpose, PaymentStatus } from '@mall/shared';
import { CreatedAtColumn, DateTimeColumn, FenColumn, UpdatedAtColumn } from '../database/columns';

/** One attempt to collect money through WeChat Pay. The purpose decides what "paid" means. */
@Entity('payment')
@Index('ix_payment_status_expires', ['status', 'expiresAt'])
@Index('ix_payment_purpose', ['purpose', 'purposeId'])
export class Payment {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('uq_payment_out_trade_no', { unique: true })
  @Column({ type: 'varchar', length: 32 })
  outTradeNo: string;

  @Column({ type: 'varchar', length: 16 })
  purpose: PaymentPurpose;

  /** The purpose's own id (recharge id, order id …). */
  @Column({ type: 'varchar', length: 64 })
  purposeId: string;

  @Index('ix_payment_member')
  @Column({ type: 'int' })
  memberId: number;

  @Column({ type: 'varchar', length: 64 })
  payerOpenid: string;

  @FenColumn()
  amountFen: number;

  @Column({ type: 'varchar', length: 127 })
  description: string;

  @Column({ type: 'varchar', length: 16, default: 'created' })
  status: PaymentStatus;

  @Index('uq_payment_transaction_id', { unique: true })
  @Column({ type: 'varchar', length: 32, nullable: true, default: null })
  transactionId: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true, default: null })
  prepayId: string | null;

  /** Sum of refunds requested and not failed; never above amountFen (conditional UPDATE). */
  @FenColumn()
  refundedFen: number;

  /** Set when WeChat reported SUCCESS after we had closed it and the purpose could not take it. */
  @Column({ type: 'boolean', default: false })
  lateRefund: boolean;

  @DateTimeColumn()
  expiresAt: Date;

  @DateTimeColumn({ nullable: true, default: null })
  paidAt: Date | null;

  @DateTimeColumn({ nullable: true, default: null })
  closedAt: Date | null;

  /** After closing, reconciliation asks WeChat once more (a payer may have paid during the close). */
  @Column({ type: 'boolean', default: false })
  closeVerified: boolean;

  /** Reconciliation lease: a job run claims the row until this time, so two runs do not both work on it. */
  @DateTimeColumn({ nullable: true, default: null })
  leaseUntil: Date | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
