import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type EntityManager, type Repository } from 'typeorm';
import { beijingDayStart, DAY_MS, ErrorCode, type AuditLogView } from '@mall/shared';
import { AppError } from '../common/errors/app-error';
import { Account } from '../account/account.entity';
import type { AuditLogsExportQuery, AuditLogsQuery } from './dto/audit-logs.query';
import type { AccountPrincipal } from '../common/auth/principal';
import { AuditLog } from './audit-log.entity';

/** The most entries one CSV export carries (newest first); narrower filters reach older ones. */
export const AUDIT_EXPORT_MAX = 100_000;

@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditLog) private readonly logs: Repository<AuditLog>) {}

  /** Records an admin/staff action; pass the transaction's manager to commit it with the change. */
  async record(
    actor: AccountPrincipal,
    action: string,
    target: { type: string; id: string | number },
    details: Record<string, unknown>,
    manager?: EntityManager,
  ): Promise<void> {
    const repo = manager ? manager.getRepository(AuditLog) : this.logs;
    await repo.insert({
      actorAccountId: actor.id,
      actorRole: actor.role,
      action,
      targetType: target.type,
      targetId: String(target.id),
      details: JSON.stringify(details),
    });
  }

  list(target?: { type: string; id: string }): Promise<AuditLog[]> {
    return this.logs.find({ where: target ? { targetType: target.type, targetId: target.id } : {}, order: { id: 'DESC' }, take: 200 });
  }

  async search(query: AuditLogsQuery): Promise<{ items: AuditLogView[]; total: number }> {
    const [rows, total] = await this.filtered(query)
      .orderBy('a.id', 'DESC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return { items: await this.views(rows), total };
  }

  /** Every matching entry, newest first, in batches by id (keyset, so a long export never rescans), at most EXPORT_MAX. */
  async *exportRows(query: AuditLogsExportQuery): AsyncGenerator<AuditLogView> {
    let beforeId: number | null = null;
    for (let sent = 0; sent < AUDIT_EXPORT_MAX;) {
      const qb = this.filtered(query)
        .orderBy('a.id', 'DESC')
        .take(Math.min(1000, AUDIT_EXPORT_MAX - sent));
      if (beforeId !== null) qb.andWhere('a.id < :beforeId', { beforeId });
      const rows = await qb.getMany();
      if (rows.length === 0) return;
      for (const view of await this.views(rows)) yield view;
      sent += rows.length;
      beforeId = rows[rows.length - 1].id;
    }
  }

  private filtered(query: AuditLogsExportQuery) {
    if (query.from && query.to && query.from > query.to) throw new AppError(ErrorCode.VALIDATION_FAILED, '开始日期不能晚于结束日期');
    const qb = this.logs.createQueryBuilder('a');
    if (query.action?.endsWith('.')) qb.andWhere('a.action LIKE :prefix', { prefix: `${query.action}%` });
    else if (query.action) qb.andWhere('a.action = :action', { action: query.action });
    if (query.targetType) qb.andWhere('a.target_type = :targetType', { targetType: query.targetType });
    if (query.targetId) qb.andWhere('a.target_id = :targetId', { targetId: query.targetId });
    if (query.actorAccountId) qb.andWhere('a.actor_account_id = :actor', { actor: query.actorAccountId });
    if (query.from) qb.andWhere('a.created_at >= :from', { from: beijingDayStart(query.from) });
    if (query.to) qb.andWhere('a.created_at < :to', { to: new Date(beijingDayStart(query.to).getTime() + DAY_MS) });
    return qb;
  }

  private async views(rows: AuditLog[]): Promise<AuditLogView[]> {
    const ids = [...new Set(rows.map((r) => r.actorAccountId))];
    const names = new Map(
      ids.length ? (await this.logs.manager.getRepository(Account).findBy({ id: In(ids) })).map((a) => [a.id, a.displayName] as const) : [],
    );
    return rows.map((r) => ({
      id: r.id,
      actor: { id: r.actorAccountId, role: r.actorRole, displayName: names.get(r.actorAccountId) ?? null },
      action: r.action,
      target: { type: r.targetType, id: r.targetId },
      details: parseDetails(r.details),
      createdAt: r.createdAt.toISOString(),
    }));
  }
}

function parseDetails(json: string): Record<string, unknown> {
  try {
    return JSON.parse(json) as Record<string, unknown>;
  } catch {
    return { raw: json };
  }
}
