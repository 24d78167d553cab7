import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from '../database/columns';

@Entity('tier_history')
@Index('ix_tier_history_member', ['memberId', 'id'])
export class TierHistory {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  memberId: number;

  @Column({ type: 'int' })
  fromLevel: number;

  @Column({ type: 'int' })
  toLevel: number;

  @Column({ type: 'varchar', length: 16 })
  kind: 'upgrade' | 'downgrade' | 'requalify';

  @Column({ type: 'int' })
  trailingGrowth: number;

  @CreatedAtColumn()
  createdAt: Date;
}
