import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Length, Min } from 'class-validator';

export class AdminRefundDto {
  @ApiProperty({ description: 'Amount in fen' })
  @IsInt()
  @Min(1)
  amountFen: number;

  @ApiProperty()
  @IsString()
  @Length(1, 80)
  reason: string;
}
