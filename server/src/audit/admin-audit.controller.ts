import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuditLogView } from '@mall/shared';
import { Roles } from '../common/auth/auth.decorators';
import { AuditService } from './audit.service';
import { AuditLogsQuery } from './dto/audit-logs.query';

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
}
