import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { stringify } from 'csv-stringify';
import type { Response } from 'express';
import {
  ANALYTICS_MAX_RANGE_DAYS,
  beijingDate,
  beijingMonth,
  daysBetween,
  ErrorCode,
  formatYuan,
  isDayKey,
  type AnalyticsExport,
  type DayKey,
  type FunnelReport,
  type LiabilityReport2,
  type LtvReport,
  type MembersReport,
  type PermissionMatrixView,
  type SalesGroupView,
  type SalesReport,
  type SvipReport,
  STORE_SCOPED_EXPORTS,
} from '@mall/shared';
import { AuditService } from '../audit/audit.service';
import { CurrentAccount, Roles } from '../common/auth/auth.decorators';
import type { AccountPrincipal } from '../common/auth/principal';
import { AppError } from '../common/errors/app-error';
import { AnalyticsReportService } from './analytics-report.service';
import { AnalyticsExportQuery, AnalyticsRangeQuery, LtvQuery, SalesByQuery, ScopedRangeQuery, StoreQuery } from './dto/analytics.dto';
import { PermissionMatrixService } from './permission-matrix.service';

function checkRange(from: string, to: string): { from: DayKey; to: DayKey } {
  if (!isDayKey(from) || !isDayKey(to)) throw new AppError(ErrorCode.VALIDATION_FAILED, '日期无效', { from, to });
  if (from > to) throw new AppError(ErrorCode.VALIDATION_FAILED, '开始日期不能晚于结束日期', { from, to });
  if (daysBetween(from, to).length > ANALYTICS_MAX_RANGE_DAYS)
    throw new AppError(ErrorCode.VALIDATION_FAILED, `日期范围最多 ${ANALYTICS_MAX_RANGE_DAYS} 天`, { from, to });
  return { from, to };
}

function checkMonths(fromMonth: string, toMonth: string): { fromMonth: string; toMonth: string } {
  if (fromMonth > toMonth) throw new AppError(ErrorCode.VALIDATION_FAILED, '开始月份不能晚于结束月份', { fromMonth, toMonth });
  return { fromMonth, toMonth };
}

/**
 * The store a dashboard call is limited to, decided on the server from the caller's account: a store
 * manager always gets their own store (no parameter needed) and naming another store is refused with
 * 403 rather than silently answered, so a tampered link cannot look like another store's figures;
 * brand roles get the whole brand or the one store they pick.
 */
export function storeScope(caller: AccountPrincipal, requested: number | undefined): number | null {
  if (caller.role === 'store_manager') {
    if (caller.storeId === null) throw AppError.forbidden('店长账号未绑定门店');
    if (requested !== undefined && requested !== caller.storeId)
      throw new AppError(ErrorCode.FORBIDDEN, '只能查看本店数据', { storeId: requested, ownStoreId: caller.storeId });
    return caller.storeId;
  }
  return requested ?? null;
}

const yuan = (fen: number | null) => (fen === null ? '' : formatYuan(fen));
const pct = (r: number | null) => (r === null ? '' : `${(r * 100).toFixed(2)}%`);

/**
 * Ops dashboards (figures from the analytics rollups only) and their CSV exports, plus the permission
 * matrix generated from route metadata. Brand roles see everything; store managers open only the
 * dashboards with a store dimension (sales, store/guide/channel tables, members, funnels), always
 * limited to their own store (storeScope). SVIP, stored value/points liabilities and LTV are brand
 * figures (fees, ledgers and cohorts have no store) and stay closed to them.
 */
@ApiTags('admin: analytics')
@ApiBearerAuth()
@Roles('admin', 'ops', 'finance')
@Controller('api/admin')
export class AdminAnalyticsController {
  constructor(
    private readonly reports: AnalyticsReportService,
    private readonly permissions: PermissionMatrixService,
    private readonly audit: AuditService,
  ) {}

  @Get('analytics/sales')
  @Roles('ops', 'finance', 'store_manager')
  sales(@CurrentAccount() caller: AccountPrincipal, @Query() q: ScopedRangeQuery): Promise<SalesReport> {
    const { from, to } = checkRange(q.from, q.to);
    return this.reports.sales(from, to, storeScope(caller, q.storeId));
  }

  @Get('analytics/sales-by')
  @Roles('ops', 'finance', 'store_manager')
  async salesBy(@CurrentAccount() caller: AccountPrincipal, @Query() q: SalesByQuery): Promise<{ items: SalesGroupView[] }> {
    const { from, to } = checkRange(q.from, q.to);
    return { items: await this.reports.salesBy(q.groupBy, from, to, storeScope(caller, q.storeId)) };
  }

