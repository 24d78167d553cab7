import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, MaxLength } from 'class-validator';

export class RequestWithdrawalDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(120)
  reason?: string;
}

export class ReviewWithdrawalDto {
  @ApiProperty()
  @IsString()
  @Length(1, 120)
  note: string;
}
