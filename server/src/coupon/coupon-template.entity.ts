import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, DateTimeColumn, FenColumn, UpdatedAtColumn } from '../database/columns';

/** What a coupon gives and when it can be used; each issued coupon copies what it needs. */
@Entity('coupon_template')
export class CouponTemplate {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 32 })
  name: string;

  @Column({ type: 'varchar', length: 8 })
  kind: 'fixed' | 'percent';

  @FenColumn()
  amountFen: number;

  /** Percent coupons: price kept in basis points (8500 = 85折). */
  @Column({ type: 'int', default: 10000 })
  percentBps: number;

  /** Percent coupons: most it takes off (0 = no cap). */
  @FenColumn()
  capFen: number;

  @FenColumn()
  thresholdFen: number;

  @Column({ type: 'varchar', length: 255, default: '[]' })
  productIds: string;

  @Column({ type: 'varchar', length: 255, default: '[]' })
  categoryIds: string;

  @Column({ type: 'boolean', default: false })
  stackable: boolean;

  /** Either a fixed window … */
  @DateTimeColumn({ nullable: true, default: null })
  validFrom: Date | null;

  @DateTimeColumn({ nullable: true, default: null })
  validUntil: Date | null;

  /** … or N days from issue. */
  @Column({ type: 'int', nullable: true, default: null })
  validDays: number | null;

  @Column({ type: 'int', nullable: true, default: null })
  perMemberLimit: number | null;

  /** Total that may be issued (null = unlimited); issuedCount moves by conditional UPDATE. */
  @Column({ type: 'int', nullable: true, default: null })
  totalQuantity: number | null;

  @Column({ type: 'int', default: 0 })
  issuedCount: number;

  /** Shown in the coupon centre for members to claim. */
  @Column({ type: 'boolean', default: true })
  claimable: boolean;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
