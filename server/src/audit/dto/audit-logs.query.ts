import { ApiPropertyOptional } from '@nestjs/swagger';
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
}
