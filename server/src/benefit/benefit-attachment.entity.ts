import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { BenefitSourceType } from '@mall/shared';
import { CreatedAtColumn } from '../database/columns';

/** Which source (tier, paid plan, campaign) grants which benefit. */
@Entity('benefit_attachment')
@Index('uq_benefit_attachment', ['sourceType', 'sourceId', 'benefitId'], { unique: true })
export class BenefitAttachment {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 16 })
  sourceType: BenefitSourceType;

  @Column({ type: 'int' })
  sourceId: number;

  @Column({ type: 'int' })
  benefitId: number;

  @CreatedAtColumn()
  createdAt: Date;
}
