import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { SpendRule } from '@mall/shared';
import { FenColumn, UpdatedAtColumn } from '../database/columns';

/** The wallet's rules: one row (id 1), edited by ops. */
@Entity('wallet_setting')
export class WalletSetting {
  @PrimaryColumn({ type: 'int' })
  id: number;

  @Column({ type: 'varchar', length: 16, default: 'proportional' })
  spendRule: SpendRule;

  /** Balance payments at or above this need the PIN, when the member set one. */
  @FenColumn({ default: 20000 })
  pinRequiredFromFen: number;

  @Column({ type: 'boolean', default: true })
  customEnabled: boolean;

  @FenColumn({ default: 1000 })
  customMinFen: number;

  @FenColumn({ default: 500000 })
  customMaxFen: number;

  @Column({ type: 'int', default: 0 })
  customBonusRateBps: number;

  @UpdatedAtColumn()
  updatedAt: Date;
}
