import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsISO8601, IsNumber, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { IsDbInt } from '../../common/validation';

export class LinkStaffDto {
  @ApiProperty({ description: 'One-time invitation code from the admin' })
  @IsString()
  @Matches(/^[A-Z2-9]{8}$/, { message: 'inviteCode must be 8 letters/digits' })
  inviteCode: string;
  @ApiProperty({ description: 'Code from wx.login()' }) @IsString() @Length(1, 128) code: string;
}

export class StaffWechatLoginDto {
  @ApiProperty({ description: 'Code from wx.login()' }) @IsString() @Length(1, 128) code: string;
}

export class ScanBindDto {
  @ApiProperty({ description: "The member's dynamic QR token (mq1.…)" }) @IsString() @Length(10, 512) qrToken: string;
}

export class WriteOffDto {
  @ApiProperty({ description: 'A pickup code (8 digits), a gift code (G + 8 digits) or a coupon code (mq1.…)' }) @IsString() @Length(4, 512) code: string;
}

export class TransferDto {
  @ApiProperty() @IsDbInt() @Min(1) fromStaffId: number;
  @ApiProperty() @IsDbInt() @Min(1) toStaffId: number;
  @ApiPropertyOptional({ description: 'Only this member (在职转移); all of fromStaff’s members when absent (离职继承)' })
  @IsOptional()
  @IsDbInt()
  @Min(1)
  memberId?: number;
}

export class PeriodQuery {
  @ApiPropertyOptional() @IsOptional() @IsISO8601() from?: string;
  @ApiPropertyOptional() @IsOptional() @IsISO8601() to?: string;
}

export class StaffMembersQuery {
  @ApiPropertyOptional({ description: 'A manager may filter by one of the store’s staff' })
  @IsOptional()
  @Type(() => Number)
  @IsDbInt()
  @Min(1)
  staffId?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' }) @IsOptional() @Matches(/^\d{1,9}$/) cursor?: string;
  @ApiPropertyOptional({ default: 20 }) @IsOptional() @Type(() => Number) @IsDbInt() @Min(1) @Max(100) limit = 20;
}

export class StoreDto {
  @ApiProperty() @IsString() @Length(1, 64) name: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(0, 255) address?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(0, 64) openingHours?: string;
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(-90) @Max(90) latitude?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(-180) @Max(180) longitude?: number;
}

export class BindingHistoryQuery {
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsDbInt() @Min(1) memberId?: number;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsDbInt() @Min(1) storeId?: number;
}

export class AdminTransferDto extends TransferDto {
  @ApiProperty() @IsDbInt() @Min(1) storeId: number;
}

export class BindingPolicyDto {
  @ApiProperty({ description: 'Days a first binding is protected from other scans' }) @IsDbInt() @Min(0) @Max(3650) protectionDays: number;
  @ApiProperty({ description: 'After protection, a scan by another guide takes the member over' }) @IsBoolean() rebindAfterProtection: boolean;
}

export class StaffTagDto {
  @ApiProperty()
  @IsDbInt()
  @Min(1)
  tagId: number;

  @ApiPropertyOptional({ description: 'true takes the tag off' })
  @IsOptional()
  @IsBoolean()
  remove?: boolean;
}
