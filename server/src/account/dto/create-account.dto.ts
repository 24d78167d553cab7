import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches, Min } from 'class-validator';
import { ACCOUNT_ROLES, type AccountRole } from '@mall/shared';
import { IsDbInt } from '../../common/validation';

export class CreateAccountDto {
  @ApiProperty({ example: 'staff3' })
  @IsString()
  @Matches(/^[a-z][a-z0-9_.-]{2,31}$/, { message: 'username must be 3-32 lowercase letters, digits, _ . -' })
  username: string;

  @ApiProperty({ minLength: 8 })
  @IsString()
  @Length(8, 72)
  password: string;

  @ApiProperty()
  @IsString()
  @Length(1, 32)
  displayName: string;

  @ApiProperty({ enum: ACCOUNT_ROLES })
  @IsIn(ACCOUNT_ROLES)
  role: AccountRole;

  @ApiPropertyOptional()
  @IsOptional()
  @IsDbInt()
  @Min(1)
  storeId?: number;
}
