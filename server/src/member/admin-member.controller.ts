import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth/auth.decorators';
import { ListMembersQuery } from './dto/list-members.query';
import { maskPhone, MemberService } from './member.service';
import type { AdminMemberListItem, Page } from '@mall/shared';

@ApiTags('admin: members')
@ApiBearerAuth()
@Roles('ops', 'finance')
@Controller('api/admin/members')
export class AdminMemberController {
  constructor(private readonly members: MemberService) {}

  @Get()
  async list(@Query() query: ListMembersQuery): Promise<Page<AdminMemberListItem>> {
    const { items, total } = await this.members.list(query);
    return {
      total,
      items: items.map((m) => ({
        id: m.id,
        nickname: m.nickname || `会员${String(m.id).padStart(6, '0')}`,
        phoneMasked: maskPhone(m.phone),
        openidMasked: `${m.openid.slice(0, 6)}…${m.openid.slice(-4)}`,
        createdAt: m.createdAt.toISOString(),
        lastLoginAt: m.lastLoginAt?.toISOString() ?? null,
      })),
    };
  }
}
