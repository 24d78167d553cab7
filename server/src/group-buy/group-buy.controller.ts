import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuditService } from '../audit/audit.service';
import { CurrentAccount, CurrentMember, MemberOnly, Roles } from '../common/auth/auth.decorators';
import type { AccountPrincipal, MemberPrincipal } from '../common/auth/principal';
import { GroupBuyCheckoutDto, SaveGroupBuyDealDto } from './dto/group-buy.dto';
import { GroupBuyJobs } from './group-buy.jobs';
import { GroupBuyService } from './group-buy.service';

@ApiTags('group buys')
@ApiBearerAuth()
@MemberOnly()
@Controller('api/group-buys')
export class GroupBuyController {
  constructor(private readonly groupBuys: GroupBuyService) {}

  /** Live deals with a few open groups each. */
  @Get('deals')
  async deals() {
    return { items: await this.groupBuys.liveWithGroups() };
  }

  @Get('deals/:id')
  async deal(@Param('id', ParseIntPipe) id: number) {
    const deal = await this.groupBuys.getDeal(id);
    const live = (await this.groupBuys.liveWithGroups()).find((d) => d.id === id);
    return live ?? (await this.groupBuys.dealViews([deal]))[0];
  }

  /** Opens a group: creates the leader's order (the group opens when it is paid). */
  @Post('deals/:id/open')
  open(@CurrentMember() caller: MemberPrincipal, @Param('id', ParseIntPipe) id: number, @Body() dto: GroupBuyCheckoutDto) {
    return this.groupBuys.open(caller.id, id, dto);
  }

  @Get('mine')
  async mine(@CurrentMember() caller: MemberPrincipal) {
    return { items: await this.groupBuys.myGroups(caller.id) };
  }

  /** A group as its share card opens it (any member: the group id is meant to be shared). */
  @Get('groups/:id')
  group(@CurrentMember() caller: MemberPrincipal, @Param('id', ParseIntPipe) id: number) {
    return this.groupBuys.groupDetail(caller.id, id);
  }

  @Post('groups/:id/join')
  join(@CurrentMember() caller: MemberPrincipal, @Param('id', ParseIntPipe) id: number, @Body() dto: GroupBuyCheckoutDto) {
    return this.groupBuys.join(caller.id, id, dto);
  }
}

@ApiTags('admin: group buys')
@ApiBearerAuth()
@Roles('admin', 'ops')
@Controller('api/admin/group-buys')
export class AdminGroupBuyController {
  constructor(
    private readonly groupBuys: GroupBuyService,
    private readonly jobs: GroupBuyJobs,
    private readonly audit: AuditService,
  ) {}

  @Get('deals')
  async list() {
    return { items: await this.groupBuys.dealViews(await this.groupBuys.listDeals()) };
  }

  @Get('deals/:id')
  async detail(@Param('id', ParseIntPipe) id: number) {
    const [view] = await this.groupBuys.dealViews([await this.groupBuys.getDeal(id)]);
    return { ...view, groups: await this.groupBuys.groupsOf(id) };
  }

  @Post('deals')
  async create(@CurrentAccount() caller: AccountPrincipal, @Body() dto: SaveGroupBuyDealDto) {
    const deal = await this.groupBuys.createDeal({ ...dto, startsAt: Date.parse(dto.startsAt), endsAt: Date.parse(dto.endsAt) }, caller.id);
    await this.audit.record(caller, 'group_buy.create', { type: 'group_buy_deal', id: deal.id }, { ...dto });
    return (await this.groupBuys.dealViews([deal]))[0];
  }

  @Put('deals/:id')
  async update(@CurrentAccount() caller: AccountPrincipal, @Param('id', ParseIntPipe) id: number, @Body() dto: SaveGroupBuyDealDto) {
    const deal = await this.groupBuys.updateDeal(id, { ...dto, startsAt: Date.parse(dto.startsAt), endsAt: Date.parse(dto.endsAt) });
    await this.audit.record(caller, 'group_buy.update', { type: 'group_buy_deal', id }, { ...dto });
    return (await this.groupBuys.dealViews([deal]))[0];
  }

  /** Live stats and the performance report: groups by status, paid and refunded members per deal. */
  @Get('stats')
  async stats() {
    return { items: await this.groupBuys.stats() };
  }

  /** Runs the timeout and refund job now instead of waiting for the scheduler (safe to run twice at once). */
  @Post('run-due')
  @HttpCode(200)
  runDue() {
    return this.jobs.runOnce();
  }
}
