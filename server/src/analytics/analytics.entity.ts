import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateTimeColumn, FenColumn, PointsColumn } from '../database/columns';

/**
 * Rollup state of one Beijing day. Events and the job raise `dirtyVersion`; a worker claims the day
 * with a lease (conditional UPDATE), recomputes its facts from the raw tables and, in the same
 * transaction as the new facts, sets `doneVersion` — only while it still holds the lease. Two
 * workers or two instances therefore never write a day's facts twice, and a recompute replaces
 * rather than adds, so a second run of the same day can only rewrite the same numbers.
 */
@Entity('analytics_day')
export class AnalyticsDay {
  @PrimaryColumn({ type: 'varchar', length: 10 }) day: string;
  @Column({ type: 'int', default: 1 }) dirtyVersion: number;
  @Column({ type: 'int', default: 0 }) doneVersion: number;
  @DateTimeColumn({ nullable: true, default: null }) leaseUntil: Date | null;
  @Column({ type: 'varchar', length: 36, default: '' }) leaseToken: string;
  @DateTimeColumn({ nullable: true, default: null }) computedAt: Date | null;
}

/** Orders (by paid day, refunds of those orders netted in) and new members per store, guide and channel. 0/'' = none. */
@Entity('analytics_sales_day')
export class AnalyticsSalesDay {
  @PrimaryColumn({ type: 'varchar', length: 10 }) day: string;
  @PrimaryColumn({ type: 'int' }) storeId: number;
  @PrimaryColumn({ type: 'int' }) guideId: number;
  @PrimaryColumn({ type: 'varchar', length: 32 }) channel: string;
  @Column({ type: 'int', default: 0 }) newMembers: number;
  @Column({ type: 'int', default: 0 }) orders: number;
  @FenColumn() gmvFen: number;
  @FenColumn() refundFen: number;
  @Column({ type: 'int', default: 0 }) svipOrders: number;
  @FenColumn() svipGmvFen: number;
  @FenColumn() svipRefundFen: number;
  @FenColumn() svipSavingsFen: number;
}

/** Net spend of the day's orders by the buyers' join month (the LTV matrix sums these). */
@Entity('analytics_cohort_day')
export class AnalyticsCohortDay {
  @PrimaryColumn({ type: 'varchar', length: 10 }) day: string;
  @PrimaryColumn({ type: 'varchar', length: 7 }) cohort: string;
  @Column({ type: 'int', default: 0 }) orders: number;
  @FenColumn() spendFen: number;
}

/** Stored value, points and SVIP movements of one day (ledger sums by kind; SVIP by purchase and period end). */
@Entity('analytics_ledger_day')
export class AnalyticsLedgerDay {
  @PrimaryColumn({ type: 'varchar', length: 10 }) day: string;
  @FenColumn() rechargedPrincipalFen: number;
  @FenColumn() rechargedBonusFen: number;
  @FenColumn() spentPrincipalFen: number;
  @FenColumn() spentBonusFen: number;
  @FenColumn() refundedPrincipalFen: number;
  @FenColumn() refundedBonusFen: number;
  /** Withdrawals, forfeits, adjustments, releases: everything else, so that net = sum of all deltas. */
  @FenColumn() otherPrincipalFen: number;
  @FenColumn() otherBonusFen: number;
  @PointsColumn() pointsIssued: number;
  @PointsColumn() pointsRedeemed: number;
  @PointsColumn() pointsExpired: number;
  @PointsColumn() pointsOther: number;
  @Column({ type: 'int', default: 0 }) svipNew: number;
  @Column({ type: 'int', default: 0 }) svipRenewed: number;
  @FenColumn() svipFeeFen: number;
  @FenColumn() svipRefundFen: number;
  @Column({ type: 'int', default: 0 }) svipEnded: number;
  @Column({ type: 'int', default: 0 }) svipEndedRenewed: number;
  @Column({ type: 'int', default: 0 }) svipActiveEnd: number;
}

/** Point-in-time figures the job takes each run (members by tier and stage, buyers, points expiring soon), by day. */
@Entity('analytics_snapshot')
export class AnalyticsSnapshot {
  @PrimaryColumn({ type: 'varchar', length: 10 }) day: string;
  @PrimaryColumn({ type: 'varchar', length: 24 }) metric: string;
  @PrimaryColumn({ type: 'varchar', length: 24 }) key: string;
  @FenColumn() value: number;
}

/**
 * Community invitation and deal counts of one day by the member's home store (member_fact.store_id; 0 = none),
 * one row per metric (FUNNEL_METRICS), so a new stage is a new metric, not a new column.
 */
@Entity('analytics_funnel_day')
export class AnalyticsFunnelDay {
  @PrimaryColumn({ type: 'varchar', length: 10 }) day: string;
  @PrimaryColumn({ type: 'int' }) storeId: number;
  @PrimaryColumn({ type: 'varchar', length: 24 }) metric: string;
  @Column({ type: 'int', default: 0 }) value: number;
}

export const ANALYTICS_ENTITIES = [AnalyticsDay, AnalyticsSalesDay, AnalyticsCohortDay, AnalyticsLedgerDay, AnalyticsSnapshot, AnalyticsFunnelDay];
