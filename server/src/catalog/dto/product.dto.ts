import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
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
  @ApiPropertyOptional() @IsOptional() @IsDbInt() @Min(1) categoryId?: number;
  @ApiPropertyOptional() @IsOptional() @IsDbInt() @Min(0) @Max(9) minTierLevel?: number;
  @ApiProperty({ type: [SkuDto] }) @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => SkuDto) skus: SkuDto[];
}

export class UpdateProductDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 128) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) subtitle?: string;
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
