import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { stringify } from 'csv-stringify';
import type { Response } from 'express';
import { beijingMinute, describeSegment, ErrorCode, type InsightOverview, type MemberEventView } from '@mall/shared';
import { AuditService } from '../audit/audit.service';
import { CurrentAccount, Roles } from '../common/auth/auth.decorators';
import type { AccountPrincipal } from '../common/auth/principal';
import { AppError } from '../common/errors/app-error';
import { maskPhone, MemberService } from '../member/member.service';
import { AssignTagDto, CreateTagDto, CreateTagGroupDto, MemberEventsQuery, SaveSegmentDto, SegmentPreviewDto, UnassignTagDto } from './dto/insight.dto';
import { BehaviourService } from './behaviour.service';
import { parseDefinition } from './insight.entity';
import { MemberFactService } from './member-fact.service';
import { SegmentService } from './segment.service';
import { parseMemberCsv, TagService } from './tag.service';

const EXPORT_PAGE = 1000;

@ApiTags('admin: insight')
@ApiBearerAuth()
@Roles('admin', 'ops')
@Controller('api/admin')
export class AdminInsightController {
  constructor(
    private readonly tags: TagService,
    private readonly segments: SegmentService,
    private readonly facts: MemberFactService,
    private readonly members: MemberService,
    private readonly audit: AuditService,
    private readonly behaviour: BehaviourService,
  ) {}

  /** Members per lifecycle stage and RFM band (the segment list's distribution). */
  @Get('insight/overview')
  overview(): Promise<InsightOverview> {
    return this.facts.overview();
  }

  @Get('tag-groups')
  groups() {
    return this.tags.groups();
  }

  @Post('tag-groups')
  async createGroup(@CurrentAccount() caller: AccountPrincipal, @Body() dto: CreateTagGroupDto) {
    const group = await this.tags.createGroup(dto.name);
    await this.audit.record(caller, 'tag_group.create', { type: 'tag_group', id: group.id }, { name: dto.name });
    return group;
  }

  @Get('tags')
  async list() {
    return { items: await this.tags.list() };
  }

  @Post('tags')
  async create(@CurrentAccount() caller: AccountPrincipal, @Body() dto: CreateTagDto) {
    const tag = await this.tags.create({ groupId: dto.groupId ?? 0, name: dto.name, staffAssignable: dto.staffAssignable ?? false });
    await this.audit.record(caller, 'tag.create', { type: 'tag', id: tag.id }, { ...dto });
    return tag;
  }

  /** Puts a manual tag on members by id, phone, or a CSV of either. */
  @Post('tags/:id/members')
  @HttpCode(200)
  async assign(@CurrentAccount() caller: AccountPrincipal, @Param('id', ParseIntPipe) id: number, @Body() dto: AssignTagDto) {
    const fromCsv = dto.csv ? parseMemberCsv(dto.csv) : { phones: [], memberIds: [], invalid: [] };
    const memberIds = [...(dto.memberIds ?? []), ...fromCsv.memberIds];
    const phones = [...(dto.phones ?? []), ...fromCsv.phones];
    if (memberIds.length + phones.length === 0) throw new AppError(ErrorCode.VALIDATION_FAILED, '请提供会员 id 或手机号');
    if (memberIds.length + phones.length > 20_000) throw new AppError(ErrorCode.VALIDATION_FAILED, '一次最多 20000 个会员');
    const result = await this.tags.assign(id, { memberIds, phones }, { accountId: caller.id, source: 'ops' });
    await this.audit.record(caller, 'tag.assign', { type: 'tag', id }, { tagged: result.tagged, requested: memberIds.length + phones.length });
    return { ...result, unknown: [...result.unknown, ...fromCsv.invalid] };
  }

  @Post('tags/:id/members/remove')
  @HttpCode(200)
  async unassign(@CurrentAccount() caller: AccountPrincipal, @Param('id', ParseIntPipe) id: number, @Body() dto: UnassignTagDto) {
    const removed = await this.tags.unassign(id, dto.memberIds);
    await this.audit.record(caller, 'tag.unassign', { type: 'tag', id }, { removed, memberIds: dto.memberIds.slice(0, 100) });
    return { removed };
  }

  /** Live count and a sample while the segment is being edited. */
  @Post('segments/preview')
  @HttpCode(200)
  async preview(@Body() dto: SegmentPreviewDto) {
    const definition = this.segments.assertValid(dto.definition);
    return { ...(await this.segments.preview(definition)), description: describeSegment(definition) };
  }

