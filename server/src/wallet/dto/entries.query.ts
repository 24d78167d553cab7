import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, Matches, Max, Min } from 'class-validator';
import { IsDbInt } from '../../common/validation';

export class EntriesQuery {
  @ApiPropertyOptional({ description: 'From the previous page' })
  @IsOptional()
  @Matches(/^\d{1,12}$/)
  cursor?: string;

  @ApiPropertyOptional({ default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsDbInt()
  @Min(1)
  @Max(100)
  limit = 20;
}
