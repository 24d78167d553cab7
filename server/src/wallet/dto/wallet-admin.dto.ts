import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsISO8601, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { SPEND_RULES, type SpendRule } from '@mall/shared';
import { IsDbInt } from '../../common/validation';

export class WalletAdjustmentDto {
  @ApiProperty({ description: 'Signed change of principal, fen' })
  @IsDbInt()
  @Min(-100_000_000)
  @Max(100_000_000)
  deltaPrincipalFen: number;

  @ApiProperty({ description: 'Signed change of bonus, fen' })
  @IsDbInt()
  @Min(-100_000_000)
  @Max(100_000_000)
  deltaBonusFen: number;

  @ApiProperty()
  @IsString()
  @Length(2, 120)
  reason: string;
}

export class WalletSettingsDto {
  @ApiPropertyOptional({ enum: SPEND_RULES }) @IsOptional() @IsIn(SPEND_RULES) spendRule?: SpendRule;
  @ApiPropertyOptional() @IsOptional() @IsDbInt() @Min(0) pinRequiredFromFen?: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() customEnabled?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsDbInt() @Min(1) customMinFen?: number;
  @ApiPropertyOptional() @IsOptional() @IsDbInt() @Min(1) @Max(100_000_000) customMaxFen?: number;
  @ApiPropertyOptional() @IsOptional() @IsDbInt() @Min(0) @Max(5000) customBonusRateBps?: number;
}

export class LiabilityQuery {
  @ApiProperty() @IsISO8601() from: string;
  @ApiProperty() @IsISO8601() to: string;
}
