import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsArray, IsBoolean, IsISO8601, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { IsDbInt } from '../../common/validation';

export class RechargePlanDto {
  @ApiProperty({ example: '充 500 送 50' })
  @IsString()
  @Length(1, 32)
  name: string;

  @ApiProperty({ description: 'What the member pays, fen' })
  @IsDbInt()
  @Min(1)
  @Max(100_000_000)
  payFen: number;

  @ApiProperty({ description: 'Bonus credited, fen' })
  @IsDbInt()
  @Min(0)
  @Max(100_000_000)
  bonusFen: number;

  @ApiPropertyOptional() @IsOptional() @IsDbInt() @Min(0) bonusPoints?: number;
  @ApiPropertyOptional() @IsOptional() @IsDbInt() @Min(0) bonusGrowth?: number;
  @ApiPropertyOptional({ description: 'SVIP days granted with the recharge; needs membershipPlanId' })
  @IsOptional()
  @IsDbInt()
  @Min(0)
  @Max(3660)
  membershipDays?: number;
  @ApiPropertyOptional({ description: 'The paid-membership plan whose benefits the granted days carry; null clears it', nullable: true })
  @IsOptional()
  @IsDbInt()
  @Min(1)
  membershipPlanId?: number | null;
  @ApiPropertyOptional({ type: [Number] }) @IsOptional() @IsArray() @IsDbInt({ each: true }) couponTemplateIds?: number[];
  @ApiPropertyOptional() @IsOptional() @IsDbInt() @Min(0) @Max(3) grantTierLevel?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(16) badge?: string;
  @ApiPropertyOptional() @IsOptional() @IsISO8601() startsAt?: string;
  @ApiPropertyOptional() @IsOptional() @IsISO8601() endsAt?: string;
  @ApiPropertyOptional() @IsOptional() @IsDbInt() @Min(1) perMemberLimit?: number;
  @ApiPropertyOptional() @IsOptional() @IsDbInt() sortOrder?: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() enabled?: boolean;
}

export class UpdateRechargePlanDto extends PartialType(RechargePlanDto) {}
