import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsISO8601, IsOptional, Min } from 'class-validator';
import { PAYMENT_PURPOSES, PAYMENT_STATES, REFUND_STATES, statesOf, type PaymentPurpose, type PaymentStatus, type RefundStatus } from '@mall/shared';
import { PageQuery } from '../../common/dto/page.query';
import { IsDbInt } from '../../common/validation';

export class ListPaymentsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: statesOf(PAYMENT_STATES) })
  @IsOptional()
  @IsIn(statesOf(PAYMENT_STATES))
  status?: PaymentStatus;

  @ApiPropertyOptional({ enum: PAYMENT_PURPOSES })
  @IsOptional()
  @IsIn(PAYMENT_PURPOSES)
  purpose?: PaymentPurpose;

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsDbInt()
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

export class ListRefundsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: statesOf(REFUND_STATES) })
  @IsOptional()
  @IsIn(statesOf(REFUND_STATES))
  status?: RefundStatus;
}
