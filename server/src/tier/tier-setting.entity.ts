import { Column, Entity, PrimaryColumn } from 'typeorm';
import { UpdatedAtColumn } from '../database/columns';

/** Growth and evaluation policy: one row (id 1), edited by ops. */
@Entity('tier_setting')
export class TierSetting {
  @PrimaryColumn({ type: 'int' })
  id: number;

  /** Growth per whole yuan of paid spend. */
  @Column({ type: 'int', default: 1 })
  growthPerYuan: number;

  /** Whether a recharge's principal also earns growth (besides a plan's explicit bonus growth). */
  @Column({ type: 'boolean', default: false })
  growthFromRecharge: boolean;

  @Column({ type: 'int', default: 12 })
  keepMonths: number;

  @Column({ type: 'int', default: 12 })
  trailingMonths: number;

  @UpdatedAtColumn()
  updatedAt: Date;
}