  /** Community invitation funnel and flash-sale / group-buy figures (dashboard summary; the per-deal report lives with the deals). */
  @Get('analytics/funnels')
  @Roles('ops', 'finance', 'store_manager')
  funnels(@CurrentAccount() caller: AccountPrincipal, @Query() q: ScopedRangeQuery): Promise<FunnelReport> {
    const { from, to } = checkRange(q.from, q.to);
    return this.reports.funnels(from, to, storeScope(caller, q.storeId));
  }

  @Get('analytics/svip')
  svip(@Query() q: AnalyticsRangeQuery): Promise<SvipReport> {
    const { from, to } = checkRange(q.from, q.to);
    return this.reports.svip(from, to);
  }

  @Get('analytics/liabilities')
  liabilities(@Query() q: AnalyticsRangeQuery): Promise<LiabilityReport2> {
    const { from, to } = checkRange(q.from, q.to);
    return this.reports.liabilities(from, to);
  }

  @Get('analytics/members')
  @Roles('ops', 'finance', 'store_manager')
  members(@CurrentAccount() caller: AccountPrincipal, @Query() q: StoreQuery): Promise<MembersReport> {
    return this.reports.members(storeScope(caller, q.storeId));
  }

  @Get('analytics/ltv')
  ltv(@Query() q: LtvQuery): Promise<LtvReport> {
    const { fromMonth, toMonth } = checkMonths(q.fromMonth, q.toMonth);
    return this.reports.ltv(fromMonth, toMonth);
  }

  /** Every admin route and the roles allowed, read from the route metadata the guard enforces. */
  @Get('permissions')
  permissionMatrix(): PermissionMatrixView {
    return this.permissions.matrix();
  }

