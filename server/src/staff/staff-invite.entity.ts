import { Column, Entity, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn, DateTimeColumn } from '../database/columns';

/** A one-time code an admin gives a staff member to link their WeChat to their staff account. */
@Entity('staff_invite')
export class StaffInvite {
  @PrimaryColumn({ type: 'varchar', length: 12 }) code: string;
  @Column({ type: 'int' }) accountId: number;
  @DateTimeColumn() expiresAt: Date;
  @DateTimeColumn({ nullable: true, default: null }) usedAt: Date | null;
  @CreatedAtColumn() createdAt: Date;
}
