import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { kocScene, type KocCentre } from '@mall/shared';
import { AuditService } from '../audit/audit.service';
import { CurrentAccount, CurrentMember, MemberOnly, Roles } from '../common/auth/auth.decorators';
import type { AccountPrincipal, MemberPrincipal } from '../common/auth/principal';
import { AppError } from '../common/errors/app-error';
import { WechatApiClient } from '../wechat/wechat-api.client';
import { DesignateKocDto, KocEnabledDto, KocRewardsQuery, SaveKocProgrammeDto } from './dto/koc.dto';
import { KocProgrammeService } from './koc-programme.service';
import { KocQueryService } from './koc-query.service';
import { KocReferralService } from './koc-referral.service';

/** A member's own KOC centre and poster: only ever the caller's own data. */
@ApiTags('koc')
@ApiBearerAuth()
@MemberOnly()
@Controller('api/koc')
export class KocController {
  constructor(
    private readonly query: KocQueryService,
    private readonly programmes: KocProgrammeService,
    private readonly wechat: WechatApiClient,
  ) {}

  @Get('centre')
  centre(@CurrentMember() caller: MemberPrincipal): Promise<KocCentre> {
    return this.query.centre(caller.id);
  }

  /** The KOC's personal mini-program code (scene r<memberId>): whoever opens it first is bound to them. */
  @Get('poster')
  async poster(@CurrentMember() caller: MemberPrincipal): Promise<{ image: string; scene: string; page: string }> {
    if (!(await this.programmes.activeKoc(caller.id))) throw AppError.forbidden('你还不是推荐官');
    const scene = kocScene(caller.id);
    const page = 'pages/index/index';
    const png = await this.wechat.getUnlimitedQrCode({ scene, page });
    return { image: `data:image/png;base64,${png.toString('base64')}`, scene, page };
  }
}

@ApiTags('admin: koc')
@ApiBearerAuth()
@Roles('admin', 'ops')
@Controller('api/admin/koc')
export class AdminKocController {
  constructor(
    private readonly programmes: KocProgrammeService,
    private readonly query: KocQueryService,
    private readonly referrals: KocReferralService,
    private readonly audit: AuditService,
  ) {}

  @Get('programmes')
  async list() {
    return { items: await this.query.programmeViews() };
  }

  @Post('programmes')
  async create(@CurrentAccount() caller: AccountPrincipal, @Body() dto: SaveKocProgrammeDto) {
    const p = await this.programmes.save(dto);
    await this.audit.record(caller, 'koc_programme.create', { type: 'koc_programme', id: p.id }, { ...dto });
    return this.query.programmeView(p, 0);
  }

  @Put('programmes/:id')
  async update(@CurrentAccount() caller: AccountPrincipal, @Param('id', ParseIntPipe) id: number, @Body() dto: SaveKocProgrammeDto) {
    const p = await this.programmes.save(dto, id);
    await this.audit.record(caller, 'koc_programme.update', { type: 'koc_programme', id }, { ...dto });
    return this.query.programmeView(p, (await this.programmes.kocCounts([id])).get(id) ?? 0);
  }

  @Get('members')
  async kocs() {
    return { items: await this.query.kocs() };
  }

  @Post('members')
  @HttpCode(200)
  async designate(@CurrentAccount() caller: AccountPrincipal, @Body() dto: DesignateKocDto) {
    const added = await this.programmes.designate(dto.programmeId, dto.memberIds);
    await this.audit.record(caller, 'koc.designate', { type: 'koc_programme', id: dto.programmeId }, { memberIds: dto.memberIds });
    return { added };
  }

  @Put('members/:memberId')
  async setEnabled(@CurrentAccount() caller: AccountPrincipal, @Param('memberId', ParseIntPipe) memberId: number, @Body() dto: KocEnabledDto) {
    await this.programmes.setEnabled(memberId, dto.enabled);
    await this.audit.record(caller, 'koc.enable', { type: 'member', id: memberId }, { enabled: dto.enabled });
    return { memberId, enabled: dto.enabled };
  }

  @Post('apply-criteria')
  @HttpCode(200)
  applyCriteria() {
    return this.programmes.applyCriteria();
  }

  @Post('credit-due')
  @HttpCode(200)
  creditDue() {
    return this.referrals.creditDue();
  }

  @Get('leaderboard')
  async leaderboard() {
    return { items: await this.query.leaderboard() };
  }

  @Get('rewards')
  async rewards(@Query() q: KocRewardsQuery) {
    return { items: await this.query.rewards(q.status ? { status: q.status } : {}) };
  }
}
