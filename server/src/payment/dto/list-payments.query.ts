import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, Min } from 'class-validator';
import { PAYMENT_PURPOSES, type PaymentPurpose, type PaymentStatus } from '@mall/shared';
import { PageQuery } from '../../member/dto/list-members.query';

export class ListPaymentsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['created', 'paid', 'closed'] })
  @IsOptional()
  @IsIn(['created', 'paid', 'closed'])
  status?: PaymentStatus;

  @ApiPropertyOptional({ enum: PAYMENT_PURPOSES })
  @IsOptional()
  @IsIn(PAYMENT_PURPOSES)
  purpose?: PaymentPurpose;

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  memberId?: number;

  @ApiPropertyOptional({ description: 'ISO date-time, inclusive' })
  @IsOptional()
  @IsISO8601()
  from?: string;

  @ApiPropertyOptional({ description: 'ISO date-time, exclusive' })
  @IsOptional()
  @IsISO8601()
  to?: string;
}
