import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { BehaviourEventType, LifecycleStage, RfmBand, SegmentGroup } from '@mall/shared';
import { CreatedAtColumn, DateTimeColumn, FenColumn, PointsColumn, UpdatedAtColumn } from '../database/columns';

/** What a member did in the mini-program: append-only, the member id and the object only (no personal data). */
@Entity('member_event')
@Index('ix_member_event_member', ['memberId', 'type', 'occurredAt'])
@Index('ix_member_event_time', ['occurredAt'])
/** Segment conditions ask "who did X since T": a range on (type, time) that covers the member id. */
@Index('ix_member_event_type_time', ['type', 'occurredAt', 'memberId'])
@Index('uq_member_event_client', ['memberId', 'clientEventId'], { unique: true })
export class MemberEvent {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) memberId: number;
  @Column({ type: 'varchar', length: 12 }) type: BehaviourEventType;
  /** A product id for view/favourite/cart. */
  @Column({ type: 'int', nullable: true, default: null }) objectId: number | null;
  /** The search term, or the page path of a visit. */
  @Column({ type: 'varchar', length: 64, nullable: true, default: null }) term: string | null;
  /** Where the visit came from: poster, share, group, campaign, … */
  @Column({ type: 'varchar', length: 24, nullable: true, default: null }) source: string | null;
  @DateTimeColumn() occurredAt: Date;
  /** The client's id for the event, so a batch sent twice is stored once. */
  @Column({ type: 'varchar', length: 40 }) clientEventId: string;
  @CreatedAtColumn() createdAt: Date;
}

/** A product the member hearted (我的收藏). */
@Entity('favourite')
@Index('ix_favourite_member', ['memberId', 'createdAt'])
export class Favourite {
  @PrimaryColumn({ type: 'int' }) memberId: number;
  @PrimaryColumn({ type: 'int' }) productId: number;
  @CreatedAtColumn() createdAt: Date;
}

/** The facts segments look at, one row per member, refreshed on events and nightly. */
@Entity('member_fact')
@Index('ix_member_fact_lifecycle', ['lifecycle'])
@Index('ix_member_fact_last_order', ['lastOrderAt'])
@Index('ix_member_fact_last_active', ['lastActiveAt'])
@Index('ix_member_fact_region', ['province', 'city'])
@Index('ix_member_fact_registered', ['registeredAt'])
export class MemberFact {
  @PrimaryColumn({ type: 'int' }) memberId: number;
  @DateTimeColumn() registeredAt: Date;
  @DateTimeColumn({ nullable: true, default: null }) firstOrderAt: Date | null;
  @DateTimeColumn({ nullable: true, default: null }) lastOrderAt: Date | null;
  @DateTimeColumn({ nullable: true, default: null }) lastActiveAt: Date | null;
  @Column({ type: 'int', default: 0 }) orderCount: number;
  @FenColumn() spendFen: number;
  @Column({ type: 'int', default: 0 }) orderCount30d: number;
  @FenColumn() spend30dFen: number;
  @Column({ type: 'int', default: 0 }) orderCount90d: number;
  @FenColumn() spend90dFen: number;
  @FenColumn({ nullable: true, default: null }) avgOrderFen: number | null;
  @Column({ type: 'varchar', length: 32, nullable: true, default: null }) province: string | null;
  @Column({ type: 'varchar', length: 32, nullable: true, default: null }) city: string | null;
  @Column({ type: 'varchar', length: 8, default: 'unknown' }) gender: 'male' | 'female' | 'unknown';
  @Column({ type: 'int', nullable: true, default: null }) birthdayMonth: number | null;
  @Column({ type: 'varchar', length: 32, nullable: true, default: null }) sourceChannel: string | null;
  @Column({ type: 'int', nullable: true, default: null }) storeId: number | null;
  @Column({ type: 'int', nullable: true, default: null }) guideId: number | null;
  @Column({ type: 'int', default: 1 }) tierLevel: number;
  @Column({ type: 'boolean', default: false }) svipActive: boolean;
  @DateTimeColumn({ nullable: true, default: null }) svipExpiresAt: Date | null;
  @FenColumn() walletFen: number;
  @PointsColumn() points: number;
  @Column({ type: 'int', default: 0 }) favouriteCount: number;
  @Column({ type: 'varchar', length: 12, default: 'prospect' }) lifecycle: LifecycleStage;
  /** When the member entered their current lifecycle stage (lifecycle-entry campaigns fire once per entry). */
  @DateTimeColumn() lifecycleSince: Date;
  @Column({ type: 'varchar', length: 20, default: 'none' }) rfm: RfmBand;
  @UpdatedAtColumn() refreshedAt: Date;
}

@Entity('tag_group')
export class TagGroup {
  @PrimaryGeneratedColumn() id: number;
  @Index('uq_tag_group_name', { unique: true })
  @Column({ type: 'varchar', length: 32 })
  name: string;
  @CreatedAtColumn() createdAt: Date;
}

/** A tag: manual (ops or staff put it on members) or system (kept by the fact refresh, keyed). */
@Entity('tag')
@Index('uq_tag_name', ['groupId', 'name'], { unique: true })
export class Tag {
  @PrimaryGeneratedColumn() id: number;
  /** 0: not in a group (0 rather than NULL so the unique group+name key holds). */
  @Column({ type: 'int', default: 0 }) groupId: number;
  @Column({ type: 'varchar', length: 32 }) name: string;
  @Column({ type: 'varchar', length: 8 }) kind: 'manual' | 'system';
  /** e.g. lifecycle:dormant, rfm:important_value, svip, stored_value, repurchase:window */
  @Index('uq_tag_system_key', { unique: true })
  @Column({ type: 'varchar', length: 40, nullable: true, default: null })
  systemKey: string | null;
  /** Staff may put manual tags with this flag on their own members. */
  @Column({ type: 'boolean', default: false }) staffAssignable: boolean;
  @CreatedAtColumn() createdAt: Date;
}

@Entity('member_tag')
@Index('ix_member_tag_tag', ['tagId', 'memberId'])
export class MemberTag {
  @PrimaryColumn({ type: 'int' }) memberId: number;
  @PrimaryColumn({ type: 'int' }) tagId: number;
  @Column({ type: 'varchar', length: 8 }) source: 'system' | 'ops' | 'staff';
  @Column({ type: 'int', nullable: true, default: null }) byAccountId: number | null;
  @CreatedAtColumn() createdAt: Date;
}

/** A saved segment: a definition (JSON) ops can count, sample, export and target. */
@Entity('segment')
export class Segment {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 40 }) name: string;
  @Column({ type: 'text' }) definition: string;
  @Column({ type: 'int' }) createdByAccountId: number;
  @CreatedAtColumn() createdAt: Date;
  @UpdatedAtColumn() updatedAt: Date;
}

export const parseDefinition = (segment: Segment): SegmentGroup => JSON.parse(segment.definition) as SegmentGroup;
