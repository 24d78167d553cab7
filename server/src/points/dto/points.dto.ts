import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, Length, Matches, Max, MaxLength, Min, NotEquals } from 'class-validator';
import { IsDbInt, MONTH_PATTERN } from '../../common/validation';

export class PointsAdjustmentDto {
  @ApiProperty({ description: 'Signed points' }) @IsDbInt() @NotEquals(0) @Min(-10_000_000) @Max(10_000_000) points: number;
  @ApiProperty() @IsString() @Length(2, 120) reason: string;
}

export class MallItemDto {
  @ApiProperty() @IsString() @Length(1, 64) name: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) description?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(512) imageUrl?: string;
  @ApiProperty() @IsDbInt() @Min(1) pricePoints: number;
  @ApiPropertyOptional({ description: 'Cash part of a points + cash item, in fen' }) @IsOptional() @IsDbInt() @Min(0) @Max(10_000_000) cashFen?: number;
  @ApiProperty() @IsDbInt() @Min(0) stock: number;
  @ApiPropertyOptional() @IsOptional() @IsDbInt() @Min(1) perMemberLimit?: number;
  @ApiPropertyOptional({ description: 'Coupon item: the coupon template it issues' }) @IsOptional() @IsDbInt() @Min(1) couponTemplateId?: number;
  @ApiPropertyOptional() @IsOptional() @IsDbInt() sortOrder?: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() enabled?: boolean;
}

export class UpdateMallItemDto extends PartialType(MallItemDto) {}

export class PointsSettingsDto {
  @ApiPropertyOptional() @IsOptional() @IsDbInt() @Min(0) @Max(100) basePerYuan?: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() spendEarnEnabled?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsIn(['rolling', 'annual']) expiryKind?: 'rolling' | 'annual';
  @ApiPropertyOptional() @IsOptional() @IsDbInt() @Min(1) @Max(60) expiryMonths?: number;
  @ApiPropertyOptional() @IsOptional() @IsDbInt() @Min(1) @Max(12) annualClearMonth?: number;
  @ApiPropertyOptional() @IsOptional() @IsDbInt() @Min(1) @Max(31) annualClearDay?: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() signInEnabled?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsDbInt() @Min(0) @Max(10000) signInPoints?: number;
  @ApiPropertyOptional() @IsOptional() @IsDbInt() @Min(0) @Max(10000) signInStreakBonus?: number;
  @ApiPropertyOptional() @IsOptional() @IsDbInt() @Min(0) firstOrderPoints?: number;
  @ApiPropertyOptional() @IsOptional() @IsDbInt() @Min(0) profilePoints?: number;
  @ApiPropertyOptional() @IsOptional() @IsDbInt() @Min(0) @Max(100000) referralPoints?: number;
  @ApiPropertyOptional() @IsOptional() @IsDbInt() @Min(0) dailyCap?: number;
  @ApiPropertyOptional() @IsOptional() @IsDbInt() @Min(0) monthlyCap?: number;
  @ApiPropertyOptional() @IsOptional() @IsDbInt() @Min(1) @Max(10000) deductPointsPerYuan?: number;
  @ApiPropertyOptional() @IsOptional() @IsDbInt() @Min(0) @Max(10000) deductMaxShareBps?: number;
  @ApiPropertyOptional() @IsOptional() @IsDbInt() @Min(1) @Max(60) remindDaysBefore?: number;
}

export class MonthQuery {
  @ApiProperty({ example: '2026-11' }) @Matches(MONTH_PATTERN, { message: 'month 须为 yyyy-MM' }) month: string;
}
