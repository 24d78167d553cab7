import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsDateString, IsIn, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { GROUP_BUY_MAX_MINUTES, GROUP_BUY_MAX_SIZE, GROUP_BUY_MIN_MINUTES, GROUP_BUY_MIN_SIZE, type GroupBuyAudience } from '@mall/shared';
import { IsDbInt, IsPlainText } from '../../common/validation';

/** The shape is checked here; the rules (price below normal, leader discount, window) by the shared validateGroupBuyDeal. */
export class SaveGroupBuyDealDto {
  @ApiProperty() @IsString() @Length(1, 40) @IsPlainText() name: string;
  @ApiProperty() @IsDbInt() @Min(1) skuId: number;
  @ApiProperty({ description: 'Group price, fen' }) @IsDbInt() @Min(1) groupPriceFen: number;
  @ApiProperty({ description: 'Leader discount off the group price, fen' }) @IsDbInt() @Min(0) leaderDiscountFen: number;
  @ApiProperty() @IsDbInt() @Min(GROUP_BUY_MIN_SIZE) @Max(GROUP_BUY_MAX_SIZE) groupSize: number;
  @ApiProperty() @IsDbInt() @Min(GROUP_BUY_MIN_MINUTES) @Max(GROUP_BUY_MAX_MINUTES) timeLimitMinutes: number;
  @ApiProperty({ enum: ['everyone', 'new_member'] }) @IsIn(['everyone', 'new_member']) audience: GroupBuyAudience;
  @ApiProperty() @IsBoolean() allowRejoin: boolean;
  @ApiPropertyOptional({ default: false, description: '虚拟成团: complete a group not full at its time limit with virtual members' })
  @IsOptional()
  @IsBoolean()
  fillWithVirtual?: boolean;
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() enabled?: boolean;
  @ApiProperty() @IsDateString() startsAt: string;
  @ApiProperty() @IsDateString() endsAt: string;
}

/** How the member pays for a slot: the order's checkout choices (the line is the deal's SKU, one unit). */
export class GroupBuyCheckoutDto {
  @ApiProperty({ enum: ['delivery', 'pickup'] }) @IsIn(['delivery', 'pickup']) fulfilment: 'delivery' | 'pickup';
  @ApiPropertyOptional() @IsOptional() @IsDbInt() @Min(1) addressId?: number;
  @ApiPropertyOptional() @IsOptional() @IsDbInt() @Min(1) storeId?: number;
  @ApiPropertyOptional({ type: [Number] }) @IsOptional() @IsArray() @ArrayMaxSize(5) @IsDbInt({ each: true }) couponIds?: number[];
  @ApiPropertyOptional() @IsOptional() @IsDbInt() @Min(0) pointsToUse?: number;
  @ApiPropertyOptional({ description: 'Stored value to use, fen' }) @IsOptional() @IsDbInt() @Min(0) balanceToUse?: number;
  @ApiPropertyOptional() @IsOptional() @Matches(/^\d{6}$/) pin?: string;
}
