import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, Length, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { IsDbInt } from '../../common/validation';

export class SkuDto {
  @ApiProperty() @IsString() @Length(1, 64) specs: string;
  @ApiProperty() @IsDbInt() @Min(1) @Max(100_000_000) priceFen: number;
  @ApiPropertyOptional() @IsOptional() @IsDbInt() @Min(1) memberPriceFen?: number;
  @ApiProperty() @IsDbInt() @Min(0) stock: number;
}

export class CreateProductDto {
  @ApiProperty() @IsString() @Length(1, 128) name: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) subtitle?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(512) imageUrl?: string;
  /** An image ops uploaded with purpose `product` (POST /api/admin/uploads); wins over imageUrl. */
  @ApiPropertyOptional() @IsOptional() @IsDbInt() @Min(1) imageUploadId?: number;
  @ApiPropertyOptional() @IsOptional() @IsDbInt() @Min(1) categoryId?: number;
  @ApiPropertyOptional() @IsOptional() @IsDbInt() @Min(0) @Max(9) minTierLevel?: number;
  /** The product page's text (plain text, paragraphs separated by blank lines). */
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) detail?: string;
  /** draft (default): saved, not yet visible to members; on_shelf: on sale at once. */
  @ApiPropertyOptional({ enum: ['draft', 'on_shelf'], default: 'draft' }) @IsOptional() @IsIn(['draft', 'on_shelf']) status?: 'draft' | 'on_shelf';
  @ApiProperty({ type: [SkuDto] }) @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => SkuDto) skus: SkuDto[];
}

export class UpdateProductDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 128) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) subtitle?: string;
  @ApiPropertyOptional() @IsOptional() @IsDbInt() @Min(1) imageUploadId?: number;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsDbInt() @Min(1) categoryId?: number | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) detail?: string;
  /** Moves along PRODUCT_STATES (draft → on_shelf ⇄ off_shelf); any other move is a 409. */
  @ApiPropertyOptional({ enum: ['on_shelf', 'off_shelf'] }) @IsOptional() @IsIn(['on_shelf', 'off_shelf']) status?: 'on_shelf' | 'off_shelf';
  @ApiPropertyOptional() @IsOptional() @IsDbInt() sortOrder?: number;
  @ApiPropertyOptional() @IsOptional() @IsDbInt() @Min(0) @Max(9) minTierLevel?: number;
}

export class UpdateSkuDto {
  @ApiPropertyOptional() @IsOptional() @IsDbInt() @Min(1) priceFen?: number;
  @ApiPropertyOptional() @IsOptional() @IsDbInt() @Min(1) memberPriceFen?: number;
  @ApiPropertyOptional() @IsOptional() @IsDbInt() @Min(0) stock?: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() enabled?: boolean;
}
