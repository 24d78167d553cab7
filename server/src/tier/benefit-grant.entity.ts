import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from '../database/columns';

/**
 * One periodic or one-off benefit grant (birthday gift, upgrade gift, monthly pack) to one member
 * for one period. The unique key is the claim: however often and wherever the job runs, a grant
 * is issued once.
 */
@Entity('benefit_grant')
@Index('ix_benefit_grant_member', ['memberId', 'id'])
export class BenefitGrantRecord {
  @PrimaryGeneratedColumn()
  id: number;

  /** `${kind}:${benefitId}:${memberId}:${period}` */
  @Index('uq_benefit_grant_key', { unique: true })
  @Column({ type: 'varchar', length: 96 })
  grantKey: string;

  @Column({ type: 'int' })
  memberId: number;

  @Column({ type: 'int' })
  benefitId: number;

  @Column({ type: 'varchar', length: 24 })
  kind: string;

  /** 2026 for a birthday, 2026-11 for a monthly pack, L2 for an upgrade. */
  @Column({ type: 'varchar', length: 16 })
  period: string;

  @Column({ type: 'int', default: 0 })
  points: number;

  @CreatedAtColumn()
  createdAt: Date;
}
