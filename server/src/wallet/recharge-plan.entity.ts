import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, DateTimeColumn, FenColumn, UpdatedAtColumn } from '../database/columns';

/** "充 500 送 50": what a member pays, what it credits, and what else comes with it. */
@Entity('recharge_plan')
export class RechargePlan {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 32 })
  name: string;

  @FenColumn()
  payFen: number;

  @FenColumn()
  bonusFen: number;

  @Column({ type: 'int', default: 0 })
  bonusPoints: number;

  @Column({ type: 'int', default: 0 })
  bonusGrowth: number;

  /** SVIP days granted with the recharge, under membershipPlanId (whose benefits then apply). */
  @Column({ type: 'int', default: 0 })
  membershipDays: number;

  @Column({ type: 'int', nullable: true, default: null })
  membershipPlanId: number | null;

  /** Coupon template ids (JSON array) issued with the recharge. */
  @Column({ type: 'varchar', length: 255, default: '[]' })
  couponTemplateIds: string;

  /** Tier level granted with the recharge (null: none). */
  @Column({ type: 'int', nullable: true, default: null })
  grantTierLevel: number | null;

  /** Short label on the card, e.g. 最划算. */
  @Column({ type: 'varchar', length: 16, default: '' })
  badge: string;

  @DateTimeColumn({ nullable: true, default: null })
  startsAt: Date | null;

  @DateTimeColumn({ nullable: true, default: null })
  endsAt: Date | null;

  @Column({ type: 'int', nullable: true, default: null })
  perMemberLimit: number | null;

  @Column({ type: 'int', default: 0 })
  sortOrder: number;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
