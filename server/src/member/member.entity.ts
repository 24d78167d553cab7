import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, DateTimeColumn, UpdatedAtColumn } from '../database/columns';
import type { Gender } from '@mall/shared';

@Entity('member')
export class Member {
  @PrimaryGeneratedColumn()
  id: number;

  /** The mini-program openid; one member per openid. */
  @Index('uq_member_openid', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  openid: string;

  @Index('ix_member_unionid')
  @Column({ type: 'varchar', length: 64, nullable: true, default: null })
  unionid: string | null;

  @Column({ type: 'varchar', length: 64, default: '' })
  nickname: string;

  @Column({ type: 'varchar', length: 512, nullable: true, default: null })
  avatarUrl: string | null;

  @Index('ix_member_phone')
  @Column({ type: 'varchar', length: 20, nullable: true, default: null })
  phone: string | null;

  /** YYYY-MM-DD; set once by the member (birthday gifts depend on it), then changed only by staff or ops. */
  @Column({ type: 'varchar', length: 10, nullable: true, default: null })
  birthday: string | null;

  @Column({ type: 'varchar', length: 8, default: 'unknown' })
  gender: Gender;

  /** Province and city as the member chose them, e.g. 上海市 静安区. */
  @Column({ type: 'varchar', length: 64, default: '' })
  region: string;

  /** Entry scene of the first launch (poster, share), kept for attribution. */
  @Column({ type: 'varchar', length: 64, nullable: true, default: null })
  registerScene: string | null;

  @DateTimeColumn({ nullable: true, default: null })
  lastLoginAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
