import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, UpdatedAtColumn } from '../database/columns';

/** A membership level reached by growth value (普通 / 银卡 / 金卡 / 黑金). */
@Entity('tier')
export class Tier {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('uq_tier_level', { unique: true })
  @Column({ type: 'int' })
  level: number;

  @Column({ type: 'varchar', length: 32 })
  name: string;

  @Column({ type: 'int' })
  growthThreshold: number;

  @Column({ type: 'varchar', length: 16, default: '#C8A063' })
  color: string;

  @Column({ type: 'varchar', length: 255, default: '' })
  description: string;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
