import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { decideBinding, ErrorCode, protectionEnd, type BindingPolicy } from '@mall/shared';
import { AppError } from '../common/errors/app-error';
import { insertIgnore } from '../database/insert-ignore';
import { Attribution, BindingHistory, BindingSetting, MemberBinding } from './binding.entity';

export type BindResult = { outcome: 'bound' | 'rebound' | 'already_yours' | 'protected'; binding: MemberBinding };

/**
 * 导购绑定: members bound to a store and a guide. A first binding is a unique insert (so two staff
 * scanning at once bind once); a rebind after protection is a conditional UPDATE. Payments are
 * attributed with the binding as it is when they are paid.
 */
@Injectable()
export class BindingService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async policy(): Promise<BindingPolicy> {
    const found = await this.dataSource.getRepository(BindingSetting).findOneBy({ id: 1 });
    if (found) return { protectionDays: found.protectionDays, rebindAfterProtection: found.rebindAfterProtection };
    await insertIgnore(this.dataSource.manager, BindingSetting, { id: 1 });
    return this.policy();
  }

  async updatePolicy(policy: BindingPolicy): Promise<BindingPolicy> {
    await this.policy();
    await this.dataSource.getRepository(BindingSetting).update({ id: 1 }, policy);
    return this.policy();
  }

  async bind(memberId: number, storeId: number, staffAccountId: number | null, via: 'scan' | 'poster', now = new Date()): Promise<BindResult> {
    const policy = await this.policy();
    const protectedUntil = protectionEnd(now, policy.protectionDays);
    return this.dataSource.transaction(async (manager) => {
      if (await insertIgnore(manager, MemberBinding, { memberId, storeId, staffAccountId, boundAt: now, protectedUntil, via })) {
        await manager
          .getRepository(BindingHistory)
          .insert({ memberId, storeId, staffAccountId, fromStaffAccountId: null, action: 'bind', byAccountId: staffAccountId });
        return { outcome: 'bound' as const, binding: await manager.getRepository(MemberBinding).findOneByOrFail({ memberId }) };
      }
      const current = await manager.getRepository(MemberBinding).findOneByOrFail({ memberId });
      const decision = decideBinding(current, { storeId, staffAccountId }, now, policy);
      if (decision === 'already_yours' || decision === 'protected') return { outcome: decision, binding: current };
      // The same rule, enforced by the database: the update only takes a member whose protection has ended.
      const taken = await manager
        .createQueryBuilder()
        .update(MemberBinding)
        .set({ storeId, staffAccountId, boundAt: now, protectedUntil, via })
        .where('member_id = :memberId AND protected_until <= :now', { memberId, now })
        .execute();
      if (!taken.affected) return { outcome: 'protected' as const, binding: current };
      await manager
        .getRepository(BindingHistory)
        .insert({ memberId, storeId, staffAccountId, fromStaffAccountId: current.staffAccountId, action: 'rebind', byAccountId: staffAccountId });
      return { outcome: 'rebound' as const, binding: await manager.getRepository(MemberBinding).findOneByOrFail({ memberId }) };
    });
  }

  /** Moves members of one guide (a leaver's, or one member on request) to another guide of the same store. */
  async transfer(storeId: number, fromStaff: number, toStaff: number, byAccountId: number, memberId?: number, now = new Date()): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows = await manager.getRepository(MemberBinding).findBy({ storeId, staffAccountId: fromStaff, ...(memberId ? { memberId } : {}) });
      if (memberId && rows.length === 0) throw AppError.notFound('该导购名下的会员');
      for (const row of rows) {
        const moved = await manager
          .getRepository(MemberBinding)
          .update({ memberId: row.memberId, staffAccountId: fromStaff }, { staffAccountId: toStaff, via: 'transfer', boundAt: now });
        if (moved.affected) {
          await manager
            .getRepository(BindingHistory)
            .insert({ memberId: row.memberId, storeId, staffAccountId: toStaff, fromStaffAccountId: fromStaff, action: 'transfer', byAccountId });
        }
      }
      return rows.length;
    });
  }

  bindingOf(memberId: number): Promise<MemberBinding | null> {
    return this.dataSource.getRepository(MemberBinding).findOneBy({ memberId });
  }

  /** Credits a paid order/recharge/membership to the member's store and guide as bound right now (once per payment). */
  async attribute(manager: EntityManager, kind: Attribution['kind'], refId: string, memberId: number, amountFen: number): Promise<void> {
    const binding = await manager.getRepository(MemberBinding).findOneBy({ memberId });
    if (!binding) return;
    await insertIgnore(manager, Attribution, { kind, refId, memberId, storeId: binding.storeId, staffAccountId: binding.staffAccountId, amountFen });
  }

  historyList(filter: { memberId?: number; storeId?: number }): Promise<BindingHistory[]> {
    return this.dataSource.getRepository(BindingHistory).find({
      where: { ...(filter.memberId ? { memberId: filter.memberId } : {}), ...(filter.storeId ? { storeId: filter.storeId } : {}) },
      order: { id: 'DESC' },
      take: 200,
    });
  }

  /** A page of a store's (or one guide's) members, latest bound first, with how many there are in all. */
  async membersOf(storeId: number, staffAccountId: number | undefined, skip: number, take: number): Promise<{ rows: MemberBinding[]; total: number }> {
    const [rows, total] = await this.dataSource.getRepository(MemberBinding).findAndCount({
      where: { storeId, ...(staffAccountId ? { staffAccountId } : {}) },
      order: { boundAt: 'DESC', memberId: 'DESC' },
      skip,
      take,
    });
    return { rows, total };
  }

  /** Per guide of a store: new bindings, bound members, GMV, recharges and SVIP sales in [from, to). */
  async performance(storeId: number, from: Date, to: Date) {
    const bindings = await this.dataSource
      .getRepository(BindingHistory)
      .createQueryBuilder('h')
      .select('h.staffAccountId', 'staffAccountId')
      .addSelect('COUNT(*)', 'n')
      .where("h.storeId = :storeId AND h.action IN ('bind', 'rebind') AND h.createdAt >= :from AND h.createdAt < :to", { storeId, from, to })
      .groupBy('h.staffAccountId')
      .getRawMany<{ staffAccountId: number; n: string }>();
    const bound = await this.dataSource
      .getRepository(MemberBinding)
      .createQueryBuilder('b')
      .select('b.staffAccountId', 'staffAccountId')
      .addSelect('COUNT(*)', 'n')
      .where('b.storeId = :storeId', { storeId })
      .groupBy('b.staffAccountId')
      .getRawMany<{ staffAccountId: number; n: string }>();
    const sales = await this.dataSource
      .getRepository(Attribution)
      .createQueryBuilder('a')
      .select('a.staffAccountId', 'staffAccountId')
      .addSelect('a.kind', 'kind')
      .addSelect('COALESCE(SUM(a.amount_fen), 0)', 'fen')
      .where('a.storeId = :storeId AND a.createdAt >= :from AND a.createdAt < :to', { storeId, from, to })
      .groupBy('a.staffAccountId')
      .addGroupBy('a.kind')
      .getRawMany<{ staffAccountId: number; kind: string; fen: string }>();
    const staffIds = new Set([...bindings, ...bound, ...sales].map((r) => Number(r.staffAccountId)));
    return [...staffIds].map((id) => ({
      staffAccountId: id,
      newBindings: Number(bindings.find((r) => Number(r.staffAccountId) === id)?.n ?? 0),
      boundMembers: Number(bound.find((r) => Number(r.staffAccountId) === id)?.n ?? 0),
      gmvFen: Number(sales.find((r) => Number(r.staffAccountId) === id && r.kind === 'order')?.fen ?? 0),
      rechargeFen: Number(sales.find((r) => Number(r.staffAccountId) === id && r.kind === 'recharge')?.fen ?? 0),
      svipFen: Number(sales.find((r) => Number(r.staffAccountId) === id && r.kind === 'membership')?.fen ?? 0),
    }));
  }

  assertSameStore(actorStoreId: number | null, storeId: number): void {
    if (actorStoreId !== storeId) throw new AppError(ErrorCode.FORBIDDEN, '只能操作本门店的会员');
  }
}
