import { Type } from 'class-transformer';
import { IsDateString, IsIn, IsInt, IsNumber, IsObject, IsOptional, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { COMMUNITY_GROUP_TYPES, type CommunityGroupType, type SegmentGroup } from '@mall/shared';

export class SaveCommunityGroupDto {
  @IsIn(COMMUNITY_GROUP_TYPES) type: CommunityGroupType;
  @IsString() @MaxLength(30) name: string;
  @IsOptional() @IsString() @MaxLength(200) description?: string;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsInt() @Min(1) coverUploadId?: number | null;
  /** A segment definition (validated by the segment rules), or null for an open group. */
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsObject() criteria?: SegmentGroup | null;
  @IsInt() @Min(1) @Max(100_000) capacity: number;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsDateString() endsAt?: string | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsInt() @Min(1) nextGroupId?: number | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsInt() @Min(1) perkCouponTemplateId?: number | null;
  @IsOptional() @IsString() @MaxLength(200) welcomeText?: string;
}

export class GroupEnabledDto {
  @IsIn([true, false]) enabled: boolean;
}

export class CriteriaCountDto {
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsObject() criteria?: SegmentGroup | null;
}

export class AddImageCodeDto {
  @IsInt() @Min(1) uploadId: number;
  /** Days until the WeChat group QR expires (WeChat: 7). */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(7) expiresInDays?: number;
  @IsOptional() @IsInt() @Min(1) @Max(500) capacity?: number;
  @IsOptional() @IsString() @MaxLength(40) label?: string;
}

export class AddWecomCodeDto {
  @IsOptional() @IsString() @MaxLength(40) label?: string;
  /** Groups per room before WeCom opens a new one (auto_create_room). */
  @IsOptional() @IsInt() @Min(1) @Max(100_000) capacity?: number;
}

export class ConfirmJoinDto {
  @IsInt() @Min(1) memberId: number;
}

export class FunnelQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) groupId?: number;
}

/** Where the member is (Taro.getLocation, with consent); both or neither. */
export class StoreCodeDto {
  @ValidateIf((o: StoreCodeDto) => o.longitude !== undefined) @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(-90) @Max(90) latitude?: number;
  @ValidateIf((o: StoreCodeDto) => o.latitude !== undefined) @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(-180) @Max(180) longitude?: number;
}
