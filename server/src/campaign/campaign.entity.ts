import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { CampaignAction, CampaignSchedule, CampaignStatus, StaffTaskStatus } from '@mall/shared';
import { CreatedAtColumn, DateTimeColumn, UpdatedAtColumn } from '../database/columns';

@Entity('campaign')
@Index('ix_campaign_status', ['status', 'id'])
export class Campaign {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 40 }) name: string;
  @Column({ type: 'int', nullable: true, default: null }) segmentId: number | null;
  /** JSON CampaignSchedule */
  @Column({ type: 'varchar', length: 255 }) schedule: string;
  /** JSON CampaignAction[] */
  @Column({ type: 'text' }) actions: string;
  @Column({ type: 'int', default: 0 }) controlPercent: number;
  @Column({ type: 'int', default: 7 }) attributionDays: number;
  @Column({ type: 'int', default: 600 }) throttlePerMinute: number;
  @Column({ type: 'varchar', length: 12, default: 'draft' }) status: CampaignStatus;
  /** For a scheduled run: when it starts. */
  @DateTimeColumn({ nullable: true, default: null }) startsAt: Date | null;
  /** A one-off run walks the segment by member id; deliveries below this id are done. */
  @Column({ type: 'int', default: 0 }) cursorMemberId: number;
  @Column({ type: 'int' }) createdByAccountId: number;
  @CreatedAtColumn() createdAt: Date;
  @UpdatedAtColumn() updatedAt: Date;
}

export const scheduleOf = (c: Campaign): CampaignSchedule => JSON.parse(c.schedule) as CampaignSchedule;
export const actionsOf = (c: Campaign): CampaignAction[] => JSON.parse(c.actions) as CampaignAction[];

/** One member reached (or held out) by one campaign occurrence; the unique key is the at-most-once claim. */
@Entity('campaign_delivery')
@Index('uq_campaign_delivery', ['campaignId', 'memberId', 'occurrence'], { unique: true })
@Index('ix_campaign_delivery_member', ['memberId', 'id'])
export class CampaignDelivery {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) campaignId: number;
  @Column({ type: 'int' }) memberId: number;
  /** 'once' for a one-off run; for triggers what fired (2026 for a birthday, the order id for a first order, …). */
  @Column({ type: 'varchar', length: 32 }) occurrence: string;
  @Column({ type: 'varchar', length: 8 }) cohort: 'target' | 'control';
  /** pending while its actions run; done, or failed with the first error. */
  @Column({ type: 'varchar', length: 8, default: 'pending' }) outcome: 'pending' | 'done' | 'failed';
  @Column({ type: 'varchar', length: 200, default: '' }) error: string;
  @DateTimeColumn({ nullable: true, default: null }) openedAt: Date | null;
  @CreatedAtColumn() createdAt: Date;
}

/** A follow-up a campaign asks a member's guide to do (staff mode: 今日任务). */
@Entity('staff_task')
@Index('ix_staff_task_staff', ['staffAccountId', 'status', 'dueAt'])
@Index('ix_staff_task_store', ['storeId', 'status', 'dueAt'])
@Index('uq_staff_task_delivery', ['deliveryId'], { unique: true })
export class StaffTask {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) deliveryId: number;
  @Column({ type: 'int' }) campaignId: number;
  @Column({ type: 'int' }) memberId: number;
  @Column({ type: 'int' }) storeId: number;
  @Column({ type: 'int' }) staffAccountId: number;
  @Column({ type: 'varchar', length: 40 }) reason: string;
  @Column({ type: 'varchar', length: 200, default: '' }) script: string;
  @DateTimeColumn() dueAt: Date;
  @Column({ type: 'varchar', length: 8, default: 'open' }) status: StaffTaskStatus;
  @Column({ type: 'varchar', length: 100, default: '' }) outcome: string;
  @DateTimeColumn({ nullable: true, default: null }) doneAt: Date | null;
  @CreatedAtColumn() createdAt: Date;
}

/** An in-app banner or popup for one member, from a campaign. */
@Entity('member_banner')
@Index('ix_member_banner_member', ['memberId', 'expiresAt'])
@Index('uq_member_banner_delivery', ['deliveryId'], { unique: true })
export class MemberBanner {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) deliveryId: number;
  @Column({ type: 'int' }) campaignId: number;
  @Column({ type: 'int' }) memberId: number;
  @Column({ type: 'varchar', length: 8 }) kind: 'banner' | 'popup';
  @Column({ type: 'varchar', length: 20 }) title: string;
  @Column({ type: 'varchar', length: 100, default: '' }) body: string;
  @Column({ type: 'varchar', length: 120, default: '' }) link: string;
  @DateTimeColumn() expiresAt: Date;
  @DateTimeColumn({ nullable: true, default: null }) dismissedAt: Date | null;
  @CreatedAtColumn() createdAt: Date;
}

/** A campaign benefit held for a period: the `campaign` benefit source of the member while it lasts. */
@Entity('campaign_benefit_grant')
@Index('ix_campaign_benefit_member', ['memberId', 'endsAt'])
@Index('uq_campaign_benefit_delivery', ['deliveryId'], { unique: true })
export class CampaignBenefitGrant {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) deliveryId: number;
  @Column({ type: 'int' }) campaignId: number;
  @Column({ type: 'int' }) memberId: number;
  @DateTimeColumn() startsAt: Date;
  @DateTimeColumn() endsAt: Date;
}
