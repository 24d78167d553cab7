import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { KocRewardKind, KocRewardStatus } from '@mall/shared';
import { CreatedAtColumn, DateTimeColumn, FenColumn, PointsColumn, UpdatedAtColumn } from '../database/columns';

/** A KOC programme configured by ops: who is a KOC, what a referral earns them, and the invitee's welcome coupon. */
@Entity('koc_programme')
export class KocProgramme {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 40 }) name: string;
  @Column({ type: 'boolean', default: true }) enabled: boolean;
  /** JSON SegmentGroup: members it selects become KOCs of this programme (nightly and on demand); null: by hand only. */
  @Column({ type: 'text', nullable: true, default: null }) criteria: string | null;
  @Column({ type: 'varchar', length: 12 }) rewardKind: KocRewardKind;
  @PointsColumn({ default: 0 }) rewardPoints: number;
  @Column({ type: 'int', nullable: true, default: null }) rewardCouponTemplateId: number | null;
  @Column({ type: 'int', default: 0 }) commissionBps: number;
  @Column({ type: 'int', default: 30 }) commissionDays: number;
  @Column({ type: 'int', default: 7 }) refundWindowDays: number;
  @Column({ type: 'int', nullable: true, default: null }) welcomeCouponTemplateId: number | null;
  @CreatedAtColumn() createdAt: Date;
  @UpdatedAtColumn() updatedAt: Date;
}

/** A member designated KOC (one programme per member). */
@Entity('koc_member')
@Index('ix_koc_member_programme', ['programmeId', 'memberId'])
export class KocMember {
  @PrimaryGeneratedColumn() id: number;
  @Index('uq_koc_member_member', { unique: true })
  @Column({ type: 'int' })
  memberId: number;
  @Column({ type: 'int' }) programmeId: number;
  @Column({ type: 'varchar', length: 12 }) source: 'manual' | 'criteria';
  @Column({ type: 'boolean', default: true }) enabled: boolean;
  @CreatedAtColumn() createdAt: Date;
}

/** An invitee bound to the KOC whose poster they came through; once per invitee (the unique key refuses a repeat). */
@Entity('koc_referral')
@Index('ix_koc_referral_koc', ['kocMemberId', 'id'])
export class KocReferral {
  @PrimaryGeneratedColumn() id: number;
  @Index('uq_koc_referral_invitee', { unique: true })
  @Column({ type: 'int' })
  inviteeId: number;
  @Column({ type: 'int' }) kocMemberId: number;
  @Column({ type: 'int' }) programmeId: number;
  @DateTimeColumn() boundAt: Date;
}

/**
 * What a referral earns the KOC for one order of the invitee: planned when the order is paid (with the programme's terms
 * copied, so later edits never rewrite it), credited by the job once past the refund window, clawed back by later refunds.
 */
@Entity('koc_reward')
@Index('ix_koc_reward_due', ['status', 'dueAt'])
@Index('ix_koc_reward_koc', ['kocMemberId', 'id'])
export class KocReward {
  @PrimaryGeneratedColumn() id: number;
  /** first:<referralId> (points, coupon: the first paid order only) or order:<orderId> (commission): at most one reward each. */
  @Index('uq_koc_reward_key', { unique: true })
  @Column({ type: 'varchar', length: 48 })
  rewardKey: string;
  @Column({ type: 'int' }) referralId: number;
  @Column({ type: 'int' }) programmeId: number;
  @Column({ type: 'int' }) kocMemberId: number;
  @Column({ type: 'int' }) inviteeId: number;
  @Column({ type: 'int' }) orderId: number;
  @Column({ type: 'varchar', length: 12 }) kind: KocRewardKind;
  @Column({ type: 'varchar', length: 12, default: 'pending' }) status: KocRewardStatus;
  @FenColumn() paidFen: number;
  @FenColumn({ default: 0 }) refundedFen: number;
  @PointsColumn({ default: 0 }) rewardPoints: number;
  @Column({ type: 'int', nullable: true, default: null }) couponTemplateId: number | null;
  @Column({ type: 'int', default: 0 }) commissionBps: number;
  @FenColumn({ default: 0 }) creditedFen: number;
  @FenColumn({ default: 0 }) clawedBackFen: number;
  @PointsColumn({ default: 0 }) creditedPoints: number;
  @PointsColumn({ default: 0 }) clawedBackPoints: number;
  @DateTimeColumn() dueAt: Date;
  @DateTimeColumn({ nullable: true, default: null }) creditedAt: Date | null;
  @CreatedAtColumn() createdAt: Date;
}

/** One settled refund of an invitee's order seen by the KOC programme: the unique key applies it to the reward once. */
@Entity('koc_reward_refund')
export class KocRewardRefund {
  @PrimaryGeneratedColumn() id: number;
  @Index('uq_koc_reward_refund', { unique: true })
  @Column({ type: 'int' })
  afterSaleId: number;
  @Column({ type: 'int' }) rewardId: number;
  @FenColumn() amountFen: number;
  @PointsColumn({ default: 0 }) clawedBackPoints: number;
  @CreatedAtColumn() createdAt: Date;
}
