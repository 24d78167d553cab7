import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsISO8601, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsDbInt } from '../../common/validation';

export class PurchaseMembershipDto {
  @ApiProperty() @IsDbInt() @Min(1) planId: number;
  @ApiProperty({ enum: ['wechat', 'balance'] }) @IsIn(['wechat', 'balance']) payWith: 'wechat' | 'balance';
  @ApiPropertyOptional() @IsOptional() @Matches(/^\d{6}$/) pin?: string;
}

export class MembershipPlanDto {
  @ApiProperty() @IsString() @Length(1, 32) name: string;
  @ApiProperty({ enum: ['month', 'quarter', 'year', 'days'] }) @IsIn(['month', 'quarter', 'year', 'days']) periodUnit: 'month' | 'quarter' | 'year' | 'days';
  @ApiPropertyOptional() @IsOptional() @IsDbInt() @Min(1) @Max(3660) periodDays?: number;
  @ApiProperty() @IsDbInt() @Min(1) priceFen: number;
  @ApiPropertyOptional() @IsOptional() @IsDbInt() @Min(1) strikePriceFen?: number;
  @ApiPropertyOptional() @IsOptional() @IsDbInt() @Min(1) firstPurchasePriceFen?: number;
  @ApiPropertyOptional() @IsOptional() @IsDbInt() @Min(0) @Max(365) refundDays?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) tagline?: string;
  @ApiPropertyOptional() @IsOptional() @IsDbInt() sortOrder?: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() enabled?: boolean;
}

export class UpdateMembershipPlanDto extends PartialType(MembershipPlanDto) {}

export class MetricsQuery {
  @ApiProperty() @IsISO8601() from: string;
  @ApiProperty() @IsISO8601() to: string;
}
