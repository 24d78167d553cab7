import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, Matches, Min } from 'class-validator';
import { ANALYTICS_EXPORTS, type AnalyticsExport } from '@mall/shared';
import { IsDbInt } from '../../common/validation';

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A Beijing day range, both ends included (yyyy-MM-dd). */
export class AnalyticsRangeQuery {
  @ApiProperty({ example: '2026-11-01' }) @Matches(DAY, { message: 'from must be yyyy-MM-dd' }) from: string;
  @ApiProperty({ example: '2026-11-30' }) @Matches(DAY, { message: 'to must be yyyy-MM-dd' }) to: string;
}

/** Dashboards with a store dimension: brand roles may pick one store; a store manager always gets their own. */
export class StoreQuery {
  @ApiPropertyOptional({ description: '门店 ID（店长只能是本店）' }) @IsOptional() @Type(() => Number) @IsDbInt() @Min(1) storeId?: number;
}

export class ScopedRangeQuery extends AnalyticsRangeQuery {
  @ApiPropertyOptional({ description: '门店 ID（店长只能是本店）' }) @IsOptional() @Type(() => Number) @IsDbInt() @Min(1) storeId?: number;
}

export class SalesByQuery extends ScopedRangeQuery {
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
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsDbInt() @Min(1) storeId?: number;
}
