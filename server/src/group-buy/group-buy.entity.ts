import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { GroupBuyAudience, GroupBuyGroupStatus, GroupBuyMemberStatus, GroupBuyRole } from '@mall/shared';
import { CreatedAtColumn, DateTimeColumn, FenColumn, UpdatedAtColumn } from '../database/columns';

/** A group-buy offer on one SKU. Edits apply to groups opened afterwards; a group copies its size. */
@Entity('group_buy_deal')
@Index('ix_group_buy_deal_window', ['enabled', 'endsAt'])
export class GroupBuyDeal {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 40 }) name: string;
  @Column({ type: 'int' }) skuId: number;
  @Column({ type: 'int' }) productId: number;
  @FenColumn() groupPriceFen: number;
  @FenColumn({ default: 0 }) leaderDiscountFen: number;
  @Column({ type: 'int' }) groupSize: number;
  @Column({ type: 'int' }) timeLimitMinutes: number;
  @Column({ type: 'varchar', length: 12, default: 'everyone' }) audience: GroupBuyAudience;
  @Column({ type: 'boolean', default: false }) allowRejoin: boolean;
  /** 虚拟成团: at the time limit a group that is not full completes with virtual members. Off by default. */
  @Column({ type: 'boolean', default: false }) fillWithVirtual: boolean;
  @Column({ type: 'boolean', default: true }) enabled: boolean;
  @DateTimeColumn() startsAt: Date;
  @DateTimeColumn() endsAt: Date;
  @Column({ type: 'int' }) createdByAccountId: number;
  @CreatedAtColumn() createdAt: Date;
  @UpdatedAtColumn() updatedAt: Date;
}

/**
 * One group. heldCount is the slots taken (held or paid) and never passes groupSize: a slot is
 * taken by a conditional UPDATE; paidCount rises when a slot's order is paid, and the payment that
 * makes it groupSize completes the group (in the same transaction, on the same locked row).
 */
@Entity('group_buy_group')
@Index('ix_group_buy_group_due', ['status', 'expiresAt'])
@Index('ix_group_buy_group_deal', ['dealId', 'status'])
export class GroupBuyGroup {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) dealId: number;
  @Column({ type: 'int' }) leaderMemberId: number;
  @Column({ type: 'int' }) groupSize: number;
  @Column({ type: 'int' }) timeLimitMinutes: number;
  @Column({ type: 'varchar', length: 12, default: 'pending' }) status: GroupBuyGroupStatus;
  @Column({ type: 'int', default: 0 }) heldCount: number;
  @Column({ type: 'int', default: 0 }) paidCount: number;
  /** Slots filled by virtual members when the group completed at its time limit. */
  @Column({ type: 'int', default: 0 }) virtualCount: number;
  @DateTimeColumn({ nullable: true, default: null }) expiresAt: Date | null;
  @DateTimeColumn({ nullable: true, default: null }) openedAt: Date | null;
  @DateTimeColumn({ nullable: true, default: null }) completedAt: Date | null;
  @DateTimeColumn({ nullable: true, default: null }) failedAt: Date | null;
  @CreatedAtColumn() createdAt: Date;
}

/**
 * A member's slot, one per order. Two nullable unique keys hold the admission rules against
 * concurrent checkouts: `memberKey` (group:member, set when the deal forbids joining twice) and
 * `phoneKey` (the bound phone, set for new-member deals: one 拉新团 per phone number). Both are
 * cleared when the slot is released or refunded, so the person may try again.
 */
@Entity('group_buy_member')
@Index('uq_group_buy_member_order', ['orderId'], { unique: true })
@Index('uq_group_buy_member_key', ['memberKey'], { unique: true })
@Index('uq_group_buy_member_phone', ['phoneKey'], { unique: true })
@Index('ix_group_buy_member_group', ['groupId', 'status'])
@Index('ix_group_buy_member_member', ['memberId', 'id'])
@Index('ix_group_buy_member_status', ['status', 'id'])
export class GroupBuyMember {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) groupId: number;
  @Column({ type: 'int' }) dealId: number;
  @Column({ type: 'int' }) memberId: number;
  @Column({ type: 'int' }) orderId: number;
  @Column({ type: 'varchar', length: 8 }) role: GroupBuyRole;
  @Column({ type: 'varchar', length: 12, default: 'held' }) status: GroupBuyMemberStatus;
  @FenColumn() unitPriceFen: number;
  @Column({ type: 'varchar', length: 32, nullable: true, default: null }) memberKey: string | null;
  @Column({ type: 'varchar', length: 32, nullable: true, default: null }) phoneKey: string | null;
  /** The after-sale request that refunded this slot's order (failed group). */
  @Column({ type: 'int', nullable: true, default: null }) afterSaleId: number | null;
  @FenColumn({ default: 0 }) refundedFen: number;
  @DateTimeColumn({ nullable: true, default: null }) paidAt: Date | null;
  @DateTimeColumn({ nullable: true, default: null }) refundedAt: Date | null;
  @CreatedAtColumn() createdAt: Date;
  @UpdatedAtColumn() updatedAt: Date;
}
