import { Column, Entity, PrimaryColumn } from 'typeorm';
import { UpdatedAtColumn } from '../database/columns';

/** Earn rules, expiry policy and checkout deduction: one row (id 1), edited by ops. */
@Entity('points_setting')
export class PointsSetting {
  @PrimaryColumn({ type: 'int' })
  id: number;

  @Column({ type: 'int', default: 1 })
  basePerYuan: number;

  @Column({ type: 'boolean', default: true })
  spendEarnEnabled: boolean;

  /** rolling: expiryMonths after earning; annual: the clear date (month/day) of the next year. */
  @Column({ type: 'varchar', length: 8, default: 'rolling' })
  expiryKind: 'rolling' | 'annual';

  @Column({ type: 'int', default: 12 })
  expiryMonths: number;

  @Column({ type: 'int', default: 12 })
  annualClearMonth: number;

  @Column({ type: 'int', default: 31 })
  annualClearDay: number;

  @Column({ type: 'boolean', default: true })
  signInEnabled: boolean;

  @Column({ type: 'int', default: 5 })
  signInPoints: number;

  /** Extra points on every 7th consecutive day. */
  @Column({ type: 'int', default: 30 })
  signInStreakBonus: number;

  @Column({ type: 'int', default: 100 })
  firstOrderPoints: number;

  @Column({ type: 'int', default: 50 })
  profilePoints: number;

  /** To the inviter when someone they invited pays their first order (0 = off); counts towards the caps. */
  @Column({ type: 'int', default: 200 })
  referralPoints: number;

  /** Caps on rule-based earning (not on spend earning); 0 = none. */
  @Column({ type: 'int', default: 0 })
  dailyCap: number;

  @Column({ type: 'int', default: 0 })
  monthlyCap: number;

  @Column({ type: 'int', default: 100 })
  deductPointsPerYuan: number;

  @Column({ type: 'int', default: 5000 })
  deductMaxShareBps: number;

  /** Remind members this many days before points expire. */
  @Column({ type: 'int', default: 7 })
  remindDaysBefore: number;

  @UpdatedAtColumn()
  updatedAt: Date;
}
