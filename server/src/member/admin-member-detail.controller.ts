import { Controller, Get, Param, ParseIntPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AdminMemberDetail } from '@mall/shared';
import { Roles } from '../common/auth/auth.decorators';
import { MemberDetailService } from './member-detail.service';

@ApiTags('admin: members')
@ApiBearerAuth()
@Controller('api/admin/members')
export class AdminMemberDetailController {
  constructor(private readonly details: MemberDetailService) {}

  /** Profile, tier, SVIP, wallet, points, coupons, store and guide, recent orders (404 for an unknown member). */
  @Get(':id')
  @Roles('ops', 'finance')
  detail(@Param('id', ParseIntPipe) id: number): Promise<AdminMemberDetail> {
    return this.details.detail(id);
  }
}
