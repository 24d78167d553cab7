import { Column, Entity, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn, DateTimeColumn, FenColumn, UpdatedAtColumn } from '../database/columns';

/**
 * Cached balances of a member's stored value. Changed only by WalletLedgerService, in the same
 * transaction as the wallet_entry that explains the change, by conditional UPDATE.
 */
@Entity('wallet')
export class Wallet {
  @PrimaryColumn({ type: 'int' })
  memberId: number;

  /** 本金: refundable. */
  @FenColumn()
  principalFen: number;

  /** 赠送金: not refundable, forfeited on withdrawal. */
  @FenColumn()
  bonusFen: number;

  @Column({ type: 'varchar', length: 100, nullable: true, default: null })
  pinHash: string | null;

  @Column({ type: 'int', default: 0 })
  pinFailedCount: number;

  @DateTimeColumn({ nullable: true, default: null })
  pinLockedUntil: Date | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
