import { Column, Entity, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn } from '../database/columns';

/** A member QR token that was consumed (scanned); its nonce can never be used again. */
@Entity('qr_nonce')
export class QrNonce {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  nonce: string;

  @Column({ type: 'int' })
  memberId: number;

  /** Who scanned it (account id), for the record. */
  @Column({ type: 'int', nullable: true, default: null })
  consumedBy: number | null;

  @CreatedAtColumn()
  createdAt: Date;
}
