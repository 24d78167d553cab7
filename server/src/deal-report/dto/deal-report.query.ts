import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Deals whose window overlaps these Beijing days, both ends included (yyyy-MM-dd). */
export class DealReportQuery {
  @ApiProperty({ example: '2026-11-01' }) @Matches(DAY, { message: 'from must be yyyy-MM-dd' }) from: string;
  @ApiProperty({ example: '2026-11-30' }) @Matches(DAY, { message: 'to must be yyyy-MM-dd' }) to: string;
}
