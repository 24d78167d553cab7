import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { MembershipRefundPolicy, PeriodUnit } from '@mall/shared';
import { CreatedAtColumn, DateTimeColumn, FenColumn, UpdatedAtColumn } from '../database/columns';
import type { MembershipPeriodStatus, MembershipPurchaseStatus } from '@mall/shared';

/** A paid-membership (SVIP) plan; its benefits are attached to it as a benefit source. */
@Entity('membership_plan')
export class MembershipPlan {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 32 }) name: string;
  @Column({ type: 'varchar', length: 8 }) periodUnit: PeriodUnit;
  @Column({ type: 'int', default: 0 }) periodDays: number;
  @FenColumn() priceFen: number;
  /** Crossed-out reference price. */
  @FenColumn({ nullable: true, default: null }) strikePriceFen: number | null;
  /** Price for a member's first paid membership. */
  @FenColumn({ nullable: true, default: null }) firstPurchasePriceFen: number | null;
  /** Members may ask for a refund within this many days of paying (0 = never), per refundPolicy. */
  @Column({ type: 'int', default: 7 }) refundDays: number;
  @Column({ type: 'varchar', length: 16, default: 'full_if_unused' }) refundPolicy: MembershipRefundPolicy;
  @Column({ type: 'varchar', length: 64, default: '' }) tagline: string;
  @Column({ type: 'int', default: 0 }) sortOrder: number;
  @Column({ type: 'boolean', default: true }) enabled: boolean;
  @CreatedAtColumn() createdAt: Date;
  @UpdatedAtColumn() updatedAt: Date;
}

@Entity('membership_purchase')
@Index('ix_membership_purchase_member', ['memberId', 'id'])
@Index('ix_membership_purchase_paid', ['paidAt'])
export class MembershipPurchase {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) memberId: number;
  @Column({ type: 'int' }) planId: number;
  @Column({ type: 'varchar', length: 32 }) planName: string;
  @FenColumn() priceFen: number;
  @Column({ type: 'varchar', length: 8 }) paidBy: 'wechat' | 'balance';
  /** Bought at the plan's first-purchase price (holds the member's first-price claim). */
  @Column({ type: 'boolean', default: false }) firstPrice: boolean;
  @Column({ type: 'varchar', length: 12, default: 'pending' }) status: MembershipPurchaseStatus;
  @Index('uq_membership_purchase_payment', { unique: true })
  @Column({ type: 'int', nullable: true, default: null })
  paymentId: number | null;
  @Column({ type: 'varchar', length: 32, nullable: true, default: null }) outTradeNo: string | null;
  @DateTimeColumn({ nullable: true, default: null }) paidAt: Date | null;
  /** What went back to the member (less than priceFen when savings were deducted or finance chose so). */
  @FenColumn({ default: 0 }) refundedFen: number;
  @Column({ type: 'varchar', length: 64, nullable: true, default: null }) refundReason: string | null;
  @DateTimeColumn({ nullable: true, default: null }) refundedAt: Date | null;
  @CreatedAtColumn() createdAt: Date;
}

/** One stretch of paid membership. Status and benefits derive from these; a refund marks one refunded. */
@Entity('membership_period')
@Index('ix_membership_period_member', ['memberId', 'endsAt'])
@Index('ix_membership_period_ends', ['endsAt'])
export class MembershipPeriodRecord {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) memberId: number;
  @Column({ type: 'int' }) planId: number;
  /** The purchase that paid for it; null for days granted by something else (see grantKey). */
  @Index('uq_membership_period_purchase', { unique: true })
  @Column({ type: 'int', nullable: true, default: null })
  purchaseId: number | null;
  /** Makes a grant exactly-once, e.g. recharge:<id> for SVIP days a recharge plan gives. */
  @Index('uq_membership_period_grant', { unique: true })
  @Column({ type: 'varchar', length: 64, nullable: true, default: null })
  grantKey: string | null;
  @DateTimeColumn() startsAt: Date;
  @DateTimeColumn() endsAt: Date;
  @FenColumn() priceFen: number;
  @Column({ type: 'varchar', length: 10, default: 'active' }) status: MembershipPeriodStatus;
  @CreatedAtColumn() createdAt: Date;
}

/** Per-member row locked while a period is added, so concurrent purchases stack instead of overlapping. */
@Entity('membership_account')
export class MembershipAccount {
  @PrimaryColumn({ type: 'int' }) memberId: number;
  @DateTimeColumn({ nullable: true, default: null }) expiresAt: Date | null;
  /**
   * The purchase that used the member's first-purchase eligibility: claimed by conditional UPDATE when
   * a first-price purchase is created (so pending ones count) or any purchase is paid; given back
   * when a first-price purchase closes unpaid.
   */
  @Column({ type: 'int', nullable: true, default: null }) firstPricePurchaseId: number | null;
  @UpdatedAtColumn() updatedAt: Date;
}

/** Expiry and renewal-reminder events, each once per member and period end. */
@Entity('membership_event')
@Index('uq_membership_event', ['memberId', 'kind', 'endsAtKey'], { unique: true })
export class MembershipEvent {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) memberId: number;
  @Column({ type: 'varchar', length: 12 }) kind: 'expired' | 'remind_7d' | 'remind_1d';
  @Column({ type: 'varchar', length: 24 }) endsAtKey: string;
  @CreatedAtColumn() createdAt: Date;
}
