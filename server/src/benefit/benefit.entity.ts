import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { BenefitType } from '@mall/shared';
import { CreatedAtColumn, UpdatedAtColumn } from '../database/columns';

/** A benefit in the catalogue; its parameters live in versions so changes never rewrite the past. */
@Entity('benefit')
export class Benefit {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 32 })
  type: BenefitType;

  @Column({ type: 'varchar', length: 32 })
  name: string;

  @Column({ type: 'varchar', length: 255, default: '' })
  description: string;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
