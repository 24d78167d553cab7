import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsObject, IsOptional, IsString, Length, Max, Min, ValidateIf } from 'class-validator';
import { KOC_REWARD_KINDS, MAX_COMMISSION_BPS, type KocRewardKind, type SegmentGroup } from '@mall/shared';
import { IsDbInt, IsPlainText } from '../../common/validation';

/** The shape is checked here; the criteria by the segments' own validator, the coupon templates by the coupon service. */
export class SaveKocProgrammeDto {
  @ApiProperty() @IsString() @Length(1, 40) @IsPlainText() name: string;
  @ApiProperty() @IsBoolean() enabled: boolean;
  @ApiPropertyOptional({ nullable: true, description: 'a segment definition; null: KOCs by hand only' })
  @ValidateIf((_, v) => v !== null)
  @IsObject()
  criteria: SegmentGroup | null;
  @ApiProperty({ enum: KOC_REWARD_KINDS }) @IsIn(KOC_REWARD_KINDS) rewardKind: KocRewardKind;
  @ApiProperty() @IsDbInt() @Min(0) @Max(100_000) rewardPoints: number;
  @ApiPropertyOptional({ nullable: true }) @ValidateIf((_, v) => v !== null) @IsDbInt() @Min(1) rewardCouponTemplateId: number | null;
  @ApiProperty() @IsDbInt() @Min(0) @Max(MAX_COMMISSION_BPS) commissionBps: number;
  @ApiProperty() @IsDbInt() @Min(1) @Max(365) commissionDays: number;
  @ApiProperty() @IsDbInt() @Min(0) @Max(60) refundWindowDays: number;
  @ApiPropertyOptional({ nullable: true }) @ValidateIf((_, v) => v !== null) @IsDbInt() @Min(1) welcomeCouponTemplateId: number | null;
}

export class DesignateKocDto {
  @ApiProperty() @IsDbInt() @Min(1) programmeId: number;
  @ApiProperty({ type: [Number] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(200) @IsDbInt({ each: true }) @Min(1, { each: true }) memberIds: number[];
}

export class KocEnabledDto {
  @ApiProperty() @IsBoolean() enabled: boolean;
}

export class KocRewardsQuery {
  @ApiPropertyOptional() @IsOptional() @IsIn(['pending', 'credited', 'cancelled']) status?: 'pending' | 'credited' | 'cancelled';
}
