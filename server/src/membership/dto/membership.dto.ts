import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsISO8601, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsDbInt, IsPlainText } from '../../common/validation';
import { Type } from 'class-transformer';
import { PageQuery } from '../../common/dto/page.query';
import { MEMBERSHIP_REFUND_POLICIES, type MembershipPurchaseStatus, type MembershipRefundPolicy } from '@mall/shared';

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
  @ApiPropertyOptional({ enum: MEMBERSHIP_REFUND_POLICIES }) @IsOptional() @IsIn(MEMBERSHIP_REFUND_POLICIES) refundPolicy?: MembershipRefundPolicy;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) tagline?: string;
  @ApiPropertyOptional() @IsOptional() @IsDbInt() sortOrder?: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() enabled?: boolean;
}

export class UpdateMembershipPlanDto extends PartialType(MembershipPlanDto) {}

export class MetricsQuery {
  @ApiProperty() @IsISO8601() from: string;
  @ApiProperty() @IsISO8601() to: string;
}

export class RefundMembershipDto {
  /** The amount the app previewed from the refund quote. */
  @ApiProperty() @IsDbInt() @Min(0) expectedAmountFen: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @IsPlainText() @MaxLength(64) reason?: string;
}

export class AdminRefundMembershipDto {
  @ApiPropertyOptional({ description: 'defaults to the full price paid' }) @IsOptional() @IsDbInt() @Min(1) amountFen?: number;
  @ApiProperty() @IsString() @IsPlainText() @Length(1, 64) reason: string;
}

export class AdminPurchasesQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsDbInt() @Min(1) memberId?: number;
  @ApiPropertyOptional({ enum: ['pending', 'paid', 'closed', 'refunded'] })
  @IsOptional()
  @IsIn(['pending', 'paid', 'closed', 'refunded'])
  status?: MembershipPurchaseStatus;
}
