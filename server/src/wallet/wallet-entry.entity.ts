import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { WalletEntryKind } from '@mall/shared';
import { CreatedAtColumn, FenColumn } from '../database/columns';

/** Append-only ledger of stored value. Corrections are new entries, never edits. */
@Entity('wallet_entry')
@Index('ix_wallet_entry_member', ['memberId', 'id'])
@Index('ix_wallet_entry_ref', ['refType', 'refId'])
@Index('ix_wallet_entry_kind_created', ['kind', 'createdAt'])
@Index('ix_wallet_entry_created', ['createdAt'])
export class WalletEntry {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  memberId: number;

  @FenColumn()
  deltaPrincipalFen: number;

  @FenColumn()
  deltaBonusFen: number;

  @FenColumn()
  principalAfterFen: number;

  @FenColumn()
  bonusAfterFen: number;

  /** Why the balance moved. */
  @Column({ type: 'varchar', length: 24 })
  kind: WalletEntryKind;

  /** What it belongs to: recharge, order, withdrawal, refund (out_refund_no), adjustment. */
  @Column({ type: 'varchar', length: 24 })
  refType: string;

  @Column({ type: 'varchar', length: 64 })
  refId: string;

  @Index('uq_wallet_entry_idempotency', { unique: true })
  @Column({ type: 'varchar', length: 96 })
  idempotencyKey: string;

  @Column({ type: 'varchar', length: 255, default: '' })
  note: string;

  @CreatedAtColumn()
  createdAt: Date;
}
