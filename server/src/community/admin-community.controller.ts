import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { FUNNEL_STAGE_LABELS, FUNNEL_STAGES, type CommunityGroupInput } from '@mall/shared';
import { AuditService } from '../audit/audit.service';
import { CurrentAccount, Roles } from '../common/auth/auth.decorators';
import type { AccountPrincipal } from '../common/auth/principal';
import { UploadService } from '../upload/upload.service';
import { CommunityGroupService } from './community-group.service';
import { CommunityGroup } from './community.entity';
import { toCodeView, toGroupView } from './community.view';
import { AddImageCodeDto, AddWecomCodeDto, ConfirmJoinDto, CriteriaCountDto, FunnelQuery, GroupEnabledDto, SaveCommunityGroupDto } from './dto/community.dto';
import { GroupCodeService } from './group-code.service';
import { InvitationService } from './invitation.service';
import { WarningDigestService } from './warning-digest.service';
import { STORE_CODE_PAGE, STORE_CODE_SCENE } from './store-code.service';
import { WechatApiClient } from '../wechat/wechat-api.client';

const inputOf = (dto: SaveCommunityGroupDto): CommunityGroupInput => ({
  type: dto.type,
  name: dto.name,
  description: dto.description ?? '',
  coverUploadId: dto.coverUploadId ?? null,
  criteria: dto.criteria ?? null,
  capacity: dto.capacity,
  endsAt: dto.endsAt ?? null,
  nextGroupId: dto.nextGroupId ?? null,
  perkCouponTemplateId: dto.perkCouponTemplateId ?? null,
  welcomeText: dto.welcomeText ?? '',
});

@ApiTags('admin: community')
@ApiBearerAuth()
@Roles('admin', 'ops')
@Controller('api/admin/community')
export class AdminCommunityController {
  constructor(
    private readonly groups: CommunityGroupService,
    private readonly codes: GroupCodeService,
    private readonly invitations: InvitationService,
    private readonly uploads: UploadService,
    private readonly audit: AuditService,
    private readonly digests: WarningDigestService,
    private readonly wechat: WechatApiClient,
  ) {}

  /** The brand's 门店活码 poster: one mini-program code with a stable scene, to print and download. */
  @Get('store-poster')
  async storePoster(): Promise<{ image: string; scene: string; page: string }> {
    const png = await this.wechat.getUnlimitedQrCode({ scene: STORE_CODE_SCENE, page: STORE_CODE_PAGE });
    return { image: `data:image/png;base64,${png.toString('base64')}`, scene: STORE_CODE_SCENE, page: STORE_CODE_PAGE };
  }

  private async views(groups: CommunityGroup[]) {
    const covers = await this.uploads.byIds(groups.map((g) => g.coverUploadId).filter((id): id is number => id !== null));
    return groups.map((g) => toGroupView(g, g.coverUploadId ? (covers.get(g.coverUploadId)?.url ?? null) : null));
  }

  @Get('groups')
  async list() {
    const groups = await this.groups.list();
    const funnels = new Map((await this.invitations.funnel(groups.map((g) => g.id))).map((f) => [f.groupId, f.stages]));
    const warnings = new Map((await this.codes.warningsFor(groups)).map((w) => [w.groupId, w.warnings]));
    return { items: (await this.views(groups)).map((g) => ({ ...g, funnel: funnels.get(g.id), warnings: warnings.get(g.id) ?? [] })) };
  }

  @Get('groups/:id')
  async detail(@Param('id', ParseIntPipe) id: number) {
    const group = await this.groups.get(id);
    const [view] = await this.views([group]);
    const [funnel] = await this.invitations.funnel([id]);
    return {
      ...view,
      eligibleCount: await this.groups.eligibleCount(view.criteria),
      codes: (await this.codes.list(id)).map((c) => toCodeView(c)),
      warnings: await this.codes.warnings(id),
      funnel: FUNNEL_STAGES.map((stage) => ({ stage, label: FUNNEL_STAGE_LABELS[stage], count: funnel.stages[stage] })),
    };
  }

  @Post('groups')
  async create(@CurrentAccount() caller: AccountPrincipal, @Body() dto: SaveCommunityGroupDto) {
    const group = await this.groups.create(inputOf(dto), caller.id);
    await this.audit.record(caller, 'community.group_create', { type: 'community_group', id: group.id }, { ...dto });
    return (await this.views([group]))[0];
  }

