import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, DateTimeColumn, UpdatedAtColumn } from '../database/columns';
import type { CouponStatus } from '@mall/shared';

/** An issued coupon: available → locked (by an unpaid order) → used | back to available; or expired. */
@Entity('coupon')
@Index('ix_coupon_member_status', ['memberId', 'status'])
export class Coupon {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  memberId: number;

  @Column({ type: 'int' })
  templateId: number;

  @Column({ type: 'varchar', length: 16, default: 'available' })
  status: CouponStatus;

  @DateTimeColumn()
  validFrom: Date;

  @DateTimeColumn()
  validUntil: Date;

  @Index('ix_coupon_order')
  @Column({ type: 'int', nullable: true, default: null })
  orderId: number | null;

  /** claim, benefit, campaign, recharge, points… */
  @Column({ type: 'varchar', length: 24, default: 'claim' })
  source: string;

  /** Makes an issue exactly-once (e.g. monthly pack for a member and month). */
  @Index('uq_coupon_issue_key', { unique: true })
  @Column({ type: 'varchar', length: 96, nullable: true, default: null })
  issueKey: string | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}

/** Per member and template: how many were issued, so a per-member limit holds under concurrency. */
@Entity('coupon_claim_counter')
@Index('uq_coupon_claim_counter', ['templateId', 'memberId'], { unique: true })
export class CouponClaimCounter {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  templateId: number;

  @Column({ type: 'int' })
  memberId: number;

  @Column({ type: 'int', default: 0 })
  count: number;
}
