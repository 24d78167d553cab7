import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from '../database/columns';

export type NotifyOutcome = 'applied' | 'duplicate' | 'rejected' | 'refunded_late';

/** Every notify we received and what we did with it; rejections are kept for investigation. */
@Entity('payment_notify_log')
export class PaymentNotifyLog {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 32 })
  eventType: string;

  @Index('ix_notify_log_out_trade_no')
  @Column({ type: 'varchar', length: 64, nullable: true, default: null })
  outTradeNo: string | null;

  @Column({ type: 'varchar', length: 16 })
  outcome: NotifyOutcome;

  @Column({ type: 'varchar', length: 255, default: '' })
  reason: string;

  @Column({ type: 'varchar', length: 64, nullable: true, default: null })
  notifyId: string | null;

  @CreatedAtColumn()
  createdAt: Date;
}