  @Put('groups/:id')
  async update(@CurrentAccount() caller: AccountPrincipal, @Param('id', ParseIntPipe) id: number, @Body() dto: SaveCommunityGroupDto) {
    const group = await this.groups.update(id, inputOf(dto));
    await this.audit.record(caller, 'community.group_update', { type: 'community_group', id }, { ...dto });
    return (await this.views([group]))[0];
  }

  @Post('groups/:id/enabled')
  @HttpCode(200)
  async setEnabled(@CurrentAccount() caller: AccountPrincipal, @Param('id', ParseIntPipe) id: number, @Body() dto: GroupEnabledDto) {
    const group = await this.groups.setEnabled(id, dto.enabled);
    await this.audit.record(caller, 'community.group_enabled', { type: 'community_group', id }, { enabled: dto.enabled });
    return (await this.views([group]))[0];
  }

  /** Live count of members the criteria select, while ops edit them. */
  @Post('eligible-count')
  @HttpCode(200)
  async eligibleCount(@Body() dto: CriteriaCountDto) {
    return { count: await this.groups.eligibleCount(dto.criteria ?? null) };
  }

  @Post('groups/:id/codes')
  async addImageCode(@CurrentAccount() caller: AccountPrincipal, @Param('id', ParseIntPipe) id: number, @Body() dto: AddImageCodeDto) {
    const code = await this.codes.addImage(await this.groups.get(id), caller.id, dto);
    await this.audit.record(caller, 'community.code_add', { type: 'group_code', id: code.id }, { groupId: id, ...dto });
    return toCodeView(code);
  }

  @Post('groups/:id/wecom-codes')
  async addWecomCode(@CurrentAccount() caller: AccountPrincipal, @Param('id', ParseIntPipe) id: number, @Body() dto: AddWecomCodeDto) {
    const code = await this.codes.addWecom(await this.groups.get(id), dto);
    await this.audit.record(caller, 'community.wecom_code_add', { type: 'group_code', id: code.id }, { groupId: id, configId: code.wecomConfigId });
    return toCodeView(code);
  }

  @Delete('groups/:id/codes/:codeId')
  @HttpCode(204)
  async removeCode(@CurrentAccount() caller: AccountPrincipal, @Param('id', ParseIntPipe) id: number, @Param('codeId', ParseIntPipe) codeId: number) {
    await this.codes.remove(id, codeId);
    await this.audit.record(caller, 'community.code_remove', { type: 'group_code', id: codeId }, { groupId: id });
  }

  /** Staff in the back office may confirm a join by hand when WeCom is not used. */
  @Post('groups/:id/joins')
  @HttpCode(200)
  async confirmJoin(@CurrentAccount() caller: AccountPrincipal, @Param('id', ParseIntPipe) id: number, @Body() dto: ConfirmJoinDto) {
    await this.groups.get(id);
    const confirmed = await this.invitations.confirmJoin(id, dto.memberId, 'staff');
    await this.audit.record(caller, 'community.join_confirm', { type: 'community_group', id }, { memberId: dto.memberId, confirmed });
    return { confirmed };
  }

  @Get('funnel')
  async funnel(@Query() query: FunnelQuery) {
    const ids = query.groupId ? [(await this.groups.get(query.groupId)).id] : (await this.groups.list()).map((g) => g.id);
    return { stages: FUNNEL_STAGES.map((s) => ({ stage: s, label: FUNNEL_STAGE_LABELS[s] })), items: await this.invitations.funnel(ids) };
  }

  /** Code warnings now, and the daily lists the nightly run kept. */
  @Get('warnings')
  async warnings() {
    return { now: await this.codes.warningsFor(await this.groups.open()), daily: await this.invitations.dailyLists() };
  }

  /** The daily warning lists sent to ops (the admin bell), newest first. */
  @Get('warning-digests')
  async warningDigests() {
    return { items: await this.digests.latest() };
  }

  /** Runs the nightly evaluation now (claimed per day: a second run the same day does nothing). */
  @Post('run-nightly')
  @HttpCode(200)
  async runNightly(@CurrentAccount() caller: AccountPrincipal) {
    const result = await this.invitations.runNightly();
    await this.audit.record(caller, 'community.run_nightly', { type: 'community_group', id: 'all' }, result ?? { skipped: true });
    return result ?? { skipped: true };
  }
}