  @Get('segments')
  async listSegments() {
    const rows = await this.segments.list();
    return { items: rows.map((s) => ({ id: s.id, name: s.name, definition: s.parsed, description: describeSegment(s.parsed), updatedAt: s.updatedAt })) };
  }

  @Post('segments')
  async saveSegment(@CurrentAccount() caller: AccountPrincipal, @Body() dto: SaveSegmentDto) {
    const segment = await this.segments.save({ name: dto.name, definition: dto.definition, accountId: caller.id });
    await this.audit.record(caller, 'segment.create', { type: 'segment', id: segment.id }, { name: dto.name, definition: dto.definition });
    return { id: segment.id, name: segment.name, definition: parseDefinition(segment) };
  }

  @Put('segments/:id')
  async updateSegment(@CurrentAccount() caller: AccountPrincipal, @Param('id', ParseIntPipe) id: number, @Body() dto: SaveSegmentDto) {
    const segment = await this.segments.save({ id, name: dto.name, definition: dto.definition, accountId: caller.id });
    await this.audit.record(caller, 'segment.update', { type: 'segment', id }, { name: dto.name, definition: dto.definition });
    return { id: segment.id, name: segment.name, definition: parseDefinition(segment) };
  }

  @Delete('segments/:id')
  @HttpCode(204)
  async removeSegment(@CurrentAccount() caller: AccountPrincipal, @Param('id', ParseIntPipe) id: number) {
    await this.segments.remove(id);
    await this.audit.record(caller, 'segment.delete', { type: 'segment', id }, {});
  }

  /** The segment's members as CSV, streamed page by page (phones masked). */
  @Get('segments/:id/export.csv')
  async export(@CurrentAccount() caller: AccountPrincipal, @Param('id', ParseIntPipe) id: number, @Res() res: Response): Promise<void> {
    const segment = await this.segments.get(id);
    const definition = parseDefinition(segment);
    await this.audit.record(caller, 'segment.export', { type: 'segment', id }, { name: segment.name });
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="segment-${id}.csv"`);
    const csv = stringify({ header: true, bom: true, columns: ['会员ID', '昵称', '手机号', '生命周期', '订单数', '累计消费(元)', '最近下单'] });
    csv.pipe(res);
    const now = new Date();
    let afterId = 0;
    for (;;) {
      const ids = await this.segments.memberIdsPage(definition, afterId, EXPORT_PAGE, now);
      if (ids.length === 0) break;
      const [members, facts] = await Promise.all([this.members.byIds(ids), this.facts.factsOfMany(ids)]);
      for (const memberId of ids) {
        const m = members.get(memberId);
        const f = facts.get(memberId);
        if (
          !csv.write([
            memberId,
            m?.nickname ?? '',
            maskPhone(m?.phone ?? null) ?? '',
            f?.lifecycle ?? '',
            f?.orderCount ?? 0,
            ((f?.spendFen ?? 0) / 100).toFixed(2),
            f?.lastOrderAt ? beijingMinute(f.lastOrderAt) : '',
          ])
        )
          await new Promise((resolve) => csv.once('drain', resolve));
      }
      afterId = ids[ids.length - 1];
    }
    csv.end();
  }

  /** Facts, tags and lifecycle of one member (the 用户画像 page). */
  @Get('members/:id/insight')
  async memberInsight(@Param('id', ParseIntPipe) id: number) {
    await this.members.getById(id);
    const [facts, tags] = await Promise.all([this.facts.factsOf(id), this.tags.tagsOf(id)]);
    return { facts, tags: tags.map((t) => ({ id: t.id, name: t.name, kind: t.kind })) };
  }

  /** The member's latest behaviour events (the 用户画像 timeline). */
  @Get('members/:id/events')
  async memberEvents(@Param('id', ParseIntPipe) id: number, @Query() query: MemberEventsQuery): Promise<{ items: MemberEventView[] }> {
    await this.members.getById(id);
    return { items: await this.behaviour.recent(id, query.limit) };
  }

  @Post('member-facts/refresh')
  @Roles('admin')
  @HttpCode(200)
  async refreshFacts(@CurrentAccount() caller: AccountPrincipal) {
    const result = await this.facts.refreshAll();
    await this.audit.record(caller, 'member_facts.refresh', { type: 'member_fact', id: 'all' }, result);
    return result;
  }
}
