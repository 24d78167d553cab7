import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { ANALYTICS_EXPORTS, type AnalyticsExport } from '@mall/shared';

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A Beijing day range, both ends included (yyyy-MM-dd). */
export class AnalyticsRangeQuery {
  @ApiProperty({ example: '2026-11-01' }) @Matches(DAY, { message: 'from must be yyyy-MM-dd' }) from: string;
  @ApiProperty({ example: '2026-11-30' }) @Matches(DAY, { message: 'to must be yyyy-MM-dd' }) to: string;
}

export class SalesByQuery extends AnalyticsRangeQuery {
  @ApiProperty({ enum: ['store', 'guide', 'channel'] }) @IsIn(['store', 'guide', 'channel']) groupBy: 'store' | 'guide' | 'channel';
}

export class LtvQuery {
  @ApiProperty({ example: '2026-01' }) @Matches(MONTH, { message: 'fromMonth must be yyyy-MM' }) fromMonth: string;
  @ApiProperty({ example: '2026-11' }) @Matches(MONTH, { message: 'toMonth must be yyyy-MM' }) toMonth: string;
}

/** An export names its table; day tables need from/to, the LTV table months. */
export class AnalyticsExportQuery {
  @ApiProperty({ enum: ANALYTICS_EXPORTS }) @IsIn(ANALYTICS_EXPORTS) table: AnalyticsExport;
  @ApiPropertyOptional() @IsOptional() @Matches(DAY, { message: 'from must be yyyy-MM-dd' }) from?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(DAY, { message: 'to must be yyyy-MM-dd' }) to?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(MONTH, { message: 'fromMonth must be yyyy-MM' }) fromMonth?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(MONTH, { message: 'toMonth must be yyyy-MM' }) toMonth?: string;
}
