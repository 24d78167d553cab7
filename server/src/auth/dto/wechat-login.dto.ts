import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';

export class WechatLoginDto {
  @ApiProperty({ description: 'Code from wx.login()' })
  @IsString()
  @Length(1, 128)
  code: string;

  @ApiPropertyOptional({ description: 'Launch scene/query of the first open (poster, share), kept for attribution' })
  @IsOptional()
  @IsString()
  @Matches(/^[\x21-\x7e]{1,64}$/)
  scene?: string;
}
