import { Controller, Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { stringify } from 'csv-stringify';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ACCOUNT_ROLE_LABELS, AUDIT_ACTION_LABELS, AUDIT_TARGET_LABELS, beijingDate, beijingTime, type AccountRole, type AuditLogView } from '@mall/shared';
import { CurrentAccount, Roles } from '../common/auth/auth.decorators';
import type { AccountPrincipal } from '../common/auth/principal';
import { AuditService } from './audit.service';
import { AuditLogsExportQuery, AuditLogsQuery } from './dto/audit-logs.query';

@ApiTags('admin: audit')
@ApiBearerAuth()
@Controller('api/admin/audit-logs')
export class AdminAuditController {
  constructor(private readonly audit: AuditService) {}

  /** Newest first; filter by action (or action prefix), target and actor. */
  @Get()
  @Roles('admin', 'ops', 'finance')
  search(@Query() query: AuditLogsQuery): Promise<{ items: AuditLogView[]; total: number }> {
    return this.audit.search(query);
  }

  /** The filtered log as CSV (UTF-8 with BOM for Excel), streamed newest first; the export itself is audited. */
  @Get('export.csv')
  @Roles('admin', 'ops', 'finance')
  async export(@CurrentAccount() caller: AccountPrincipal, @Query() query: AuditLogsExportQuery, @Res() res: Response): Promise<void> {
    const rows = this.audit.exportRows(query);
    const first = await rows.next(); // bad filters fail here, before any header is sent
    await this.audit.record(caller, 'audit_log.export', { type: 'audit_log', id: 'export' }, { ...query });
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="audit-log-${beijingDate()}.csv"`);
    const csv = stringify({ header: true, bom: true, columns: ['时间', '操作', '操作代码', '对象类型', '对象ID', '操作人', '角色', '详情'] });
    csv.pipe(res);
    const write = async (a: AuditLogView) => {
      const line = [
        beijingTime(a.createdAt),
        AUDIT_ACTION_LABELS[a.action] ?? a.action,
        a.action,
        AUDIT_TARGET_LABELS[a.target.type] ?? a.target.type,
        a.target.id,
        a.actor.displayName ?? `账号 #${a.actor.id}`,
        ACCOUNT_ROLE_LABELS[a.actor.role as AccountRole] ?? a.actor.role,
        JSON.stringify(a.details),
      ];
      if (!csv.write(line)) await new Promise((resolve) => csv.once('drain', resolve));
    };
    if (!first.done) await write(first.value);
    for await (const a of rows) await write(a);
    csv.end();
  }
}
