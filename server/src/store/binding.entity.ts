import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, DateTimeColumn, FenColumn, UpdatedAtColumn } from '../database/columns';

/** A member's current store and guide (导购). One row per member: the primary key is the claim. */
@Entity('member_binding')
@Index('ix_member_binding_staff', ['staffAccountId'])
@Index('ix_member_binding_store', ['storeId'])
export class MemberBinding {
  @PrimaryColumn({ type: 'int' }) memberId: number;
  @Column({ type: 'int' }) storeId: number;
  @Column({ type: 'int', nullable: true, default: null }) staffAccountId: number | null;
  @DateTimeColumn() boundAt: Date;
  /** A new scan cannot take the member before this. */
  @DateTimeColumn() protectedUntil: Date;
  @Column({ type: 'varchar', length: 12 }) via: 'scan' | 'poster' | 'transfer';
}

/** Every binding change, kept for disputes and the admin history. */
@Entity('binding_history')
@Index('ix_binding_history_member', ['memberId', 'id'])
export class BindingHistory {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) memberId: number;
  @Column({ type: 'int' }) storeId: number;
  @Column({ type: 'int', nullable: true, default: null }) staffAccountId: number | null;
  @Column({ type: 'int', nullable: true, default: null }) fromStaffAccountId: number | null;
  @Column({ type: 'varchar', length: 12 }) action: 'bind' | 'rebind' | 'transfer';
  @Column({ type: 'int', nullable: true, default: null }) byAccountId: number | null;
  @CreatedAtColumn() createdAt: Date;
}

/** Who gets the credit for a payment, fixed when it is paid (later transfers do not move it). */
@Entity('attribution')
@Index('uq_attribution_ref', ['kind', 'refId'], { unique: true })
@Index('ix_attribution_staff', ['staffAccountId', 'createdAt'])
@Index('ix_attribution_store', ['storeId', 'createdAt'])
export class Attribution {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 12 }) kind: 'order' | 'recharge' | 'membership';
  @Column({ type: 'varchar', length: 32 }) refId: string;
  @Column({ type: 'int' }) memberId: number;
  @Column({ type: 'int' }) storeId: number;
  @Column({ type: 'int', nullable: true, default: null }) staffAccountId: number | null;
  @FenColumn() amountFen: number;
  @CreatedAtColumn() createdAt: Date;
}

export type WriteOffKind = 'order_pickup' | 'points_gift' | 'coupon';

/** An in-store write-off (核销): a pickup, gift or coupon is redeemed exactly once, by this staff in this store. */
@Entity('write_off')
@Index('uq_write_off_ref', ['kind', 'refId'], { unique: true })
@Index('ix_write_off_store', ['storeId', 'id'])
export class WriteOff {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 16 }) kind: WriteOffKind;
  @Column({ type: 'varchar', length: 32 }) refId: string;
  @Column({ type: 'int' }) storeId: number;
  @Column({ type: 'int' }) staffAccountId: number;
  @Column({ type: 'int' }) memberId: number;
  /** What was handed over, as staff saw it (order number, gift or coupon name). */
  @Column({ type: 'varchar', length: 64, default: '' }) title: string;
  @CreatedAtColumn() createdAt: Date;
}

/** The binding policy ops configure: one row (id 1). */
@Entity('binding_setting')
export class BindingSetting {
  @PrimaryColumn({ type: 'int' }) id: number;
  /** A first binding cannot be taken over by another scan for this many days. */
  @Column({ type: 'int', default: 90 }) protectionDays: number;
  /** After protection, may a scan by another guide take the member over? (false: first binding is for good) */
  @Column({ type: 'boolean', default: true }) rebindAfterProtection: boolean;
  @UpdatedAtColumn() updatedAt: Date;
}
