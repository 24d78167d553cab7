import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { RefundStatus } from '@mall/shared';
import { CreatedAtColumn, DateTimeColumn, FenColumn, UpdatedAtColumn } from '../database/columns';

@Entity('refund')
@Index('ix_refund_status', ['status', 'createdAt'])
export class Refund {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('ix_refund_payment')
  @Column({ type: 'int' })
  paymentId: number;

  /** Idempotency key of the refund at WeChat, chosen by the purpose (e.g. order refund id). */
  @Index('uq_refund_out_refund_no', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  outRefundNo: string;

  @FenColumn()
  amountFen: number;

  @Column({ type: 'varchar', length: 80, default: '' })
  reason: string;

  @Column({ type: 'varchar', length: 16, default: 'processing' })
  status: RefundStatus;

  @Column({ type: 'varchar', length: 32, nullable: true, default: null })
  wechatRefundId: string | null;

  /** Why it failed at WeChat, for ops. */
  @Column({ type: 'varchar', length: 255, nullable: true, default: null })
  failureReason: string | null;

  @DateTimeColumn({ nullable: true, default: null })
  succeededAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
