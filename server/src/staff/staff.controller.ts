import { Body, Controller, Get, HttpCode, Inject, Param, ParseIntPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { ScanBindResult, StaffMemberSummary, StaffPerformance, StaffSession, WriteOffResult } from '@mall/shared';
import { type ClientInfo, CurrentAccount, CurrentMember, MemberOnly, Public, RequestClient, Roles } from '../common/auth/auth.decorators';
import type { AccountPrincipal, MemberPrincipal } from '../common/auth/principal';
import { type RateLimit, RateLimiters } from '../common/auth/rate-limiter';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { LinkStaffDto, PeriodQuery, ScanBindDto, StaffMembersQuery, StaffTagDto, StaffWechatLoginDto, TransferDto, WriteOffDto } from './dto/staff.dto';
import { TagService } from '../insight/tag.service';
import { AuditService } from '../audit/audit.service';
import { StaffAuthService } from './staff-auth.service';
import { currentMonth, StaffDeskService } from './staff-desk.service';
import { ChangeBirthdayDto } from '../member/dto/update-profile.dto';
import type { GuidePhoneView, MyGuideView } from '@mall/shared';

/** Staff mode sign-in from the mini-program (wx.login; an invitation code the first time). */
@ApiTags('staff')
@Public()
@Controller('api/staff/auth')
export class StaffAuthController {
  private readonly limiter: RateLimit;

  constructor(
    private readonly staffAuth: StaffAuthService,
    @Inject(APP_CONFIG) config: AppConfig,
    limiters: RateLimiters,
  ) {
    this.limiter = limiters.create('staff-link', config.rateLimit.loginPerMinute, 60_000);
  }

  /** First time: the invitation code links this WeChat user to the staff account. Limited per IP against guessing. */
  @Post('link')
  @HttpCode(200)
  async link(@Body() dto: LinkStaffDto, @RequestClient() client: ClientInfo): Promise<StaffSession> {
    await this.limiter.hit(`link:${client.ip}`);
    return this.staffAuth.link(dto.inviteCode, dto.code, client);
  }

  @Post('login')
  @HttpCode(200)
  login(@Body() dto: StaffWechatLoginDto, @RequestClient() client: ClientInfo): Promise<StaffSession> {
    return this.staffAuth.login(dto.code, client);
  }
}

@ApiTags('staff')
@ApiBearerAuth()
@Roles('staff', 'store_manager')
@Controller('api/staff')
export class StaffController {
  constructor(
    private readonly desk: StaffDeskService,
    private readonly tagService: TagService,
    private readonly audit: AuditService,
  ) {}

  @Post('bindings')
  @HttpCode(200)
  scanBind(@CurrentAccount() caller: AccountPrincipal, @Body() dto: ScanBindDto): Promise<ScanBindResult> {
    return this.desk.scanBind(caller, dto.qrToken);
  }

  @Get('members')
  members(@CurrentAccount() caller: AccountPrincipal, @Query() query: StaffMembersQuery) {
    return this.desk.myMembers(caller, query.staffId, query.cursor, query.limit);
  }

  @Get('members/:id')
  member(@CurrentAccount() caller: AccountPrincipal, @Param('id', ParseIntPipe) id: number): Promise<StaffMemberSummary> {
    return this.desk.member(caller, id);
  }

  /** Tags ops allowed staff to set (staffAssignable), for tagging their own members. */
  @Get('tags')
  async tags() {
    return {
      items: (await this.tagService.list())
        .filter((t) => t.kind === 'manual' && t.staffAssignable)
        .map((t) => ({ id: t.id, name: t.name, groupId: t.groupId })),
    };
  }

  /** Puts or takes off a staff-assignable tag on a member of the caller's store (audited). */
  @Post('members/:id/tags')
  @HttpCode(200)
  async tagMember(@CurrentAccount() caller: AccountPrincipal, @Param('id', ParseIntPipe) id: number, @Body() dto: StaffTagDto) {
    await this.desk.member(caller, id);
    if (dto.remove) await this.tagService.unassign(dto.tagId, [id], { staff: true });
    else await this.tagService.assign(dto.tagId, { memberIds: [id] }, { accountId: caller.id, source: 'staff' });
    await this.audit.record(caller, dto.remove ? 'tag.unassign' : 'tag.assign', { type: 'tag', id: dto.tagId }, { memberId: id, by: 'staff' });
    return { tags: (await this.tagService.tagsOf(id)).map((t) => ({ id: t.id, name: t.name, kind: t.kind })) };
  }

  @Put('members/:id/birthday')
  changeBirthday(
    @CurrentAccount() caller: AccountPrincipal,
    @Param('id', ParseIntPipe) id: number,
    @Body() dto: ChangeBirthdayDto,
  ): Promise<StaffMemberSummary> {
    return this.desk.changeBirthday(caller, id, dto.birthday, dto.reason);
  }

  @Post('transfers')
  @Roles('store_manager')
  @HttpCode(200)
  transfer(@CurrentAccount() caller: AccountPrincipal, @Body() dto: TransferDto): Promise<{ moved: number }> {
    return this.desk.transfer(caller, dto);
  }

  @Get('performance')
  performance(@CurrentAccount() caller: AccountPrincipal, @Query() query: PeriodQuery): Promise<StaffPerformance> {
    const month = currentMonth();
    return this.desk.performance(caller, query.from ? new Date(query.from) : month.from, query.to ? new Date(query.to) : month.to);
  }

  @Post('write-offs')
  @HttpCode(200)
  writeOff(@CurrentAccount() caller: AccountPrincipal, @Body() dto: WriteOffDto): Promise<WriteOffResult> {
    return this.desk.writeOff(caller, dto.code);
  }

  @Get('write-offs')
  writeOffs(@CurrentAccount() caller: AccountPrincipal): Promise<{ items: WriteOffResult[] }> {
    return this.desk.writeOffs(caller);
  }

  /** The staff member's own poster code, as a data URL the page can show and save. */
  @Get('poster')
  async poster(@CurrentAccount() caller: AccountPrincipal): Promise<{ image: string }> {
    return { image: `data:image/png;base64,${(await this.desk.poster(caller)).toString('base64')}` };
  }
}

/** The member side of in-store service: coupon codes to show at the till, and their store and guide. */
@ApiTags('members')
@ApiBearerAuth()
@MemberOnly()
@Controller('api')
export class MemberStoreController {
  constructor(private readonly desk: StaffDeskService) {}

  @Post('coupons/:id/store-code')
  @HttpCode(200)
  couponCode(@CurrentMember() caller: MemberPrincipal, @Param('id', ParseIntPipe) id: number) {
    return this.desk.couponStoreCode(caller.id, id);
  }

  @Get('members/me/store')
  myStore(@CurrentMember() caller: MemberPrincipal): Promise<MyGuideView> {
    return this.desk.myGuide(caller.id);
  }

  @Post('members/me/store/guide-phone')
  @HttpCode(200)
  guidePhone(@CurrentMember() caller: MemberPrincipal): Promise<GuidePhoneView> {
    return this.desk.guidePhone(caller.id);
  }
}
