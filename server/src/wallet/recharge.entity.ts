import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { RechargeStatus } from '@mall/shared';
import { CreatedAtColumn, DateTimeColumn, FenColumn, UpdatedAtColumn } from '../database/columns';

/** One top-up: its terms are copied from the plan at creation, so editing a plan never changes it. */
@Entity('recharge')
@Index('ix_recharge_member_status', ['memberId', 'status'])
@Index('ix_recharge_plan_member', ['planId', 'memberId'])
export class Recharge {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  memberId: number;

  @Column({ type: 'int', nullable: true, default: null })
  planId: number | null;

  @FenColumn()
  payFen: number;

  @FenColumn()
  bonusFen: number;

  /** JSON snapshot of the plan's extras (points, growth, coupons, tier, membership days). */
  @Column({ type: 'varchar', length: 512, default: '{}' })
  extras: string;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: RechargeStatus;

  /** Holds one use of the plan's per-member limit (given back if it closes unpaid). */
  @Column({ type: 'boolean', default: false })
  holdsLimitSlot: boolean;

  @Index('uq_recharge_payment', { unique: true })
  @Column({ type: 'int', nullable: true, default: null })
  paymentId: number | null;

  @Column({ type: 'varchar', length: 32, default: '' })
  outTradeNo: string;

  @DateTimeColumn({ nullable: true, default: null })
  paidAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}

/** Uses of a limited recharge plan per member, pending ones included; moved by conditional UPDATE. */
@Entity('recharge_plan_usage')
@Index('uq_recharge_plan_usage', ['planId', 'memberId'], { unique: true })
export class RechargePlanUsage {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  planId: number;

  @Column({ type: 'int' })
  memberId: number;

  @Column({ type: 'int', default: 0 })
  used: number;
}
