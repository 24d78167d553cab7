import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type EntityManager, type Repository } from 'typeorm';
import type { AuditLogView } from '@mall/shared';
import { Account } from '../account/account.entity';
import type { AuditLogsQuery } from './dto/audit-logs.query';
import type { AccountPrincipal } from '../common/auth/principal';
import { AuditLog } from './audit-log.entity';

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
    const qb = this.logs.createQueryBuilder('a').orderBy('a.id', 'DESC');
    if (query.action?.endsWith('.')) qb.andWhere('a.action LIKE :prefix', { prefix: `${query.action}%` });
    else if (query.action) qb.andWhere('a.action = :action', { action: query.action });
    if (query.targetType) qb.andWhere('a.target_type = :targetType', { targetType: query.targetType });
    if (query.targetId) qb.andWhere('a.target_id = :targetId', { targetId: query.targetId });
    if (query.actorAccountId) qb.andWhere('a.actor_account_id = :actor', { actor: query.actorAccountId });
    const [rows, total] = await qb
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    const ids = [...new Set(rows.map((r) => r.actorAccountId))];
    const names = new Map(
      ids.length ? (await this.logs.manager.getRepository(Account).findBy({ id: In(ids) })).map((a) => [a.id, a.displayName] as const) : [],
    );
    return {
      items: rows.map((r) => ({
        id: r.id,
        actor: { id: r.actorAccountId, role: r.actorRole, displayName: names.get(r.actorAccountId) ?? null },
        action: r.action,
        target: { type: r.targetType, id: r.targetId },
        details: parseDetails(r.details),
        createdAt: r.createdAt.toISOString(),
      })),
      total,
    };
  }
}

function parseDetails(json: string): Record<string, unknown> {
  try {
    return JSON.parse(json) as Record<string, unknown>;
  } catch {
    return { raw: json };
  }
}
