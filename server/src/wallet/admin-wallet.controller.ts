import { Body, Controller, Get, Param, ParseIntPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ErrorCode, type AdminWalletView } from '@mall/shared';
import { AuditService } from '../audit/audit.service';
import { CurrentAccount, Roles } from '../common/auth/auth.decorators';
import type { AccountPrincipal } from '../common/auth/principal';
import { AppError } from '../common/errors/app-error';
import { EntriesQuery } from './dto/entries.query';
import { RechargePlanDto, UpdateRechargePlanDto } from './dto/recharge-plan.dto';
import { LiabilityQuery, WalletAdjustmentDto, WalletSettingsDto } from './dto/wallet-admin.dto';
import { ReviewWithdrawalDto } from './dto/withdrawal.dto';
import { RechargePlan } from './recharge-plan.entity';
import { toPlanView } from './recharge.service';
import { WalletLedgerService } from './wallet-ledger.service';
import { toSettingsView, WalletSettingsService } from './wallet-settings.service';
import { WalletService } from './wallet.service';
import { WithdrawalService } from './withdrawal.service';
import { toWithdrawalView } from './withdrawal.view';
import { Idempotent, IdempotencyKey } from '../common/idempotency/idempotency.interceptor';

function planChanges(dto: Partial<RechargePlanDto>): Partial<RechargePlan> {
  const { couponTemplateIds, startsAt, endsAt, ...rest } = dto;
  return {
    ...rest,
    ...(couponTemplateIds !== undefined ? { couponTemplateIds: JSON.stringify(couponTemplateIds) } : {}),
    ...(startsAt !== undefined ? { startsAt: new Date(startsAt) } : {}),
    ...(endsAt !== undefined ? { endsAt: new Date(endsAt) } : {}),
  };
}

/** SVIP days need the plan whose benefits they carry. */
function assertMembershipGrant(plan: Pick<RechargePlan, 'membershipDays' | 'membershipPlanId'>): void {
  if ((plan.membershipDays ?? 0) > 0 && !plan.membershipPlanId)
    throw new AppError(ErrorCode.VALIDATION_FAILED, '赠送付费会员天数时请选择会员方案', {
      fields: [{ field: 'membershipPlanId', errors: ['required when membershipDays > 0'] }],
    });
}

