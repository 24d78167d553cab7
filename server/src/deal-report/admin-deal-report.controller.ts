import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { stringify } from 'csv-stringify';
import type { Response } from 'express';
import {
  ANALYTICS_MAX_RANGE_DAYS,
  bpsPercent,
  daysBetween,
  ErrorCode,
  formatYuan,
  isDayKey,
  type DayKey,
  type DealPerformanceRow,
  type DealReport,
  type GroupBuyPerformanceRow,
} from '@mall/shared';
import { AuditService } from '../audit/audit.service';
import { CurrentAccount, Roles } from '../common/auth/auth.decorators';
import type { AccountPrincipal } from '../common/auth/principal';
import { AppError } from '../common/errors/app-error';
import { DealReportService } from './deal-report.service';
import { DealReportQuery } from './dto/deal-report.query';

function checkRange(q: DealReportQuery): { from: DayKey; to: DayKey } {
  const { from, to } = q;
  if (!isDayKey(from) || !isDayKey(to)) throw new AppError(ErrorCode.VALIDATION_FAILED, '日期无效', { from, to });
  if (from > to) throw new AppError(ErrorCode.VALIDATION_FAILED, '开始日期不能晚于结束日期', { from, to });
  if (daysBetween(from, to).length > ANALYTICS_MAX_RANGE_DAYS)
    throw new AppError(ErrorCode.VALIDATION_FAILED, `日期范围最多 ${ANALYTICS_MAX_RANGE_DAYS} 天`, { from, to });
  return { from, to };
}

const COLUMNS = [
  '类型',
  '活动ID',
  '活动名称',
  '商品',
  '开始时间',
  '结束时间',
  '商品浏览',
  '预占',
  '支付订单',
  '售出件数',
  '售罄率',
  '成交额(元)',
  '退款订单',
  '退款金额(元)',
  '购买人数',
  '新客',
  '开团数',
  '成团数',
  '失败团数',
  '成团率',
  '虚拟成员',
];

function csvRow(kind: string, r: DealPerformanceRow, g: GroupBuyPerformanceRow | null): (string | number)[] {
  return [
    kind,
    r.id,
    r.name,
    r.productName,
    r.startAt,
    r.endAt,
    r.views,
    r.reservations,
    r.paidOrders,
    r.unitsSold,
    bpsPercent(r.sellThroughBps),
    formatYuan(r.revenueFen),
    r.refundOrders,
    formatYuan(r.refundFen),
    r.uniqueBuyers,
    r.newMembers,
    g?.groupsOpened ?? '',
    g?.groupsCompleted ?? '',
    g?.groupsFailed ?? '',
    g ? bpsPercent(g.completionBps) : '',
    g?.virtualMembers ?? '',
  ];
}

/** 活动效果: flash-sale and group-buy performance, read by the roles that read the analytics dashboards. */
@ApiTags('admin: deal report')
@ApiBearerAuth()
@Roles('admin', 'ops', 'finance')
@Controller('api/admin/deal-report')
export class AdminDealReportController {
  constructor(
    private readonly reports: DealReportService,
    private readonly audit: AuditService,
  ) {}

  @Get()
  report(@Query() q: DealReportQuery): Promise<DealReport> {
    const { from, to } = checkRange(q);
    return this.reports.report(from, to);
  }

  /** The same table as CSV (UTF-8 with BOM so Excel reads the Chinese headers), streamed row by row; the export is audited. */
  @Get('export.csv')
  async export(@CurrentAccount() caller: AccountPrincipal, @Query() q: DealReportQuery, @Res() res: Response): Promise<void> {
    const { from, to } = checkRange(q);
    const report = await this.reports.report(from, to);
    const rows = [...report.flashSales.map((r) => csvRow('秒杀', r, null)), ...report.groupBuys.map((r) => csvRow('拼团', r, r))];
    await this.audit.record(caller, 'deal_report.export', { type: 'deal_report', id: 'export' }, { from, to, rows: rows.length });
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="deal-report-${from}-${to}.csv"`);
    const csv = stringify({ header: true, bom: true, columns: COLUMNS });
    csv.pipe(res);
    for (const row of rows) {
      if (!csv.write(row)) await new Promise((resolve) => csv.once('drain', resolve));
    }
    csv.end();
  }
}
