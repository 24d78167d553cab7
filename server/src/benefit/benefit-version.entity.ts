import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, DateTimeColumn } from '../database/columns';

/** Parameters of a benefit from `effectiveFrom` on. Insert-only. */
@Entity('benefit_version')
@Index('uq_benefit_version', ['benefitId', 'version'], { unique: true })
export class BenefitVersion {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  benefitId: number;

  @Column({ type: 'int' })
  version: number;

  /** JSON of the BenefitSpec (type included). */
  @Column({ type: 'text' })
  spec: string;

  @DateTimeColumn()
  effectiveFrom: Date;

  @Column({ type: 'int', nullable: true, default: null })
  createdBy: number | null;

  @CreatedAtColumn()
  createdAt: Date;
}
