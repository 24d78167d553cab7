import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { AccountRole } from '@mall/shared';
import { CreatedAtColumn, DateTimeColumn, UpdatedAtColumn } from '../database/columns';

/** A person who works for the brand: admin-panel users and store staff. Members are not accounts. */
@Entity('account')
export class Account {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('uq_account_username', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  username: string;

  @Column({ type: 'varchar', length: 100 })
  passwordHash: string;

  @Column({ type: 'varchar', length: 64 })
  displayName: string;

  @Column({ type: 'varchar', length: 20 })
  role: AccountRole;

  /** Set for store_manager and staff; null for brand-level roles. */
  @Index('ix_account_store')
  @Column({ type: 'int', nullable: true, default: null })
  storeId: number | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** Work phone members may reveal to call their guide (staff only; optional). */
  @Column({ type: 'varchar', length: 20, nullable: true, default: null })
  workPhone: string | null;

  @Column({ type: 'varchar', length: 512, nullable: true, default: null })
  avatarUrl: string | null;

  /** Staff link their WeChat (mini-program openid) with an invitation code, then log in with wx.login. */
  @Index('uq_account_openid', { unique: true })
  @Column({ type: 'varchar', length: 64, nullable: true, default: null })
  openid: string | null;

  @DateTimeColumn({ nullable: true, default: null })
  lastLoginAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
