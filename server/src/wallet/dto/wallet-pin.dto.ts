import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';

const SIX_DIGITS = /^\d{6}$/;

export class SetPinDto {
  @ApiProperty({ example: '258036' })
  @Matches(SIX_DIGITS, { message: 'pin must be 6 digits' })
  pin: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(SIX_DIGITS, { message: 'oldPin must be 6 digits' })
  oldPin?: string;

  @ApiPropertyOptional({ description: 'getPhoneNumber code proving the bound phone (to reset a forgotten PIN)' })
  @IsOptional()
  @IsString()
  @Length(1, 128)
  phoneCode?: string;
}

export class VerifyPinDto {
  @ApiProperty()
  @Matches(SIX_DIGITS, { message: 'pin must be 6 digits' })
  pin: string;
}
