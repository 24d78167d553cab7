import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from '../database/columns';

/** One sign-in per member per (Beijing) day: the unique key makes a double tap one sign-in. */
@Entity('points_sign_in')
@Index('uq_points_sign_in', ['memberId', 'day'], { unique: true })
export class PointsSignIn {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  memberId: number;

  /** YYYY-MM-DD, Beijing time. */
  @Column({ type: 'varchar', length: 10 })
  day: string;

  @Column({ type: 'int' })
  streak: number;

  @Column({ type: 'int' })
  points: number;

  @CreatedAtColumn()
  createdAt: Date;
}
