import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class BindPhoneDto {
  @ApiProperty({ description: 'Code from <button open-type="getPhoneNumber">' })
  @IsString()
  @Length(1, 128)
  code: string;
}
