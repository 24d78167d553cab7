import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, DateTimeColumn, PointsColumn } from '../database/columns';

/** One earn (批次): consumed earliest-expiry first; what is left at expiresAt expires. */
@Entity('points_lot')
@Index('ix_points_lot_member_expiry', ['memberId', 'expiresAt'])
@Index('ix_points_lot_expiry', ['expiredAt', 'expiresAt'])
export class PointsLot {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  memberId: number;

  @PointsColumn()
  amountPoints: number;

  @PointsColumn()
  remainingPoints: number;

  @Column({ type: 'varchar', length: 24 })
  source: string;

  @DateTimeColumn()
  expiresAt: Date;

  /** Set once by the expiry job. */
  @DateTimeColumn({ nullable: true, default: null })
  expiredAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;
}
