import { Body, Controller, Get, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { MemberProfile } from '@mall/shared';
import { CurrentMember, MemberOnly } from '../common/auth/auth.decorators';
import type { MemberPrincipal } from '../common/auth/principal';
import { WechatApiClient } from '../wechat/wechat-api.client';
import { BindPhoneDto } from './dto/bind-phone.dto';
import { UpdateProfileDto } from './dto/update-profile.dto';
import { MemberService, toMemberProfile } from './member.service';

@ApiTags('members')
@ApiBearerAuth()
@MemberOnly()
@Controller('api/members/me')
export class MemberController {
  constructor(
    private readonly members: MemberService,
    private readonly wechat: WechatApiClient,
  ) {}

  @Get()
  async me(@CurrentMember() caller: MemberPrincipal): Promise<MemberProfile> {
    return toMemberProfile(await this.members.getById(caller.id));
  }

  @Patch()
  async update(@CurrentMember() caller: MemberPrincipal, @Body() dto: UpdateProfileDto): Promise<MemberProfile> {
    return toMemberProfile(await this.members.updateProfile(caller.id, dto));
  }

  /** Phone binding through WeChat's getPhoneNumber code (the code is exchanged server-side). */
  @Post('phone')
  async bindPhone(@CurrentMember() caller: MemberPrincipal, @Body() dto: BindPhoneDto): Promise<MemberProfile> {
    const phone = await this.wechat.getPhoneNumber(dto.code);
    return toMemberProfile(await this.members.bindPhone(caller.id, phone.purePhoneNumber));
  }
}
