import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsDbInt } from '../../common/validation';

export class TierDto {
  @ApiProperty() @IsDbInt() @Min(0) @Max(9) level: number;
  @ApiProperty() @IsString() @Length(1, 32) name: string;
  @ApiProperty() @IsDbInt() @Min(0) growthThreshold: number;
  @ApiPropertyOptional() @IsOptional() @Matches(/^#[0-9A-Fa-f]{6}$/) color?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) description?: string;
}

export class UpdateTierDto extends PartialType(TierDto) {}

export class TierSettingsDto {
  @ApiPropertyOptional() @IsOptional() @IsDbInt() @Min(0) @Max(100) growthPerYuan?: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() growthFromRecharge?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsDbInt() @Min(1) @Max(60) keepMonths?: number;
  @ApiPropertyOptional() @IsOptional() @IsDbInt() @Min(1) @Max(60) trailingMonths?: number;
}
