import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsArray, IsBoolean, IsIn, IsISO8601, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { IsDbInt } from '../../common/validation';

export class CouponTemplateDto {
  @ApiProperty() @IsString() @Length(1, 32) name: string;
  @ApiProperty({ enum: ['fixed', 'percent'] }) @IsIn(['fixed', 'percent']) kind: 'fixed' | 'percent';
  @ApiPropertyOptional() @IsOptional() @IsDbInt() @Min(0) amountFen?: number;
  @ApiPropertyOptional({ description: '8500 = 85折' }) @IsOptional() @IsDbInt() @Min(1000) @Max(9999) percentBps?: number;
  @ApiPropertyOptional() @IsOptional() @IsDbInt() @Min(0) capFen?: number;
  @ApiPropertyOptional() @IsOptional() @IsDbInt() @Min(0) thresholdFen?: number;
  @ApiPropertyOptional({ type: [Number] }) @IsOptional() @IsArray() @IsDbInt({ each: true }) productIds?: number[];
  @ApiPropertyOptional({ type: [Number] }) @IsOptional() @IsArray() @IsDbInt({ each: true }) categoryIds?: number[];
  @ApiPropertyOptional() @IsOptional() @IsBoolean() stackable?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsISO8601() validFrom?: string;
  @ApiPropertyOptional() @IsOptional() @IsISO8601() validUntil?: string;
  @ApiPropertyOptional() @IsOptional() @IsDbInt() @Min(1) @Max(3650) validDays?: number;
  @ApiPropertyOptional() @IsOptional() @IsDbInt() @Min(1) perMemberLimit?: number;
  @ApiPropertyOptional() @IsOptional() @IsDbInt() @Min(1) totalQuantity?: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() claimable?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() enabled?: boolean;
}

export class UpdateCouponTemplateDto extends PartialType(CouponTemplateDto) {}

export class ClaimCouponDto {
  @ApiProperty() @IsDbInt() @Min(1) templateId: number;
}
