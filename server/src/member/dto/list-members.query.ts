import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQuery } from '../../common/dto/page.query';

export class ListMembersQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Member id, phone digits or nickname' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  keyword?: string;
}
