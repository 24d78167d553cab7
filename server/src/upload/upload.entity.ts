import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from '../database/columns';

export const UPLOAD_PURPOSES = ['avatar', 'after_sale', 'product', 'cover', 'group_qr'] as const;
export type UploadPurpose = (typeof UPLOAD_PURPOSES)[number];

/** A stored image: who uploaded it and for what, so a reference to it can be checked against its owner. */
@Entity('upload')
@Index('ix_upload_owner', ['ownerKind', 'ownerId', 'id'])
export class Upload {
  @PrimaryGeneratedColumn() id: number;
  @Index('uq_upload_key', { unique: true })
  @Column({ type: 'varchar', length: 96 })
  storageKey: string;
  @Column({ type: 'varchar', length: 8 }) ownerKind: 'member' | 'account';
  @Column({ type: 'int' }) ownerId: number;
  @Column({ type: 'varchar', length: 16 }) purpose: UploadPurpose;
  @Column({ type: 'varchar', length: 32 }) mimeType: string;
  @Column({ type: 'int' }) sizeBytes: number;
  @Column({ type: 'varchar', length: 64 }) sha256: string;
  @CreatedAtColumn() createdAt: Date;
}
