import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateTimeColumn } from '../../database/columns';

/** Which instance runs a scheduled job right now, until when (a crashed owner's lease simply expires). */
@Entity('job_lease')
export class JobLease {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  name: string;

  /** host:pid:random of the JobRunner holding it. */
  @Column({ type: 'varchar', length: 100 })
  owner: string;

  @DateTimeColumn()
  expiresAt: Date;
}