@ApiTags('admin: wallet')
@ApiBearerAuth()
@Controller('api/admin')
export class AdminWalletController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly wallet: WalletService,
    private readonly ledger: WalletLedgerService,
    private readonly settings: WalletSettingsService,
    private readonly withdrawals: WithdrawalService,
    private readonly audit: AuditService,
  ) {}

  @Get('recharge-plans')
  @Roles('ops', 'finance')
  async plans() {
    const plans = await this.dataSource.getRepository(RechargePlan).find({ order: { sortOrder: 'ASC', id: 'ASC' } });
    return {
      items: plans.map((p) => ({
        ...toPlanView(p, 0),
        membershipDays: p.membershipDays,
        membershipPlanId: p.membershipPlanId,
        enabled: p.enabled,
        sortOrder: p.sortOrder,
        startsAt: p.startsAt?.toISOString() ?? null,
        couponTemplateIds: JSON.parse(p.couponTemplateIds),
        grantTierLevel: p.grantTierLevel,
      })),
    };
  }

  @Post('recharge-plans')
  @Roles('ops')
  async createPlan(@CurrentAccount() caller: AccountPrincipal, @Body() dto: RechargePlanDto) {
    return this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(RechargePlan);
      const plan = repo.create(planChanges(dto));
      assertMembershipGrant(plan);
      await repo.save(plan);
      await this.audit.record(caller, 'recharge_plan.create', { type: 'recharge_plan', id: plan.id }, { ...dto }, manager);
      return toPlanView(plan, 0);
    });
  }

  /** Plans are copied into each recharge at purchase, so editing one never changes past recharges. */
  @Patch('recharge-plans/:id')
  @Roles('ops')
  async updatePlan(@CurrentAccount() caller: AccountPrincipal, @Param('id', ParseIntPipe) id: number, @Body() dto: UpdateRechargePlanDto) {
    return this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(RechargePlan);
      const before = await repo.findOneBy({ id });
      if (!before) throw AppError.notFound('充值方案');
      assertMembershipGrant({ ...before, ...planChanges(dto) });
      await repo.update({ id }, planChanges(dto));
      const after = await repo.findOneByOrFail({ id });
      await this.audit.record(caller, 'recharge_plan.update', { type: 'recharge_plan', id }, { changes: dto, before: toPlanView(before, 0) }, manager);
      return toPlanView(after, 0);
    });
  }

  @Get('wallet/settings')
  @Roles('ops', 'finance')
  async getSettings() {
    return toSettingsView(await this.settings.get());
  }

  @Put('wallet/settings')
  @Roles('finance')
  async putSettings(@CurrentAccount() caller: AccountPrincipal, @Body() dto: WalletSettingsDto) {
    const before = toSettingsView(await this.settings.get());
    const after = toSettingsView(await this.settings.update(dto));
    if (after.customMinFen > after.customMaxFen) {
      await this.settings.update(before);
      throw new AppError(ErrorCode.VALIDATION_FAILED, '自定义充值下限不能高于上限');
    }
    await this.audit.record(caller, 'wallet_settings.update', { type: 'wallet_settings', id: 1 }, { before, after });
    return after;
  }

  @Get('wallets/:memberId')
  @Roles('finance', 'ops')
  async memberWallet(@Param('memberId', ParseIntPipe) memberId: number, @Query() query: EntriesQuery): Promise<AdminWalletView> {
    const [summary, entries, check] = await Promise.all([
      this.wallet.summary(memberId),
      this.wallet.entries(memberId, query.cursor, query.limit),
      this.ledger.check(memberId),
    ]);
    return { memberId, ...summary, ledgerConsistent: check[0]?.consistent ?? true, entries };
  }

  @Post('wallets/:memberId/adjustments')
  @Roles('finance')
  @Idempotent({ required: true })
  async adjust(
    @CurrentAccount() caller: AccountPrincipal,
    @Param('memberId', ParseIntPipe) memberId: number,
    @Body() dto: WalletAdjustmentDto,
    @IdempotencyKey() key: string,
  ) {
    if (dto.deltaPrincipalFen === 0 && dto.deltaBonusFen === 0) throw new AppError(ErrorCode.VALIDATION_FAILED, '调整金额不能为 0');
    return this.dataSource.transaction(async (manager) => {
      const { entry, duplicate } = await this.ledger.move(manager, {
        memberId,
        deltaPrincipalFen: dto.deltaPrincipalFen,
        deltaBonusFen: dto.deltaBonusFen,
        kind: 'adjust',
        refType: 'adjustment',
        refId: `${caller.id}`,
        idempotencyKey: `adjust:${caller.id}:${key}`,
        note: dto.reason,
      });
      if (!duplicate) await this.audit.record(caller, 'wallet.adjust', { type: 'member', id: memberId }, { ...dto, entryId: entry.id }, manager);
      return { entryId: entry.id, principalAfter: entry.principalAfterFen, bonusAfter: entry.bonusAfterFen, duplicate };
    });
  }

  @Get('wallet/liability')
  @Roles('finance')
  liability(@Query() query: LiabilityQuery) {
    return this.wallet.liability(new Date(query.from), new Date(query.to));
  }

  @Get('withdrawals')
  @Roles('finance')
  async listWithdrawals(@Query('status') status?: 'pending' | 'approved' | 'rejected') {
    return { items: (await this.withdrawals.list(status)).map(toWithdrawalView) };
  }

  @Post('withdrawals/:id/approve')
  @Roles('finance')
  async approve(@CurrentAccount() caller: AccountPrincipal, @Param('id', ParseIntPipe) id: number, @Body() dto: ReviewWithdrawalDto) {
    const withdrawal = await this.withdrawals.approve(id, caller.id, dto.note);
    await this.audit.record(
      caller,
      'withdrawal.approve',
      { type: 'withdrawal', id },
      { note: dto.note, principalFen: withdrawal.principalFen, bonusForfeitFen: withdrawal.bonusForfeitFen },
    );
    return toWithdrawalView(withdrawal);
  }

  @Post('withdrawals/:id/reject')
  @Roles('finance')
  async reject(@CurrentAccount() caller: AccountPrincipal, @Param('id', ParseIntPipe) id: number, @Body() dto: ReviewWithdrawalDto) {
    const withdrawal = await this.withdrawals.reject(id, caller.id, dto.note);
    await this.audit.record(caller, 'withdrawal.reject', { type: 'withdrawal', id }, { note: dto.note });
    return toWithdrawalView(withdrawal);
  }
}
