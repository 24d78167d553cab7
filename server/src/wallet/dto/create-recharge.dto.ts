import { ApiPropertyOptional } from '@nestjs/swagger';
import { Max, Min, ValidateIf } from 'class-validator';
import { IsDbInt, NotWith } from '../../common/validation';

/**
 * Either a plan or a custom amount in fen (when custom amounts are enabled), never both. Each is
 * validated whenever it is present: validating each only when the other was absent let a body
 * with both, both garbage, through unvalidated (MariaDB then read planId "1; DROP …" as plan 1).
 */
export class CreateRechargeDto {
  @ApiPropertyOptional()
  @ValidateIf((o: CreateRechargeDto) => o.planId !== undefined || o.amount === undefined)
  @IsDbInt({ message: 'planId or amount is required' })
  @Min(1)
  planId?: number;

  @ApiPropertyOptional({ description: 'Custom amount in fen' })
  @ValidateIf((o: CreateRechargeDto) => o.amount !== undefined || o.planId === undefined)
  @NotWith('planId')
  @IsDbInt({ message: 'planId or amount is required' })
  @Min(1)
  @Max(100_000_000)
  amount?: number;
}