  /** One dashboard table as CSV (UTF-8 with BOM so Excel reads the Chinese headers), streamed row by row. */
  @Get('analytics/export.csv')
  @Roles('ops', 'finance', 'store_manager')
  async export(@CurrentAccount() caller: AccountPrincipal, @Query() q: AnalyticsExportQuery, @Res() res: Response): Promise<void> {
    if (caller.role === 'store_manager' && !STORE_SCOPED_EXPORTS.includes(q.table)) throw AppError.forbidden('该报表为品牌级数据，店长不可导出');
    const storeId = storeScope(caller, q.storeId);
    const today = beijingDate();
    const needsDays = !['members', 'ltv'].includes(q.table);
    const range = needsDays ? checkRange(q.from ?? '', q.to ?? '') : null;
    const months = q.table === 'ltv' ? checkMonths(q.fromMonth ?? beijingMonth(), q.toMonth ?? beijingMonth()) : null;
    const { header, rows } = await this.table(q.table, range, months, storeId);
    await this.audit.record(caller, 'analytics.export', { type: 'analytics', id: q.table }, { ...range, ...months, storeId, rows: rows.length });
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="analytics-${q.table}${storeId ? `-store${storeId}` : ''}-${range?.to ?? today}.csv"`);
    const csv = stringify({ header: true, bom: true, columns: header });
    csv.pipe(res);
    for (const row of rows) {
      if (!csv.write(row)) await new Promise((resolve) => csv.once('drain', resolve));
    }
    csv.end();
  }

  private async table(
    table: AnalyticsExport,
    range: { from: DayKey; to: DayKey } | null,
    months: { fromMonth: string; toMonth: string } | null,
    storeId: number | null,
  ): Promise<{ header: string[]; rows: (string | number)[][] }> {
    switch (table) {
      case 'sales': {
        const r = await this.reports.sales(range!.from, range!.to, storeId);
        return {
          header: ['日期', '新增会员', '订单数', 'GMV(元)', '退款(元)', '净GMV(元)', '客单价(元)', 'SVIP会员净收入(元)', '非会员净收入(元)'],
          rows: r.days.map((d) => [
            d.day,
            d.newMembers,
            d.orders,
            yuan(d.gmvFen),
            yuan(d.refundFen),
            yuan(d.netGmvFen),
            yuan(d.aovFen),
            yuan(d.svipGmvFen),
            yuan(d.nonSvipGmvFen),
          ]),
        };
      }
      case 'stores':
      case 'guides':
      case 'channels': {
        const items = await this.reports.salesBy(table === 'stores' ? 'store' : table === 'guides' ? 'guide' : 'channel', range!.from, range!.to, storeId);
        const title = table === 'stores' ? '门店' : table === 'guides' ? '导购' : '渠道';
        return {
          header: [title, '新增会员', '订单数', 'GMV(元)', '退款(元)', '客单价(元)', 'SVIP收入占比'],
          rows: items.map((i) => [i.label, i.newMembers, i.orders, yuan(i.gmvFen), yuan(i.refundFen), yuan(i.aovFen), pct(i.svipShare)]),
        };
      }
      case 'svip': {
        const r = await this.reports.svip(range!.from, range!.to);
        return {
          header: ['日期', '新开通', '续费', '会费(元)', '会费退款(元)', '到期', '到期后续费', '流失', '日末有效会员', '会员优惠(元)'],
          rows: r.days.map((d) => [
            d.day,
            d.newCount,
            d.renewedCount,
            yuan(d.feeFen),
            yuan(d.refundFen),
            d.ended,
            d.renewedOfEnded,
            d.churned ?? '',
            d.activeEnd,
            yuan(d.savingsFen),
          ]),
        };
      }
      case 'renewal': {
        const r = await this.reports.svip(range!.from, range!.to);
        return { header: ['到期月份', '到期数', '续费数', '续费率'], rows: r.renewal.map((c) => [c.month, c.ended, c.renewed, pct(c.rate)]) };
      }
      case 'liabilities': {
        const r = await this.reports.liabilities(range!.from, range!.to);
        return {
          header: [
            '日期',
            '充值本金(元)',
            '充值赠送(元)',
            '消费本金(元)',
            '消费赠送(元)',
            '退回本金(元)',
            '退回赠送(元)',
            '其他本金(元)',
            '其他赠送(元)',
            '本金余额(元)',
            '赠送余额(元)',
            '积分发放',
            '积分使用',
            '积分过期',
            '积分其他',
            '积分余额',
          ],
          rows: r.days.map((d) => [
            d.day,
            yuan(d.rechargedPrincipalFen),
            yuan(d.rechargedBonusFen),
            yuan(d.spentPrincipalFen),
            yuan(d.spentBonusFen),
            yuan(d.refundedPrincipalFen),
            yuan(d.refundedBonusFen),
            yuan(d.otherPrincipalFen),
            yuan(d.otherBonusFen),
            yuan(d.outstandingPrincipalFen),
            yuan(d.outstandingBonusFen),
            d.pointsIssued,
            d.pointsRedeemed,
            d.pointsExpired,
            d.pointsOther,
            d.pointsOutstanding,
          ]),
        };
      }
      case 'members': {
        const r = await this.reports.members(storeId);
        return {
          header: ['维度', '分组', '会员数'],
          rows: [
            ...r.byTier.map((t) => ['等级', t.name, t.members]),
            ...r.byLifecycle.map((l) => ['生命周期', l.label, l.members]),
            ['复购', '下单会员', r.buyers],
            ['复购', '复购会员', r.repeatBuyers],
            ['复购', '复购率', pct(r.repurchaseRate)],
          ],
        };
      }
      case 'ltv': {
        const r = await this.reports.ltv(months!.fromMonth, months!.toMonth);
        return {
          header: ['加入月份', '会员数', ...Array.from({ length: r.maxOffset + 1 }, (_, i) => `第${i}月(元/人)`)],
          rows: r.rows.map((row) => [row.cohort, row.members, ...row.cumulativePerMemberFen.map((c) => (c === null ? '' : formatYuan(c)))]),
        };
      }
      case 'funnels': {
        const r = await this.reports.funnels(range!.from, range!.to, storeId);
        return {
          header: [
            '日期',
            '社群-符合条件',
            '社群-已邀请',
            '社群-已查看',
            '社群-已领取群码',
            '社群-已入群',
            '社群-入群后下单',
            '秒杀-预占',
            '秒杀-已售出',
            '秒杀-已释放',
            '秒杀-售出件数',
            '拼团-开团',
            '拼团-成团',
            '拼团-失败',
          ],
          rows: r.days.map((d) => [
            d.day,
            d.eligible,
            d.invited,
            d.viewed,
            d.codeShown,
            d.joined,
            d.active,
            d.flashReserved,
            d.flashSold,
            d.flashReleased,
            d.flashSoldUnits,
            d.groupOpened,
            d.groupCompleted,
            d.groupFailed,
          ]),
        };
      }
    }
  }
}
