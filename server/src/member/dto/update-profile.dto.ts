import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, IsUrl, Length, Matches } from 'class-validator';
import { IsPlainText } from '../../common/validation';

export class UpdateProfileDto {
  @ApiPropertyOptional({ maxLength: 32 })
  @IsOptional()
  @IsString()
  @Length(1, 32)
  @IsPlainText()
  nickname?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUrl({ protocols: ['https', 'http'], require_tld: false })
  @Length(1, 512)
  avatarUrl?: string;

  @ApiPropertyOptional({ example: '1995-08-16', description: 'Can be set once' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  @IsISO8601({ strict: true })
  birthday?: string;
}
