import { ApiPropertyOptional, OmitType } from '@nestjs/swagger';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
import { Type } from 'class-transformer';
import { IsOptional, IsString, Matches, MaxLength, Min } from 'class-validator';
import { PageQuery } from '../../common/dto/page.query';
import { IsDbInt } from '../../common/validation';

export class AuditLogsQuery extends PageQuery {
  /** Exact action, or a prefix ending in '.' (e.g. `membership_plan.`). */
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(/^[a-z_.]+$/) @MaxLength(64) action?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(/^[a-z_]+$/) @MaxLength(32) targetType?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) targetId?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsDbInt() @Min(1) actorAccountId?: number;
  /** First and last Beijing day (yyyy-MM-dd), both included. */
  @ApiPropertyOptional({ example: '2026-11-01' }) @IsOptional() @Matches(DAY, { message: 'from must be yyyy-MM-dd' }) from?: string;
  @ApiPropertyOptional({ example: '2026-11-30' }) @IsOptional() @Matches(DAY, { message: 'to must be yyyy-MM-dd' }) to?: string;
}

/** The same filters for the CSV export (no paging: the export streams every matching entry, newest first). */
export class AuditLogsExportQuery extends OmitType(AuditLogsQuery, ['page', 'pageSize'] as const) {}
