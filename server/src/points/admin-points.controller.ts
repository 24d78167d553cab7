import { Body, Controller, Get, Param, ParseIntPipe, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, MoreThan } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { CurrentAccount, Roles } from '../common/auth/auth.decorators';
import type { AccountPrincipal } from '../common/auth/principal';
import { AppError } from '../common/errors/app-error';
import { MallItemDto, PointsAdjustmentDto, PointsSettingsDto, UpdateMallItemDto } from './dto/points.dto';
import { PointsLedgerService } from './points-ledger.service';
import { PointsLot } from './points-lot.entity';
import { PointsMallItem } from './points-mall.entity';
import { PointsReportService } from './points-report.service';
import { toAdminMallItemView } from './points.view';
import type { MemberPointsView, PointsLiabilityReport } from '@mall/shared';
import { Idempotent, IdempotencyKey } from '../common/idempotency/idempotency.interceptor';

@ApiTags('admin: points')
@ApiBearerAuth()
@Controller('api/admin/points')
export class AdminPointsController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: PointsLedgerService,
    private readonly reports: PointsReportService,
    private readonly audit: AuditService,
  ) {}

  @Get('settings')
  @Roles('ops', 'finance')
  settings() {
    return this.ledger.settings();
  }

  @Put('settings')
  @Roles('ops')
  async putSettings(@CurrentAccount() caller: AccountPrincipal, @Body() dto: PointsSettingsDto) {
    const settings = await this.ledger.updateSettings(dto);
    await this.audit.record(caller, 'points_settings.update', { type: 'points_settings', id: 1 }, { ...dto });
    return settings;
  }

  @Get('mall-items')
  @Roles('ops')
  async items() {
    return { items: (await this.dataSource.getRepository(PointsMallItem).find({ order: { sortOrder: 'ASC', id: 'ASC' } })).map(toAdminMallItemView) };
  }

  @Post('mall-items')
  @Roles('ops')
  async createItem(@CurrentAccount() caller: AccountPrincipal, @Body() dto: MallItemDto) {
    const item = await this.dataSource.getRepository(PointsMallItem).save(this.dataSource.getRepository(PointsMallItem).create(dto));
    await this.audit.record(caller, 'points_item.create', { type: 'points_item', id: item.id }, { ...dto });
    return toAdminMallItemView(item);
  }

  @Patch('mall-items/:id')
  @Roles('ops')
  async updateItem(@CurrentAccount() caller: AccountPrincipal, @Param('id', ParseIntPipe) id: number, @Body() dto: UpdateMallItemDto) {
    if (!(await this.dataSource.getRepository(PointsMallItem).existsBy({ id }))) throw AppError.notFound('积分商品');
    await this.dataSource.getRepository(PointsMallItem).update({ id }, dto);
    await this.audit.record(caller, 'points_item.update', { type: 'points_item', id }, { ...dto });
    return toAdminMallItemView(await this.dataSource.getRepository(PointsMallItem).findOneByOrFail({ id }));
  }

  @Get('members/:memberId')
  @Roles('ops', 'finance')
  async member(@Param('memberId', ParseIntPipe) memberId: number): Promise<MemberPointsView> {
    const [balance, lots, entries, check] = await Promise.all([
      this.ledger.balance(memberId),
      this.dataSource.getRepository(PointsLot).find({ where: { memberId, expiredAt: IsNull(), remainingPoints: MoreThan(0) }, order: { expiresAt: 'ASC' } }),
      this.reports.entries(memberId, undefined, 50),
      this.ledger.check(memberId),
    ]);
    return {
      memberId,
      balance,
      consistent: check.cached === check.lots && check.cached === check.entries,
      lots: lots.map((l) => ({
        id: l.id,
        amountPoints: l.amountPoints,
        remainingPoints: l.remainingPoints,
        source: l.source,
        expiresAt: l.expiresAt.toISOString(),
        expiredAt: l.expiredAt?.toISOString() ?? null,
      })),
      entries: entries.items,
    };
  }

  @Post('members/:memberId/adjustments')
  @Roles('ops', 'finance')
  @Idempotent({ required: true })
  async adjust(
    @CurrentAccount() caller: AccountPrincipal,
    @Param('memberId', ParseIntPipe) memberId: number,
    @Body() dto: PointsAdjustmentDto,
    @IdempotencyKey() key: string,
  ) {
    return this.dataSource.transaction(async (manager) => {
      const ref = { memberId, refType: 'adjustment', refId: String(caller.id), idempotencyKey: `points-adjust:${caller.id}:${key}`, note: dto.reason };
      if (dto.points > 0) await this.ledger.earn(manager, { ...ref, points: dto.points, source: 'adjust', kind: 'adjust' });
      else await this.ledger.spend(manager, { ...ref, points: -dto.points });
      await this.audit.record(caller, 'points.adjust', { type: 'member', id: memberId }, { ...dto }, manager);
      return { balance: (await this.ledger.lock(manager, memberId)).balancePoints };
    });
  }

  @Get('liability')
  @Roles('finance', 'ops')
  liability(): Promise<PointsLiabilityReport> {
    return this.reports.liability();
  }

  @Post('expire')
  @Roles('admin')
  expire() {
    return this.ledger.expireDue(new Date());
  }
}
