import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CAMPAIGN_STATES, describeSegment, type CampaignDetailView, type CampaignView, type MemberCampaignDeliveryView } from '@mall/shared';
import { AuditService } from '../audit/audit.service';
import { CurrentAccount, CurrentMember, MemberOnly, Roles } from '../common/auth/auth.decorators';
import type { AccountPrincipal, MemberPrincipal } from '../common/auth/principal';
import { parseDefinition } from '../insight/insight.entity';
import { SegmentService } from '../insight/segment.service';
import { MemberService } from '../member/member.service';
import { actionsOf, Campaign, scheduleOf } from './campaign.entity';
import { CampaignService } from './campaign.service';
import { BannerTouchDto, CampaignMoveDto, CompleteTaskDto, SaveCampaignDto, TasksQuery } from './dto/campaign.dto';

function toCampaignView(c: Campaign): CampaignView {
  return {
    id: c.id,
    name: c.name,
    segmentId: c.segmentId,
    schedule: scheduleOf(c),
    actions: actionsOf(c),
    controlPercent: c.controlPercent,
    attributionDays: c.attributionDays,
    throttlePerMinute: c.throttlePerMinute,
    status: c.status,
    statusLabel: CAMPAIGN_STATES.labels[c.status],
    startsAt: c.startsAt?.toISOString() ?? null,
    createdAt: c.createdAt.toISOString(),
  };
}

@ApiTags('admin: campaigns')
@ApiBearerAuth()
@Roles('admin', 'ops')
@Controller('api/admin/campaigns')
export class AdminCampaignController {
  constructor(
    private readonly campaigns: CampaignService,
    private readonly segments: SegmentService,
    private readonly audit: AuditService,
  ) {}

  @Get()
  async list(): Promise<{ items: CampaignView[] }> {
    return { items: (await this.campaigns.list()).map(toCampaignView) };
  }

  @Get(':id')
  async detail(@Param('id', ParseIntPipe) id: number): Promise<CampaignDetailView> {
    const c = await this.campaigns.get(id);
    const segment = c.segmentId ? await this.segments.get(c.segmentId) : null;
    return {
      ...toCampaignView(c),
      segment: segment ? { id: segment.id, name: segment.name, description: describeSegment(parseDefinition(segment)) } : null,
      results: await this.campaigns.results(id),
    };
  }

  @Post()
  async create(@CurrentAccount() caller: AccountPrincipal, @Body() dto: SaveCampaignDto): Promise<CampaignView> {
    const c = await this.campaigns.create(dto, caller.id);
    await this.audit.record(caller, 'campaign.create', { type: 'campaign', id: c.id }, { ...dto });
    return toCampaignView(c);
  }

  @Put(':id')
  async update(@CurrentAccount() caller: AccountPrincipal, @Param('id', ParseIntPipe) id: number, @Body() dto: SaveCampaignDto): Promise<CampaignView> {
    const c = await this.campaigns.update(id, dto);
    await this.audit.record(caller, 'campaign.update', { type: 'campaign', id }, { ...dto });
    return toCampaignView(c);
  }

  /** launch / pause / resume / cancel */
  @Post(':id/state')
  @HttpCode(200)
  async move(@CurrentAccount() caller: AccountPrincipal, @Param('id', ParseIntPipe) id: number, @Body() dto: CampaignMoveDto): Promise<CampaignView> {
    const c = await this.campaigns.move(id, dto.action);
    await this.audit.record(caller, `campaign.${dto.action}`, { type: 'campaign', id }, { status: c.status });
    return toCampaignView(c);
  }

  /** Runs due campaigns now instead of waiting for the scheduler's next minute. */
  @Post('run-due')
  @HttpCode(200)
  async runDue(@CurrentAccount() caller: AccountPrincipal) {
    const result = await this.campaigns.runDue();
    await this.audit.record(caller, 'campaign.run_due', { type: 'campaign', id: 'all' }, result);
    return result;
  }
}

/** 用户画像 · 收到的活动: the campaign deliveries of one member. */
@ApiTags('admin: campaigns')
@ApiBearerAuth()
@Roles('admin', 'ops')
@Controller('api/admin/members')
export class AdminMemberCampaignController {
  constructor(
    private readonly campaigns: CampaignService,
    private readonly members: MemberService,
  ) {}

  @Get(':id/campaigns')
  async deliveries(@Param('id', ParseIntPipe) id: number): Promise<{ items: MemberCampaignDeliveryView[] }> {
    await this.members.getById(id);
    return { items: await this.campaigns.deliveriesOf(id) };
  }
}

@ApiTags('campaigns')
@ApiBearerAuth()
@MemberOnly()
@Controller('api/campaigns')
export class MemberCampaignController {
  constructor(private readonly campaigns: CampaignService) {}

  /** In-app banners and popups the member was sent and has not dismissed. */
  @Get('banners')
  async banners(@CurrentMember() caller: MemberPrincipal) {
    const rows = await this.campaigns.bannersOf(caller.id);
    return { items: rows.map((b) => ({ id: b.id, kind: b.kind, title: b.title, body: b.body, link: b.link, expiresAt: b.expiresAt })) };
  }

  @Post('banners/:id')
  @HttpCode(204)
  async touch(@CurrentMember() caller: MemberPrincipal, @Param('id', ParseIntPipe) id: number, @Body() dto: BannerTouchDto): Promise<void> {
    await this.campaigns.touchBanner(caller.id, id, dto.action);
  }
}

@ApiTags('staff: tasks')
@ApiBearerAuth()
@Roles('staff', 'store_manager')
@Controller('api/staff/tasks')
export class StaffTaskController {
  constructor(private readonly campaigns: CampaignService) {}

  /** 今日任务: the guide's own; a store manager may ask for the whole store's (overdue first). */
  @Get()
  async list(@CurrentAccount() caller: AccountPrincipal, @Query() query: TasksQuery) {
    return { items: await this.campaigns.tasksFor(caller, query.scope ?? 'mine', query.status ?? 'open') };
  }

  @Post(':id/done')
  @HttpCode(200)
  complete(@CurrentAccount() caller: AccountPrincipal, @Param('id', ParseIntPipe) id: number, @Body() dto: CompleteTaskDto) {
    return this.campaigns.completeTask(caller, id, dto.outcome);
  }
}
