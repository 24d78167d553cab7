import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BOUGHT_ORDER_STATUSES, DAY_MS, type MemberFacts } from '@mall/shared';
import { MemberFactRegistry, type MemberFactContributor } from '../insight/member-fact-registry';
import { splitRegion } from '../member/member-facts.contributor';
import { parseDbDate } from '../database/db-date';
import { Address, ShopOrder } from './order.entity';

@Injectable()
export class OrderFactsContributor implements MemberFactContributor, OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: MemberFactRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.register('order', this);
  }

  async factsFor(memberIds: number[], now: Date): Promise<Map<number, Partial<MemberFacts>>> {
    const d30 = new Date(now.getTime() - 30 * DAY_MS);
    const d90 = new Date(now.getTime() - 90 * DAY_MS);
    const rows: Record<string, string | number | Date | null>[] = await this.dataSource
      .getRepository(ShopOrder)
      .createQueryBuilder('o')
      .select('o.member_id', 'memberId')
      .addSelect('MIN(o.paid_at)', 'firstOrderAt')
      .addSelect('MAX(o.paid_at)', 'lastOrderAt')
      .addSelect('COUNT(*)', 'orderCount')
      .addSelect('SUM(o.payable_fen)', 'spendFen')
      .addSelect('SUM(CASE WHEN o.paid_at >= :d30 THEN 1 ELSE 0 END)', 'orderCount30d')
      .addSelect('SUM(CASE WHEN o.paid_at >= :d30 THEN o.payable_fen ELSE 0 END)', 'spend30dFen')
      .addSelect('SUM(CASE WHEN o.paid_at >= :d90 THEN 1 ELSE 0 END)', 'orderCount90d')
      .addSelect('SUM(CASE WHEN o.paid_at >= :d90 THEN o.payable_fen ELSE 0 END)', 'spend90dFen')
      .where('o.member_id IN (:...ids) AND o.status IN (:...bought) AND o.paid_at IS NOT NULL', { ids: memberIds, bought: BOUGHT_ORDER_STATUSES, d30, d90 })
      .groupBy('o.member_id')
      .getRawMany();
    const out = new Map<number, Partial<MemberFacts>>();
    for (const r of rows) {
      out.set(Number(r.memberId), {
        firstOrderAt: r.firstOrderAt ? parseDbDate(r.firstOrderAt as string | Date) : null,
        lastOrderAt: r.lastOrderAt ? parseDbDate(r.lastOrderAt as string | Date) : null,
        orderCount: Number(r.orderCount),
        spendFen: Number(r.spendFen ?? 0),
        orderCount30d: Number(r.orderCount30d ?? 0),
        spend30dFen: Number(r.spend30dFen ?? 0),
        orderCount90d: Number(r.orderCount90d ?? 0),
        spend90dFen: Number(r.spend90dFen ?? 0),
      });
    }
    // Region from the member's default (else latest) address, which beats the profile's.
    const addresses = await this.dataSource.getRepository(Address).createQueryBuilder('a').where('a.member_id IN (:...ids)', { ids: memberIds }).getMany();
    const chosen = new Map<number, Address>();
    for (const a of addresses) {
      const prev = chosen.get(a.memberId);
      if (!prev || (a.isDefault && !prev.isDefault) || (a.isDefault === prev.isDefault && a.id > prev.id)) chosen.set(a.memberId, a);
    }
    for (const [memberId, a] of chosen) {
      const region = splitRegion(a.region);
      if (region.province) out.set(memberId, { ...(out.get(memberId) ?? {}), ...region });
    }
    return out;
  }
}
