import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, FenColumn, PointsColumn, UpdatedAtColumn } from '../database/columns';
import type { RedemptionStatus } from '@mall/shared';

/** A gift in the points mall, redeemed for points (or points + cash) and picked up in store with a code. */
@Entity('points_mall_item')
export class PointsMallItem {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'varchar', length: 255, default: '' })
  description: string;

  @Column({ type: 'varchar', length: 512, default: '' })
  imageUrl: string;

  @PointsColumn()
  pricePoints: number;

  /** The cash part of a points + cash item, paid by WeChat Pay; 0 for points only. */
  @FenColumn()
  cashFen: number;

  /** Left to redeem; decremented by conditional UPDATE. */
  @Column({ type: 'int', default: 0 })
  stock: number;

  @Column({ type: 'int', nullable: true, default: null })
  perMemberLimit: number | null;

  /** Set for coupon items: redeeming issues this coupon instead of a pickup code. */
  @Column({ type: 'int', nullable: true, default: null })
  couponTemplateId: number | null;

  @Column({ type: 'int', default: 0 })
  sortOrder: number;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}

@Entity('points_redemption')
@Index('ix_points_redemption_member', ['memberId', 'id'])
export class PointsRedemption {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  memberId: number;

  @Column({ type: 'int' })
  itemId: number;

  @Column({ type: 'varchar', length: 64 })
  itemName: string;

  @PointsColumn()
  points: number;

  @FenColumn()
  cashFen: number;

  @Column({ type: 'varchar', length: 32, nullable: true, default: null })
  outTradeNo: string | null;

  /** Shown to staff for the in-store write-off. */
  @Index('uq_points_redemption_code', { unique: true })
  @Column({ type: 'varchar', length: 12, nullable: true, default: null })
  pickupCode: string | null;

  /** pending_payment (points + cash, waiting for the cash) → issued → written_off; or cancelled unpaid. */
  @Column({ type: 'varchar', length: 16, default: 'issued' })
  status: RedemptionStatus;

  @CreatedAtColumn()
  createdAt: Date;
}

/** One expiry reminder per member and expiry day, however often the job runs. */
@Entity('points_reminder')
@Index('uq_points_reminder', ['memberId', 'expiresDay'], { unique: true })
export class PointsReminder {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  memberId: number;

  @Column({ type: 'varchar', length: 10 })
  expiresDay: string;

  @PointsColumn()
  points: number;

  @CreatedAtColumn()
  createdAt: Date;
}
