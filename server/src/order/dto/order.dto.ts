import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  AFTER_SALE_KINDS,
  AFTER_SALE_MAX_PHOTOS,
  AFTER_SALE_REASON_CODES,
  AFTER_SALE_STATES,
  CARRIER_CODES,
  ORDER_STATES,
  statesOf,
  type AfterSaleKind,
  type AfterSaleStatus,
  type OrderStatus,
} from '@mall/shared';
import { PageQuery } from '../../common/dto/page.query';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsDbInt, IsPlainText } from '../../common/validation';

export class OrderLineDto {
  @ApiProperty() @IsDbInt() @Min(1) skuId: number;
  @ApiProperty() @IsDbInt() @Min(1) @Max(99) quantity: number;
}

export class CheckoutDto {
  @ApiProperty({ type: [OrderLineDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => OrderLineDto)
  lines: OrderLineDto[];

  @ApiPropertyOptional({ type: [Number] }) @IsOptional() @IsArray() @ArrayMaxSize(5) @IsDbInt({ each: true }) couponIds?: number[];
  @ApiPropertyOptional() @IsOptional() @IsDbInt() @Min(0) pointsToUse?: number;
  @ApiPropertyOptional({ description: 'Stored value to use, fen' }) @IsOptional() @IsDbInt() @Min(0) balanceToUse?: number;
  @ApiProperty({ enum: ['delivery', 'pickup'] }) @IsIn(['delivery', 'pickup']) fulfilment: 'delivery' | 'pickup';
}

export class CreateOrderDto extends CheckoutDto {
  @ApiPropertyOptional() @IsOptional() @IsDbInt() @Min(1) addressId?: number;
  @ApiPropertyOptional() @IsOptional() @IsDbInt() @Min(1) storeId?: number;
  @ApiPropertyOptional({ description: 'The payable amount the member saw; a stale preview is refused' })
  @IsOptional()
  @IsDbInt()
  @Min(0)
  expectedPayableFen?: number;
  @ApiPropertyOptional() @IsOptional() @Matches(/^\d{6}$/) pin?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(120) @IsPlainText() remark?: string;
}

export class AfterSaleLineDto {
  @ApiProperty() @IsDbInt() @Min(1) lineId: number;
  @ApiProperty() @IsDbInt() @Min(1) quantity: number;
}

export class AfterSaleDto {
  @ApiPropertyOptional({ enum: AFTER_SALE_KINDS, default: 'refund_only' }) @IsOptional() @IsIn(AFTER_SALE_KINDS) kind?: AfterSaleKind;

  @ApiProperty({ type: [AfterSaleLineDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => AfterSaleLineDto)
  lines: AfterSaleLineDto[];

  @ApiPropertyOptional({ enum: AFTER_SALE_REASON_CODES }) @IsOptional() @IsIn(AFTER_SALE_REASON_CODES) reasonCode?: string;
  @ApiPropertyOptional({ description: 'Free text; required without reasonCode or with `other`' })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  @IsPlainText()
  reason?: string;
  @ApiPropertyOptional({ type: [Number], description: `Upload ids (purpose after_sale), at most ${AFTER_SALE_MAX_PHOTOS}` })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(AFTER_SALE_MAX_PHOTOS)
  @IsDbInt({ each: true })
  @Min(1, { each: true })
  photoIds?: number[];
}

/** A carrier from the shared list and its tracking number (its shape is checked against the carrier). */
export class ParcelDto {
  @ApiProperty({ enum: CARRIER_CODES }) @IsIn(CARRIER_CODES) carrierCode: string;
  @ApiProperty() @IsString() @Length(1, 40) @IsPlainText() trackingNo: string;
}

export class ShipmentLineDto {
  @ApiProperty() @IsDbInt() @Min(1) orderLineId: number;
  @ApiProperty() @IsDbInt() @Min(1) @Max(9999) quantity: number;
}

export class CreateShipmentDto extends ParcelDto {
  @ApiProperty({ type: [ShipmentLineDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ShipmentLineDto)
  lines: ShipmentLineDto[];
}

export class AddressDto {
  @ApiProperty() @IsString() @Length(1, 32) @IsPlainText() name: string;
  @ApiProperty() @Matches(/^1\d{10}$/) phone: string;
  @ApiProperty() @IsString() @Length(1, 64) @IsPlainText() region: string;
  @ApiProperty() @IsString() @Length(1, 128) @IsPlainText() detail: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() isDefault?: boolean;
}

export class ReviewDto {
  @ApiProperty() @IsString() @Length(1, 120) @IsPlainText() note: string;
}

export class ApproveAfterSaleDto extends ReviewDto {
  @ApiPropertyOptional({ description: 'Return and exchange: where the member sends the goods (default AFTER_SALE_RETURN_ADDRESS)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @IsPlainText()
  returnAddress?: string;
}

export class OrderListQuery {
  @ApiPropertyOptional({ enum: statesOf(ORDER_STATES) }) @IsOptional() @IsIn(statesOf(ORDER_STATES)) status?: OrderStatus;
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' }) @IsOptional() @Matches(/^\d{1,10}$/) cursor?: string;
  @ApiPropertyOptional({ default: 20 }) @IsOptional() @Type(() => Number) @IsDbInt() @Min(1) @Max(50) limit = 20;
}

export class AdminOrderListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: statesOf(ORDER_STATES) }) @IsOptional() @IsIn(statesOf(ORDER_STATES)) status?: OrderStatus;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsDbInt() @Min(1) memberId?: number;
}

export class AfterSaleListQuery {
  @ApiPropertyOptional({ enum: statesOf(AFTER_SALE_STATES) }) @IsOptional() @IsIn(statesOf(AFTER_SALE_STATES)) status?: AfterSaleStatus;
}

export class MyAfterSaleQuery {
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsDbInt() @Min(1) orderId?: number;
}
