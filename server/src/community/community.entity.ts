import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { CommunityGroupType, JoinConfirmation, SegmentGroup } from '@mall/shared';
import { CreatedAtColumn, DateTimeColumn, UpdatedAtColumn } from '../database/columns';

/** A WeChat group ops run: who may join (criteria), how many, until when, and what members get. */
@Entity('community_group')
@Index('ix_community_group_type', ['type', 'enabled'])
export class CommunityGroup {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 8 }) type: CommunityGroupType;
  @Column({ type: 'varchar', length: 30 }) name: string;
  @Column({ type: 'varchar', length: 200, default: '' }) description: string;
  @Column({ type: 'int', nullable: true, default: null }) coverUploadId: number | null;
  /** JSON SegmentGroup, or null when anybody may join. */
  @Column({ type: 'text', nullable: true }) criteria: string | null;
  @Column({ type: 'int' }) capacity: number;
  @DateTimeColumn({ nullable: true, default: null }) endsAt: Date | null;
  @Column({ type: 'int', nullable: true, default: null }) nextGroupId: number | null;
  @Column({ type: 'int', nullable: true, default: null }) perkCouponTemplateId: number | null;
  @Column({ type: 'varchar', length: 200, default: '' }) welcomeText: string;
  @Column({ type: 'boolean', default: true }) enabled: boolean;
  /** Claimed once when a flash group has ended and its members were invited on. */
  @DateTimeColumn({ nullable: true, default: null }) handedOverAt: Date | null;
  @Column({ type: 'int' }) createdByAccountId: number;
  @CreatedAtColumn() createdAt: Date;
  @UpdatedAtColumn() updatedAt: Date;
}

export const criteriaOf = (g: CommunityGroup): SegmentGroup | null => (g.criteria ? (JSON.parse(g.criteria) as SegmentGroup) : null);

/**
 * One entry code in a group's pool: an uploaded personal-WeChat group QR image (7 days, ~200 joins)
 * or a WeCom join way (`configId`). `used` moves only by a conditional UPDATE below `capacity`.
 */
@Entity('group_code')
@Index('ix_group_code_group', ['groupId', 'expiresAt'])
export class GroupCode {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) groupId: number;
  @Column({ type: 'varchar', length: 8 }) kind: 'image' | 'wecom';
  @Column({ type: 'int', nullable: true, default: null }) uploadId: number | null;
  @Column({ type: 'varchar', length: 255 }) imageUrl: string;
  @Column({ type: 'varchar', length: 64, nullable: true, default: null }) wecomConfigId: string | null;
  @Column({ type: 'varchar', length: 40, default: '' }) label: string;
  @Column({ type: 'int' }) capacity: number;
  @Column({ type: 'int', default: 0 }) used: number;
  @DateTimeColumn() expiresAt: Date;
  @DateTimeColumn({ nullable: true, default: null }) removedAt: Date | null;
  @CreatedAtColumn() createdAt: Date;
}

/** A slot of a code held by a member: shown again to them without taking another slot. */
@Entity('group_code_claim')
@Index('uq_group_code_claim', ['groupId', 'memberId', 'codeId'], { unique: true })
export class GroupCodeClaim {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) groupId: number;
  @Column({ type: 'int' }) memberId: number;
  @Column({ type: 'int' }) codeId: number;
  @CreatedAtColumn() createdAt: Date;
}

/**
 * A member's way into one group, one row per (group, member): each funnel stage is a timestamp
 * stamped once (`WHERE x IS NULL`), so counting and exactly-once come from the same column.
 */
@Entity('community_invitation')
@Index('uq_community_invitation', ['groupId', 'memberId'], { unique: true })
@Index('ix_community_invitation_member', ['memberId', 'id'])
export class CommunityInvitation {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) groupId: number;
  @Column({ type: 'int' }) memberId: number;
  /** Why the member was invited: criteria, a tier/SVIP benefit, or moved on from a flash group. */
  @Column({ type: 'varchar', length: 12 }) reason: 'criteria' | 'benefit' | 'flash_next' | 'open';
  @DateTimeColumn() eligibleAt: Date;
  @DateTimeColumn({ nullable: true, default: null }) invitedAt: Date | null;
  @DateTimeColumn({ nullable: true, default: null }) viewedAt: Date | null;
  @DateTimeColumn({ nullable: true, default: null }) codeShownAt: Date | null;
  @DateTimeColumn({ nullable: true, default: null }) joinedAt: Date | null;
  @Column({ type: 'varchar', length: 8, nullable: true, default: null }) joinedVia: JoinConfirmation | null;
  @DateTimeColumn({ nullable: true, default: null }) activeAt: Date | null;
  @CreatedAtColumn() createdAt: Date;
}

/** A WeCom callback accepted once (the key is its signature); a replay finds it here. */
@Entity('wecom_callback')
@Index('uq_wecom_callback', ['signature'], { unique: true })
export class WecomCallback {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 64 }) signature: string;
  @Column({ type: 'varchar', length: 40 }) event: string;
  @Column({ type: 'varchar', length: 64, default: '' }) chatId: string;
  @Column({ type: 'varchar', length: 40, default: '' }) detail: string;
  @Column({ type: 'int', default: 0 }) joinsConfirmed: number;
  @CreatedAtColumn() createdAt: Date;
}

/** A WeCom customer group chat and the community group (and join way) it belongs to. */
@Entity('wecom_group_chat')
@Index('uq_wecom_group_chat', ['chatId'], { unique: true })
export class WecomGroupChat {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 64 }) chatId: string;
  @Column({ type: 'int' }) groupId: number;
  @Column({ type: 'int' }) codeId: number;
  @CreatedAtColumn() createdAt: Date;
}

/** A guide's WeCom 联系我 code (add_contact_way). */
@Entity('guide_contact_way')
@Index('uq_guide_contact_way', ['staffAccountId'], { unique: true })
export class GuideContactWay {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) staffAccountId: number;
  @Column({ type: 'varchar', length: 64 }) configId: string;
  @Column({ type: 'varchar', length: 255 }) qrCode: string;
  @CreatedAtColumn() createdAt: Date;
}

/** A daily run claimed once per Beijing day (two instances or two timers never both run it); its summary is the daily list. */
@Entity('community_job_run')
@Index('uq_community_job_run', ['job', 'runKey'], { unique: true })
export class CommunityJobRun {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 20 }) job: string;
  @Column({ type: 'varchar', length: 20 }) runKey: string;
  /** JSON: what the run did and the code warnings of that day. */
  @Column({ type: 'text', nullable: true }) summary: string | null;
  @CreatedAtColumn() createdAt: Date;
}
