import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { NotificationSendStatus } from '@mall/shared';
import { CreatedAtColumn, DateTimeColumn, UpdatedAtColumn } from '../database/columns';

/** Ops' configuration of one scene: the WeChat template its messages use, and whether it sends at all. */
@Entity('notification_scene_config')
export class NotificationSceneConfig {
  @PrimaryColumn({ type: 'varchar', length: 32 }) scene: string;
  /** '' = not configured: the scene's sends are skipped. */
  @Column({ type: 'varchar', length: 64, default: '' }) templateId: string;
  @Column({ type: 'boolean', default: true }) enabled: boolean;
  @UpdatedAtColumn() updatedAt: Date;
}

/**
 * One-time subscribe consents a member gave for a template (wx.requestSubscribeMessage 'accept'):
 * each allows one send. Counted up by an atomic increment, used by a conditional decrement.
 */
@Entity('notification_consent')
@Index('uq_notification_consent', ['memberId', 'templateId'], { unique: true })
export class NotificationConsent {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) memberId: number;
  @Column({ type: 'varchar', length: 64 }) templateId: string;
  @Column({ type: 'int', default: 0 }) remaining: number;
  /** Every accept ever counted (remaining + used), for support questions. */
  @Column({ type: 'int', default: 0 }) granted: number;
  @UpdatedAtColumn() updatedAt: Date;
}

/** Every send attempt, sent or not, with WeChat's answer. */
@Entity('notification_send')
@Index('ix_notification_send_scene', ['scene', 'status', 'id'])
@Index('ix_notification_send_member', ['memberId', 'id'])
export class NotificationSend {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) memberId: number;
  @Column({ type: 'varchar', length: 32 }) scene: string;
  @Column({ type: 'varchar', length: 64, default: '' }) templateId: string;
  /** JSON of the values sent, by template key. */
  @Column({ type: 'text' }) data: string;
  @Column({ type: 'varchar', length: 255, default: '' }) page: string;
  @Column({ type: 'varchar', length: 12 }) status: NotificationSendStatus;
  @Column({ type: 'varchar', length: 16, default: '' }) reason: string;
  @Column({ type: 'int', nullable: true, default: null }) errcode: number | null;
  @Column({ type: 'varchar', length: 255, default: '' }) errorMessage: string;
  /** The event that caused the send (e.g. `order.paid:42`): a redelivered event sends nothing twice. */
  @Index('uq_notification_send_dedupe', { unique: true })
  @Column({ type: 'varchar', length: 96, nullable: true, default: null })
  dedupeKey: string | null;
  @DateTimeColumn({ nullable: true, default: null }) settledAt: Date | null;
  @CreatedAtColumn() createdAt: Date;
}
