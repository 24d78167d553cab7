import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DateTimeColumn, UpdatedAtColumn } from '../database/columns';

/** A member's current tier and until when it is protected from a downgrade. */
@Entity('member_tier')
@Index('ix_member_tier_keep_until', ['keepUntil'])
export class MemberTier {
  @PrimaryColumn({ type: 'int' })
  memberId: number;

  @Column({ type: 'int', default: 0 })
  level: number;

  @DateTimeColumn()
  since: Date;

  @DateTimeColumn()
  keepUntil: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
