import { Body, Controller, Get, Param, ParseIntPipe, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AdminMemberListItem, MemberProfile, Page } from '@mall/shared';
import { AuditService } from '../audit/audit.service';
import { CurrentAccount, Roles } from '../common/auth/auth.decorators';
import type { AccountPrincipal } from '../common/auth/principal';
import { ListMembersQuery } from './dto/list-members.query';
import { ChangeBirthdayDto } from './dto/update-profile.dto';
import { maskOpenid, maskPhone, memberDisplayName, MemberService, toMemberProfile } from './member.service';

@ApiTags('admin: members')
@ApiBearerAuth()
@Roles('ops', 'finance')
@Controller('api/admin/members')
export class AdminMemberController {
  constructor(
    private readonly members: MemberService,
    private readonly audit: AuditService,
  ) {}

  /** Ops correct a member's birthday (members set theirs once); the change and its reason are audited. */
  @Put(':id/birthday')
  @Roles('ops')
  async changeBirthday(
    @CurrentAccount() caller: AccountPrincipal,
    @Param('id', ParseIntPipe) id: number,
    @Body() dto: ChangeBirthdayDto,
  ): Promise<MemberProfile> {
    const { before, member } = await this.members.changeBirthday(id, dto.birthday);
    await this.audit.record(caller, 'member.birthday.change', { type: 'member', id }, { before, after: dto.birthday, reason: dto.reason });
    return toMemberProfile(member);
  }

  @Get()
  async list(@Query() query: ListMembersQuery): Promise<Page<AdminMemberListItem>> {
    const ids = query.ids ? [...new Set(query.ids.split(',').map(Number))] : undefined;
    const { items, total } = await this.members.list(
      ids ? { page: 1, pageSize: ids.length, ids } : { page: query.page, pageSize: query.pageSize, keyword: query.keyword },
    );
    return {
      total,
      items: items.map((m) => ({
        id: m.id,
        nickname: memberDisplayName(m.id, m.nickname),
        phoneMasked: maskPhone(m.phone),
        openidMasked: maskOpenid(m.openid),
        createdAt: m.createdAt.toISOString(),
        lastLoginAt: m.lastLoginAt?.toISOString() ?? null,
      })),
    };
  }
}
