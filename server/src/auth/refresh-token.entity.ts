import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { PrincipalKind } from '@mall/shared';
import { CreatedAtColumn, DateTimeColumn } from '../database/columns';

export type RevokedReason = 'logout' | 'reuse' | 'admin';

/**
 * One issued refresh token. A login starts a family (a session); each refresh marks its token used
 * and adds the next one to the family. A used or revoked token presented again revokes the family.
 * Only a hash of the token is kept: a copy of this table cannot be replayed.
 */
@Entity('refresh_token')
@Index('ix_refresh_token_principal', ['principalKind', 'principalId'])
export class RefreshToken {
  @PrimaryGeneratedColumn()
  id: number;

  /** SHA-256 (hex) of the token as issued. */
  @Index('uq_refresh_token_hash', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  tokenHash: string;

  /** The session: random, also the tokens' `sid` claim and the id the admin sees. */
  @Index('ix_refresh_token_family')
  @Column({ type: 'varchar', length: 32 })
  familyId: string;

  @Column({ type: 'varchar', length: 16 })
  principalKind: PrincipalKind;

  @Column({ type: 'int' })
  principalId: number;

  /** When the session's login happened; carried along the family. */
  @DateTimeColumn()
  loginAt: Date;

  /** When this token was issued (the login or the refresh): the session's last activity. */
  @DateTimeColumn()
  issuedAt: Date;

  /** Same instant as the token's `exp`. */
  @Index('ix_refresh_token_expires')
  @DateTimeColumn()
  expiresAt: Date;

  /** Set once, by the conditional UPDATE that rotates the token. */
  @DateTimeColumn({ nullable: true, default: null })
  usedAt: Date | null;

  @Index('ix_refresh_token_revoked')
  @DateTimeColumn({ nullable: true, default: null })
  revokedAt: Date | null;

  @Column({ type: 'varchar', length: 16, nullable: true, default: null })
  revokedReason: RevokedReason | null;

  /** Client address and user agent of the login or refresh that issued this token (for the session list). */
  @Column({ type: 'varchar', length: 64, nullable: true, default: null })
  ip: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true, default: null })
  userAgent: string | null;

  @CreatedAtColumn()
  createdAt: Date;
}
