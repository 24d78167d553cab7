import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsISO8601, IsObject, IsOptional, IsString, Length, MaxLength, Min } from 'class-validator';
import { IsDbInt } from '../../common/validation';

export class CreateBenefitDto {
  @ApiProperty() @IsString() @Length(1, 32) name: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) description?: string;
  @ApiProperty({ description: 'BenefitSpec, e.g. {"type":"member_discount","priceBps":9000}' }) @IsObject() spec: Record<string, unknown>;
}

export class ReviseBenefitDto {
  @ApiProperty() @IsObject() spec: Record<string, unknown>;
  @ApiPropertyOptional({ description: 'Default: now' }) @IsOptional() @IsISO8601() effectiveFrom?: string;
}

export class ToggleBenefitDto {
  @ApiProperty() @IsBoolean() enabled: boolean;
}

export class AttachmentDto {
  @ApiProperty({ enum: ['tier', 'plan', 'campaign'] }) @IsIn(['tier', 'plan', 'campaign']) sourceType: 'tier' | 'plan' | 'campaign';
  @ApiProperty() @IsDbInt() @Min(1) sourceId: number;
  @ApiProperty() @IsDbInt() @Min(1) benefitId: number;
}
