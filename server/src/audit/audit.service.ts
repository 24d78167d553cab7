import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
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
}
