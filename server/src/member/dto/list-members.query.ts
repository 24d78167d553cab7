import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageQuery } from '../../common/dto/page.query';

export class ListMembersQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Member id, phone digits or nickname' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  keyword?: string;

  /** ?ids=3,7,12 — exactly these members (up to 100, one page), to name members where other lists carry only ids. */
  @ApiPropertyOptional({ description: 'Comma-separated member ids (at most 100)' })
  @IsOptional()
  @Matches(/^\d{1,10}(,\d{1,10}){0,99}$/, { message: 'ids 须为逗号分隔的会员 ID（最多 100 个）' })
  ids?: string;
}
