import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { AdminMembershipPurchaseView, Page } from '@mall/shared';
import { AuditService } from '../audit/audit.service';
import { CurrentAccount, CurrentMember, MemberOnly, Roles } from '../common/auth/auth.decorators';
import type { AccountPrincipal, MemberPrincipal } from '../common/auth/principal';
import { AppError } from '../common/errors/app-error';
import { Idempotent } from '../common/idempotency/idempotency.interceptor';
import {
  AdminPurchasesQuery,
  AdminRefundMembershipDto,
  MembershipPlanDto,
  MetricsQuery,
  PurchaseMembershipDto,
  RefundMembershipDto,
  UpdateMembershipPlanDto,
} from './dto/membership.dto';
import { MembershipPeriodRecord, MembershipPlan, MembershipPurchase } from './membership.entity';
import { MembershipService } from './membership.service';

@ApiTags('membership')
@ApiBearerAuth()
@MemberOnly()
@Controller('api/membership')
export class MembershipController {
  constructor(private readonly membership: MembershipService) {}

  /** Status, the current period's savings against its cost, plans with this member's price. */
  @Get()
  summary(@CurrentMember() caller: MemberPrincipal) {
    return this.membership.summary(caller.id);
  }

  @Post('purchases')
  @Idempotent()
  purchase(@CurrentMember() caller: MemberPrincipal, @Body() dto: PurchaseMembershipDto) {
    return this.membership.purchase(caller.id, dto);
  }

  /** What a refund would return now, per the plan's policy (savings deducted when it says so). */
  @Get('purchases/:id/refund-quote')
  refundQuote(@CurrentMember() caller: MemberPrincipal, @Param('id', ParseIntPipe) id: number) {
    return this.membership.refundQuote(caller.id, id);
  }

  @Post('purchases/:id/refund')
  @HttpCode(200)
  async refund(@CurrentMember() caller: MemberPrincipal, @Param('id', ParseIntPipe) id: number, @Body() dto: RefundMembershipDto) {
    const p = await this.membership.refund(caller.id, id, dto);
    return this.membership.purchaseView(p, null);
  }
}

@ApiTags('admin: membership')
@ApiBearerAuth()
@Controller('api/admin/membership')
export class AdminMembershipController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly membership: MembershipService,
    private readonly audit: AuditService,
  ) {}

  @Get('plans')
  @Roles('ops', 'finance')
  async plans() {
    return { items: await this.dataSource.getRepository(MembershipPlan).find({ order: { sortOrder: 'ASC', id: 'ASC' } }) };
  }

  @Post('plans')
  @Roles('ops')
  async create(@CurrentAccount() caller: AccountPrincipal, @Body() dto: MembershipPlanDto) {
    const plan = await this.dataSource.getRepository(MembershipPlan).save(this.dataSource.getRepository(MembershipPlan).create(dto));
    this.membership.plansChanged();
    await this.audit.record(caller, 'membership_plan.create', { type: 'membership_plan', id: plan.id }, { ...dto });
    return plan;
  }

  /** Plans are copied into each purchase and period, so edits never change what was sold. */
  @Patch('plans/:id')
  @Roles('ops')
  async update(@CurrentAccount() caller: AccountPrincipal, @Param('id', ParseIntPipe) id: number, @Body() dto: UpdateMembershipPlanDto) {
    if (!(await this.dataSource.getRepository(MembershipPlan).existsBy({ id }))) throw AppError.notFound('会员方案');
    await this.dataSource.getRepository(MembershipPlan).update({ id }, dto);
    this.membership.plansChanged();
    await this.audit.record(caller, 'membership_plan.update', { type: 'membership_plan', id }, { ...dto });
    return this.dataSource.getRepository(MembershipPlan).findOneByOrFail({ id });
  }

  @Get('purchases')
  @Roles('ops', 'finance')
  async purchases(@Query() query: AdminPurchasesQuery): Promise<Page<AdminMembershipPurchaseView>> {
    const where = { ...(query.memberId ? { memberId: query.memberId } : {}), ...(query.status ? { status: query.status } : {}) };
    const [rows, total] = await this.dataSource
      .getRepository(MembershipPurchase)
      .findAndCount({ where, order: { id: 'DESC' }, skip: (query.page - 1) * query.pageSize, take: query.pageSize });
    return { items: rows.map((p) => ({ ...this.membership.purchaseView(p, null), memberId: p.memberId })), total };
  }

  /** Finance refunds a paid purchase with a reason, whatever the plan's policy (audited). */
  @Post('purchases/:id/refund')
  @HttpCode(200)
  @Roles('finance')
  async refund(@CurrentAccount() caller: AccountPrincipal, @Param('id', ParseIntPipe) id: number, @Body() dto: AdminRefundMembershipDto) {
    const p = await this.membership.adminRefund(id, dto);
    await this.audit.record(caller, 'membership_purchase.refund', { type: 'membership_purchase', id }, { amountFen: p.refundedFen, reason: dto.reason });
    return this.membership.purchaseView(p, null);
  }

  @Get('members')
  @Roles('ops', 'finance')
  async members() {
    const periods = await this.dataSource
      .getRepository(MembershipPeriodRecord)
      .find({ where: { status: In(['active', 'refunded']) }, order: { memberId: 'ASC', startsAt: 'ASC' }, take: 2000 });
    const byMember = new Map<number, MembershipPeriodRecord[]>();
    for (const p of periods) byMember.set(p.memberId, [...(byMember.get(p.memberId) ?? []), p]);
    const now = new Date();
    return {
      items: [...byMember.entries()].map(([memberId, ps]) => {
        const active = ps.filter((p) => p.status === 'active');
        const expiresAt = active.reduce<Date | null>((m, p) => (!m || p.endsAt > m ? p.endsAt : m), null);
        return {
          memberId,
          active: active.some((p) => p.startsAt <= now && now < p.endsAt),
          expiresAt: expiresAt?.toISOString() ?? null,
          periods: ps.map((p) => ({
            planId: p.planId,
            startsAt: p.startsAt.toISOString(),
            endsAt: p.endsAt.toISOString(),
            priceFen: p.priceFen,
            status: p.status,
          })),
        };
      }),
    };
  }

  @Get('metrics')
  @Roles('ops', 'finance')
  metrics(@Query() query: MetricsQuery) {
    return this.membership.metrics(new Date(query.from), new Date(query.to));
  }
}
