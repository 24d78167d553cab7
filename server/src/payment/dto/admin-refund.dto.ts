import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Min } from 'class-validator';
import { IsDbInt } from '../../common/validation';

export class AdminRefundDto {
  @ApiProperty({ description: 'Amount in fen' })
  @IsDbInt()
  @Min(1)
  amountFen: number;

  @ApiProperty()
  @IsString()
  @Length(1, 80)
  reason: string;
}
