import { Entity, PrimaryColumn } from 'typeorm';
import { PointsColumn, UpdatedAtColumn } from '../database/columns';

/** Cached points balance; changes only with a points_entry, by conditional UPDATE. */
@Entity('points_account')
export class PointsAccount {
  @PrimaryColumn({ type: 'int' })
  memberId: number;

  @PointsColumn()
  balancePoints: number;

  /** Clawbacks that found no points left: owed, recorded rather than hidden. */
  @PointsColumn()
  shortfallPoints: number;

  @UpdatedAtColumn()
  updatedAt: Date;
}
