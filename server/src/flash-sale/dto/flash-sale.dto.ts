import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  registerDecorator,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { FLASH_SALE_AUDIENCE_LABELS, SUBSCRIBE_RESULTS, type FlashSaleAudience, type SubscribeResult } from '@mall/shared';
import { IsDbInt, IsPlainText } from '../../common/validation';

const AUDIENCE_KINDS = Object.keys(FLASH_SALE_AUDIENCE_LABELS) as FlashSaleAudience['kind'][];

export class FlashSaleAudienceDto {
  @ApiProperty({ enum: AUDIENCE_KINDS }) @IsIn(AUDIENCE_KINDS) kind: FlashSaleAudience['kind'];
  @ApiPropertyOptional({ description: 'tier_at_least: the lowest tier level' })
  @ValidateIf((o: FlashSaleAudienceDto) => o.kind === 'tier_at_least')
  @IsDbInt()
  @Min(0)
  @Max(99)
  level?: number;
  @ApiPropertyOptional({ description: 'segment: the segment id' })
  @ValidateIf((o: FlashSaleAudienceDto) => o.kind === 'segment')
  @IsDbInt()
  @Min(1)
  segmentId?: number;
  @ApiPropertyOptional({ description: 'community_group: the community group whose joined members may buy' })
  @ValidateIf((o: FlashSaleAudienceDto) => o.kind === 'community_group')
  @IsDbInt()
  @Min(1)
  groupId?: number;
}

/** The shape is checked here; the rules (end after start, price below normal, stock ≥ 1) by the shared validateFlashSaleEvent. */
export class SaveFlashSaleDto {
  @ApiProperty() @IsString() @Length(1, 40) @IsPlainText() name: string;
  @ApiProperty() @IsDbInt() @Min(1) skuId: number;
  @ApiProperty() @IsDbInt() @Min(1) dealPriceFen: number;
  @ApiProperty() @IsDbInt() @Min(1) @Max(1_000_000) stockTotal: number;
  @ApiProperty() @IsDbInt() @Min(1) @Max(99) perMemberLimit: number;
  @ApiProperty() @IsISO8601({ strict: true }) startAt: string;
  @ApiProperty() @IsISO8601({ strict: true }) endAt: string;
  @ApiProperty({ description: 'Unpaid reservations are released after this many minutes' }) @IsDbInt() @Min(1) @Max(120) holdMinutes: number;
  @ApiProperty({ type: FlashSaleAudienceDto })
  @IsObject()
  @ValidateNested()
  @Type(() => FlashSaleAudienceDto)
  audience: FlashSaleAudienceDto;
  @ApiProperty() @IsBoolean() enabled: boolean;
}

export class FlashSaleBuyDto {
  @ApiProperty() @IsDbInt() @Min(1) @Max(99) quantity: number;
  @ApiProperty({ enum: ['delivery', 'pickup'] }) @IsIn(['delivery', 'pickup']) fulfilment: 'delivery' | 'pickup';
  @ApiPropertyOptional() @IsOptional() @IsDbInt() @Min(1) addressId?: number;
  @ApiPropertyOptional() @IsOptional() @IsDbInt() @Min(1) storeId?: number;
  @ApiPropertyOptional({ type: [Number] }) @IsOptional() @IsArray() @ArrayMaxSize(5) @IsDbInt({ each: true }) couponIds?: number[];
  @ApiPropertyOptional() @IsOptional() @IsDbInt() @Min(0) pointsToUse?: number;
  @ApiPropertyOptional() @IsOptional() @IsDbInt() @Min(0) balanceToUse?: number;
  @ApiPropertyOptional() @IsOptional() @Matches(/^\d{6}$/) pin?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(120) @IsPlainText() remark?: string;
}

const TEMPLATE_ID = /^[A-Za-z0-9_-]{8,64}$/;

/** { <templateId>: 'accept' | 'reject' | 'ban' | 'filter' }, at most 10 entries. */
function IsSubscribeResults(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isSubscribeResults',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must map template ids to accept, reject, ban or filter' },
      validator: {
        validate(value: unknown) {
          if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
          const entries = Object.entries(value as Record<string, unknown>);
          return entries.length <= 10 && entries.every(([id, result]) => TEMPLATE_ID.test(id) && (SUBSCRIBE_RESULTS as readonly unknown[]).includes(result));
        },
      },
    });
}

export class FlashSaleRemindDto {
  @ApiPropertyOptional({ description: 'What wx.requestSubscribeMessage answered: template id → accept | reject | ban | filter' })
  @IsOptional()
  @IsObject()
  @IsSubscribeResults()
  subscribeResults?: Record<string, SubscribeResult>;
}
