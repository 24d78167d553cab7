import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, LessThan } from 'typeorm';
import type { BehaviourEventType, MemberEventView, ProductSummary, VisitSource } from '@mall/shared';
import { CatalogService } from '../catalog/catalog.service';
import { AppError } from '../common/errors/app-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { parseDbDate } from '../database/db-date';
import { insertIgnore } from '../database/insert-ignore';
import { Favourite, MemberEvent, MemberFact } from './insight.entity';

export interface IncomingEvent {
  id: string;
  type: BehaviourEventType;
  objectId?: number;
  term?: string;
  source?: string;
  at?: string;
}

const FUTURE_SKEW_MS = 5 * 60_000;
const MAX_AGE_MS = 7 * 86_400_000;

/** Digits that could be a phone or an id number never reach the event table. */
export function scrubTerm(term: string | undefined): string | null {
  if (!term) return null;
  const clean = term.replace(/\d{7,}/g, (d) => '#'.repeat(Math.min(d.length, 11))).trim();
  return clean ? clean.slice(0, 64) : null;
}

/** Behaviour events from the mini-program (append-only, idempotent per client event id) and favourites. */
@Injectable()
export class BehaviourService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly catalog: CatalogService,
  ) {}

  /** Stores a batch; an event sent again (same client id) is stored once. Client clocks are not trusted beyond a window. */
  async record(memberId: number, events: IncomingEvent[], now = new Date()): Promise<{ accepted: number }> {
    if (events.length === 0) return { accepted: 0 };
    const rows = events.map((e) => {
      const claimed = e.at ? new Date(e.at).getTime() : NaN;
      const at =
        Number.isFinite(claimed) && claimed <= now.getTime() + FUTURE_SKEW_MS && claimed >= now.getTime() - MAX_AGE_MS
          ? new Date(Math.min(claimed, now.getTime()))
          : now;
      return {
        memberId,
        type: e.type,
        objectId: e.objectId ?? null,
        term: e.type === 'search' ? scrubTerm(e.term) : (e.term?.slice(0, 64) ?? null),
        source: e.source ?? null,
        occurredAt: at,
        clientEventId: e.id,
      };
    });
    const result = await this.dataSource.createQueryBuilder().insert().into(MemberEvent).values(rows).orIgnore().updateEntity(false).execute();
    const latest = new Date(Math.max(...rows.map((r) => r.occurredAt.getTime())));
    await this.dataSource
      .createQueryBuilder()
      .update(MemberFact)
      .set({ lastActiveAt: latest })
      .where('member_id = :memberId AND (last_active_at IS NULL OR last_active_at < :latest)', { memberId, latest })
      .execute();
    const affected = (result.raw as { affectedRows?: number })?.affectedRows ?? (result.raw as { changes?: number })?.changes ?? rows.length;
    return { accepted: affected };
  }

  /** Deletes events older than the retention, in chunks (the nightly job). */
  async purgeOld(now = new Date()): Promise<{ purged: number }> {
    const before = new Date(now.getTime() - this.config.insight.eventRetentionDays * 86_400_000);
    let purged = 0;
    for (;;) {
      const ids = (await this.dataSource.getRepository(MemberEvent).find({ select: { id: true }, where: { occurredAt: LessThan(before) }, take: 1000 })).map(
        (r) => r.id,
      );
      if (ids.length === 0) break;
      purged += (await this.dataSource.getRepository(MemberEvent).delete(ids)).affected ?? 0;
    }
    return { purged };
  }

  /** A member's latest events, newest first, with the product's name for product events (the 用户画像 timeline). */
  async recent(memberId: number, limit: number): Promise<MemberEventView[]> {
    const rows = await this.dataSource.getRepository(MemberEvent).find({ where: { memberId }, order: { occurredAt: 'DESC', id: 'DESC' }, take: limit });
    const productIds = [...new Set(rows.filter((r) => r.type !== 'search' && r.type !== 'visit' && r.objectId).map((r) => r.objectId!))];
    const names = new Map((await this.catalog.summariesByIds(productIds)).map((p) => [p.id, p.name]));
    return rows.map((r) => ({
      id: r.id,
      type: r.type,
      objectId: r.objectId,
      objectName: r.objectId !== null && r.type !== 'search' && r.type !== 'visit' ? (names.get(r.objectId) ?? null) : null,
      term: r.term,
      source: r.source as VisitSource | null,
      occurredAt: r.occurredAt.toISOString(),
    }));
  }

  async lastActive(memberIds: number[]): Promise<Map<number, Date>> {
    if (memberIds.length === 0) return new Map();
    const rows: { memberId: number; at: string | Date }[] = await this.dataSource
      .getRepository(MemberEvent)
      .createQueryBuilder('e')
      .select('e.member_id', 'memberId')
      .addSelect('MAX(e.occurred_at)', 'at')
      .where('e.member_id IN (:...ids)', { ids: memberIds })
      .groupBy('e.member_id')
      .getRawMany();
    return new Map(rows.map((r) => [Number(r.memberId), parseDbDate(r.at)]));
  }

  async favouriteCounts(memberIds: number[]): Promise<Map<number, number>> {
    if (memberIds.length === 0) return new Map();
    const rows: { memberId: number; n: string }[] = await this.dataSource
      .getRepository(Favourite)
      .createQueryBuilder('f')
      .select('f.member_id', 'memberId')
      .addSelect('COUNT(*)', 'n')
      .where('f.member_id IN (:...ids)', { ids: memberIds })
      .groupBy('f.member_id')
      .getRawMany();
    return new Map(rows.map((r) => [Number(r.memberId), Number(r.n)]));
  }

  /** Hearts a product (again is fine); also recorded as a favourite event for segments. */
  async favourite(memberId: number, productId: number, now = new Date()): Promise<void> {
    if (!(await this.catalog.isOnShelf(productId))) throw AppError.notFound('商品');
    if (await insertIgnore(this.dataSource.manager, Favourite, { memberId, productId })) {
      await this.record(memberId, [{ id: `fav:${productId}:${now.getTime()}`, type: 'favourite', objectId: productId }], now);
    }
  }

  async unfavourite(memberId: number, productId: number): Promise<void> {
    await this.dataSource.getRepository(Favourite).delete({ memberId, productId });
  }

  async isFavourite(memberId: number, productId: number): Promise<boolean> {
    return (await this.dataSource.getRepository(Favourite).countBy({ memberId, productId })) > 0;
  }

  async favourites(memberId: number, page: number, pageSize: number): Promise<{ items: ProductSummary[]; total: number; page: number; pageSize: number }> {
    const [rows, total] = await this.dataSource
      .getRepository(Favourite)
      .findAndCount({ where: { memberId }, order: { createdAt: 'DESC', productId: 'DESC' }, skip: (page - 1) * pageSize, take: pageSize });
    return { items: await this.catalog.summariesByIds(rows.map((r) => r.productId)), total, page, pageSize };
  }
}
