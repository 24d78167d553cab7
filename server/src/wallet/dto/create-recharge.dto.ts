import { ApiPropertyOptional } from '@nestjs/swagger';
import { Max, Min, ValidateIf } from 'class-validator';
import { IsDbInt } from '../../common/validation';

/** Either a plan or a custom amount in fen (when custom amounts are enabled). */
export class CreateRechargeDto {
  @ApiPropertyOptional()
  @ValidateIf((o: CreateRechargeDto) => o.amount === undefined)
  @IsDbInt({ message: 'planId or amount is required' })
  @Min(1)
  planId?: number;

  @ApiPropertyOptional({ description: 'Custom amount in fen' })
  @ValidateIf((o: CreateRechargeDto) => o.planId === undefined)
  @IsDbInt({ message: 'planId or amount is required' })
  @Min(1)
  @Max(100_000_000)
  amount?: number;
}
