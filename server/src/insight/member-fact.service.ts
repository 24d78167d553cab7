import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { LIFECYCLE_STAGES, lifecycleStage, repurchaseStage, RFM_BANDS, rfmBand, type InsightOverview, type MemberFacts } from '@mall/shared';
import { parseDbDate } from '../database/db-date';
import { MemberService } from '../member/member.service';
import { MemberFact } from './insight.entity';
import { MemberFactRegistry } from './member-fact-registry';
import { TagService } from './tag.service';

const PAGE = 500;

/** Keeps `member_fact` current: asks every domain's contributor, derives lifecycle/RFM, syncs system tags. */
@Injectable()
export class MemberFactService {
  private readonly logger = new Logger('MemberFacts');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: MemberFactRegistry,
    private readonly members: MemberService,
    private readonly tags: TagService,
  ) {}

  /** Recomputes these members' facts; idempotent, safe to run twice at once (last write wins with the same values). */
  async refresh(memberIds: number[], now = new Date()): Promise<number> {
    const ids = [...new Set(memberIds)];
    if (ids.length === 0) return 0;
    const known = await this.members.byIds(ids);
    const present = ids.filter((id) => known.has(id));
    const collected = await this.registry.collect(present, now);
    const previous = await this.factsOfMany(present);
    const rows: MemberFact[] = [];
    for (const id of present) {
      const facts = collected.get(id) ?? {};
      const orderCount = facts.orderCount ?? 0;
      const spendFen = facts.spendFen ?? 0;
      const row = this.dataSource.getRepository(MemberFact).create({
        memberId: id,
        registeredAt: facts.registeredAt ?? known.get(id)!.createdAt,
        firstOrderAt: facts.firstOrderAt ?? null,
        lastOrderAt: facts.lastOrderAt ?? null,
        lastActiveAt: facts.lastActiveAt ?? null,
        orderCount,
        spendFen,
        orderCount30d: facts.orderCount30d ?? 0,
        spend30dFen: facts.spend30dFen ?? 0,
        orderCount90d: facts.orderCount90d ?? 0,
        spend90dFen: facts.spend90dFen ?? 0,
        avgOrderFen: orderCount > 0 ? Math.round(spendFen / orderCount) : null,
        province: facts.province ?? null,
        city: facts.city ?? null,
        gender: facts.gender ?? 'unknown',
        birthdayMonth: facts.birthdayMonth ?? null,
        sourceChannel: facts.sourceChannel ?? null,
        storeId: facts.storeId ?? null,
        guideId: facts.guideId ?? null,
        tierLevel: facts.tierLevel ?? 1,
        svipActive: facts.svipActive ?? false,
        svipExpiresAt: facts.svipExpiresAt ?? null,
        walletFen: facts.walletFen ?? 0,
        points: facts.points ?? 0,
        favouriteCount: facts.favouriteCount ?? 0,
      });
      row.lifecycle = lifecycleStage(row, now);
      const before = previous.get(id) as MemberFact | undefined;
      row.lifecycleSince = before && before.lifecycle === row.lifecycle ? before.lifecycleSince : now;
      row.rfm = rfmBand(row, now);
      rows.push(row);
    }
    if (rows.length === 0) return 0;
    await this.dataSource.getRepository(MemberFact).upsert(rows, ['memberId']);
    await this.tags.syncSystemTags(rows.map((row) => ({ memberId: row.memberId, keys: systemTagKeys(row, now) })));
    return rows.length;
  }

  /** Every member, in pages by id (the nightly job, and the first fill). */
  async refreshAll(now = new Date()): Promise<{ refreshed: number }> {
    let afterId = 0;
    let refreshed = 0;
    for (;;) {
      const ids = await this.members.idsAfter(afterId, PAGE);
      if (ids.length === 0) break;
      refreshed += await this.refresh(ids, now);
      afterId = ids[ids.length - 1];
    }
    this.logger.log({ msg: 'facts refreshed', refreshed });
    return { refreshed };
  }

  async factsOf(memberId: number): Promise<MemberFact | null> {
    return this.dataSource.getRepository(MemberFact).findOneBy({ memberId });
  }

  /** Members per lifecycle stage and RFM band, as the kept facts say (the segment list's distribution chart). */
  async overview(): Promise<InsightOverview> {
    const repo = this.dataSource.getRepository(MemberFact);
    const count = (column: 'lifecycle' | 'rfm') =>
      repo.createQueryBuilder('f').select(`f.${column}`, 'k').addSelect('COUNT(*)', 'n').groupBy(`f.${column}`).getRawMany<{ k: string; n: string | number }>();
    const [lifecycleRows, rfmRows, oldest] = await Promise.all([
      count('lifecycle'),
      count('rfm'),
      repo.createQueryBuilder('f').select('MIN(f.refreshed_at)', 'at').getRawOne<{ at: string | Date | null }>(),
    ]);
    const tally = <K extends string>(keys: readonly K[], rows: { k: string; n: string | number }[]) => {
      const byKey = new Map(rows.map((r) => [r.k, Number(r.n)]));
      return Object.fromEntries(keys.map((k) => [k, byKey.get(k) ?? 0])) as Record<K, number>;
    };
    const lifecycle = tally(LIFECYCLE_STAGES, lifecycleRows);
    return {
      total: Object.values<number>(lifecycle).reduce((a, b) => a + b, 0),
      lifecycle,
      rfm: tally(RFM_BANDS, rfmRows),
      oldestRefreshAt: oldest?.at ? parseDbDate(oldest.at).toISOString() : null,
    };
  }

  async factsOfMany(memberIds: number[]): Promise<Map<number, MemberFact>> {
    if (memberIds.length === 0) return new Map();
    const rows = await this.dataSource.getRepository(MemberFact).findBy({ memberId: In(memberIds) });
    return new Map(rows.map((r) => [r.memberId, r]));
  }
}

/** The system tags a member's facts put on them (kept in step by the refresh). */
export function systemTagKeys(facts: MemberFacts, now: Date): string[] {
  const keys = [`lifecycle:${facts.lifecycle}`, `rfm:${facts.rfm}`];
  if (facts.svipActive) keys.push('svip');
  if (facts.walletFen > 0) keys.push('stored_value');
  if (facts.sourceChannel) keys.push(`source:${facts.sourceChannel}`);
  const stage = repurchaseStage(facts, now);
  if (stage) keys.push(`repurchase:${stage}`);
  return keys;
}
