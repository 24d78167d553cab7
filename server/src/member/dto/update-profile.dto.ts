import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';
import type { ChangeBirthdayRequest, Gender, UpdateProfileRequest } from '@mall/shared';
import { IsDbInt, IsPlainText } from '../../common/validation';

export class UpdateProfileDto implements UpdateProfileRequest {
  @ApiPropertyOptional({ maxLength: 32 })
  @IsOptional()
  @IsString()
  @Length(1, 32)
  @IsPlainText()
  nickname?: string;

  @ApiPropertyOptional({ description: 'An upload of purpose avatar (POST /api/uploads)' })
  @IsOptional()
  @IsDbInt()
  avatarUploadId?: number;

  @ApiPropertyOptional({ enum: ['male', 'female', 'unknown'] })
  @IsOptional()
  @IsIn(['male', 'female', 'unknown'])
  gender?: Gender;

  @ApiPropertyOptional({ maxLength: 64, example: '上海市 静安区' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  @IsPlainText()
  region?: string;

  @ApiPropertyOptional({ example: '1995-08-16', description: 'Can be set once by the member' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  @IsISO8601({ strict: true })
  birthday?: string;
}

/** Staff or ops correct a birthday the member cannot change themselves; audited with its reason. */
export class ChangeBirthdayDto implements ChangeBirthdayRequest {
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  @IsISO8601({ strict: true })
  birthday: string;

  @IsString()
  @Length(2, 120)
  @IsPlainText()
  reason: string;
}
