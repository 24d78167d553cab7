import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { FlashSaleAudience, FlashSaleReminderStatus, FlashSaleReservationStatus } from '@mall/shared';
import { CreatedAtColumn, DateTimeColumn, FenColumn, UpdatedAtColumn } from '../database/columns';

/**
 * A flash sale. Its deal stock is separate from the SKU's stock and moves only by conditional
 * UPDATE: stockLeft + reservedCount + soldCount = stockTotal at every commit.
 */
@Entity('flash_sale_event')
@Index('ix_flash_sale_event_window', ['enabled', 'endAt'])
export class FlashSaleEvent {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 40 }) name: string;
  @Column({ type: 'int' }) productId: number;
  @Column({ type: 'int' }) skuId: number;
  @FenColumn() dealPriceFen: number;
  @Column({ type: 'int' }) stockTotal: number;
  @Column({ type: 'int' }) stockLeft: number;
  @Column({ type: 'int', default: 0 }) reservedCount: number;
  @Column({ type: 'int', default: 0 }) soldCount: number;
  @Column({ type: 'int' }) perMemberLimit: number;
  @DateTimeColumn() startAt: Date;
  @DateTimeColumn() endAt: Date;
  /** An unpaid reservation is released after this many minutes. */
  @Column({ type: 'int', default: 15 }) holdMinutes: number;
  /** JSON FlashSaleAudience */
  @Column({ type: 'varchar', length: 255 }) audience: string;
  @Column({ type: 'boolean', default: true }) enabled: boolean;
  @Column({ type: 'int' }) createdByAccountId: number;
  @CreatedAtColumn() createdAt: Date;
  @UpdatedAtColumn() updatedAt: Date;
}

export const audienceOf = (e: FlashSaleEvent): FlashSaleAudience => JSON.parse(e.audience) as FlashSaleAudience;

/** Units a member holds in an event (pending + sold): the per-member limit is a conditional UPDATE on this row. */
@Entity('flash_sale_purchase')
@Index('uq_flash_sale_purchase', ['eventId', 'memberId'], { unique: true })
export class FlashSalePurchase {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) eventId: number;
  @Column({ type: 'int' }) memberId: number;
  @Column({ type: 'int', default: 0 }) taken: number;
}

/**
 * One order's hold on deal stock. `inflightKey` is `<eventId>:<memberId>` while pending and null
 * after: its unique index is the "one unpaid order per member and event" rule.
 */
@Entity('flash_sale_reservation')
@Index('uq_flash_sale_reservation_order', ['orderId'], { unique: true })
@Index('uq_flash_sale_reservation_inflight', ['inflightKey'], { unique: true })
@Index('ix_flash_sale_reservation_due', ['status', 'expiresAt'])
@Index('ix_flash_sale_reservation_event', ['eventId', 'status'])
export class FlashSaleReservation {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) eventId: number;
  @Column({ type: 'int' }) memberId: number;
  @Column({ type: 'int' }) orderId: number;
  @Column({ type: 'int' }) quantity: number;
  @Column({ type: 'varchar', length: 10, default: 'pending' }) status: FlashSaleReservationStatus;
  @Column({ type: 'varchar', length: 32, nullable: true, default: null }) inflightKey: string | null;
  @DateTimeColumn() expiresAt: Date;
  @Column({ type: 'varchar', length: 64, default: '' }) releaseReason: string;
  @DateTimeColumn({ nullable: true, default: null }) settledAt: Date | null;
  @CreatedAtColumn() createdAt: Date;
}

/** "提醒我": one per member and event, sent at the member's own start time (early access included). */
@Entity('flash_sale_reminder')
@Index('uq_flash_sale_reminder', ['eventId', 'memberId'], { unique: true })
@Index('ix_flash_sale_reminder_due', ['status', 'notifyAt'])
export class FlashSaleReminder {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) eventId: number;
  @Column({ type: 'int' }) memberId: number;
  @DateTimeColumn() notifyAt: Date;
  @Column({ type: 'varchar', length: 8, default: 'pending' }) status: FlashSaleReminderStatus;
  @DateTimeColumn({ nullable: true, default: null }) sentAt: Date | null;
  @CreatedAtColumn() createdAt: Date;
}
