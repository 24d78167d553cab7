import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, Length, Matches, Min, ValidateIf } from 'class-validator';
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

  @ApiPropertyOptional({ description: 'Work phone members may reveal to call their guide' })
  @IsOptional()
  @Matches(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/)
  workPhone?: string;
}

/** PATCH /api/admin/accounts/:id — what an admin may change about an account after creating it. */
export class UpdateAccountDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 32) displayName?: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((_o, v) => v !== null) @Matches(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/) workPhone?: string | null;
  @ApiPropertyOptional({ description: 'An upload of purpose avatar … or cover' }) @IsOptional() @IsDbInt() @Min(1) avatarUploadId?: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
}
