import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  addDays,
  aggregateDay,
  beijingDate,
  beijingMonth,
  DAY_MS,
  dayRange,
  isRenewed,
  planSavingsFen,
  SVIP_RENEWAL_GRACE_DAYS,
  type DayKey,
  type FunnelMetric,
  type NewMemberInput,
  type SalesOrderInput,
} from '@mall/shared';
import { insertIgnore } from '../database/insert-ignore';
import { parseDbDate } from '../database/db-date';
import { retryOnDeadlock } from '../database/transactions';
import { AnalyticsCohortDay, AnalyticsDay, AnalyticsFunnelDay, AnalyticsLedgerDay, AnalyticsSalesDay, AnalyticsSnapshot } from './analytics.entity';

const LEASE_MS = 5 * 60_000;
const CHUNK = 1000;
const GRACE_MS = SVIP_RENEWAL_GRACE_DAYS * DAY_MS;

type Row = Record<string, unknown>;
const num = (v: unknown) => Number(v ?? 0);
const time = (v: unknown) => parseDbDate(v as string | Date).getTime();

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/**
 * Maintains the dashboard rollups. Reads the raw tables of other modules (orders, after-sales,
 * attributions, member facts, ledgers, SVIP periods) one Beijing day at a time, by indexed time
 * ranges, and writes only its own analytics_* tables. Work is claimed per day (see AnalyticsDay).
 */
@Injectable()
export class AnalyticsRollupService {
  private readonly logger = new Logger('Analytics');

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Marks days to recompute (an event touched them). Idempotent: a version bump, no counts. */
  async markDirty(days: DayKey[]): Promise<void> {
    for (const day of [...new Set(days)]) {
      const inserted = await insertIgnore(this.dataSource.manager, AnalyticsDay, { day, dirtyVersion: 1, doneVersion: 0, leaseToken: '' });
      if (!inserted) {
        await retryOnDeadlock(() =>
          this.dataSource
            .createQueryBuilder()
            .update(AnalyticsDay)
            .set({ dirtyVersion: () => 'dirty_version + 1' })
            .where('day = :day', { day })
            .execute(),
        );
      }
    }
  }

  /** The Beijing day an order was paid (after-sale and refund events name the order, not the day). */
  async orderPaidDay(orderId: number): Promise<DayKey | null> {
    const row = await this.dataSource
      .createQueryBuilder()
      .select('o.paid_at', 'paidAt')
      .from('shop_order', 'o')
      .where('o.id = :orderId', { orderId })
      .getRawOne<Row>();
    return row?.paidAt ? beijingDate(parseDbDate(row.paidAt as string)) : null;
  }

  async purchasePaidDay(purchaseId: number): Promise<DayKey | null> {
    const row = await this.dataSource
      .createQueryBuilder()
      .select('p.paid_at', 'paidAt')
      .from('membership_purchase', 'p')
      .where('p.id = :purchaseId', { purchaseId })
      .getRawOne<Row>();
    return row?.paidAt ? beijingDate(parseDbDate(row.paidAt as string)) : null;
  }

  /**
   * The job: today and yesterday are always recomputed (points and stored value move without events),
   * then every dirty day is claimed and recomputed, then today's snapshot is taken.
   * Returns the days this call computed (a concurrent call computes the others).
   */
  async refresh(now = new Date()): Promise<{ computed: DayKey[] }> {
    const today = beijingDate(now);
    await this.markDirty([addDays(today, -1), today]);
    const computed = await this.refreshDirty(now);
    await this.snapshot(now);
    return { computed };
  }

  async refreshDirty(now = new Date()): Promise<DayKey[]> {
    const dirty = await this.dataSource
      .getRepository(AnalyticsDay)
      .createQueryBuilder('d')
      .where('d.dirty_version > d.done_version')
      .andWhere('(d.lease_until IS NULL OR d.lease_until < :now)', { now })
      .orderBy('d.day', 'ASC')
      .getMany();
    const computed: DayKey[] = [];
    for (const d of dirty) {
      if (await this.computeClaimed(d.day, now)) computed.push(d.day);
    }
    return computed;
  }

  /** Claims one day by lease, recomputes it, and commits the facts only while the lease is still ours. */
  async computeClaimed(day: DayKey, now = new Date()): Promise<boolean> {
    const token = randomUUID();
    const claim = await this.dataSource
      .createQueryBuilder()
      .update(AnalyticsDay)
      .set({ leaseUntil: new Date(now.getTime() + LEASE_MS), leaseToken: token })
      .where('day = :day AND dirty_version > done_version AND (lease_until IS NULL OR lease_until < :now)', { day, now })
      .execute();
    if (!claim.affected) return false;
    const state = await this.dataSource.getRepository(AnalyticsDay).findOneByOrFail({ day });
    const facts = await this.computeDay(day, now);
    const committed = await retryOnDeadlock(() =>
      this.dataSource.transaction(async (manager) => {
        const done = await manager
          .createQueryBuilder()
          .update(AnalyticsDay)
          .set({ doneVersion: state.dirtyVersion, leaseUntil: null, leaseToken: '', computedAt: new Date() })
          .where('day = :day AND lease_token = :token', { day, token })
          .execute();
        if (!done.affected) return false;
        await this.replaceDay(manager, day, facts);
        return true;
      }),
    );
    if (!committed) this.logger.warn({ msg: 'analytics day lease lost; facts discarded', day });
    return committed;
  }

  private async replaceDay(manager: EntityManager, day: DayKey, facts: DayFacts): Promise<void> {
    await manager.createQueryBuilder().delete().from(AnalyticsSalesDay).where('day = :day', { day }).execute();
    await manager.createQueryBuilder().delete().from(AnalyticsCohortDay).where('day = :day', { day }).execute();
    await manager.createQueryBuilder().delete().from(AnalyticsLedgerDay).where('day = :day', { day }).execute();
    await manager.createQueryBuilder().delete().from(AnalyticsFunnelDay).where('day = :day', { day }).execute();
    for (const part of chunks(facts.funnels))
      await manager
        .createQueryBuilder()
        .insert()
        .into(AnalyticsFunnelDay)
        .values(part.map((f) => ({ day, ...f })))
        .execute();
    for (const part of chunks(facts.sales))
      await manager
        .createQueryBuilder()
        .insert()
        .into(AnalyticsSalesDay)
        .values(part.map((s) => ({ day, ...s })))
        .execute();
    for (const part of chunks(facts.cohorts))
      await manager
        .createQueryBuilder()
        .insert()
        .into(AnalyticsCohortDay)
        .values(part.map((c) => ({ day, ...c })))
        .execute();
    await manager
      .createQueryBuilder()
      .insert()
      .into(AnalyticsLedgerDay)
      .values({ day, ...facts.ledger })
      .execute();
  }

  /** All facts of one day, from the raw tables by indexed time range. */
  async computeDay(day: DayKey, now = new Date()): Promise<DayFacts> {
    const { start, end } = dayRange(day);
    const [orders, newMembers, ledger, funnels] = await Promise.all([
      this.dayOrders(start, end),
      this.dayNewMembers(start, end),
      this.dayLedger(start, end, now),
      this.dayFunnels(start, end),
    ]);
    const { sales, cohorts } = aggregateDay(orders, newMembers);
    return { sales, cohorts, ledger, funnels };
  }

  /**
   * Community invitation stages and deal outcomes of one day, each counted on the day its timestamp
   * falls (a stage's time never changes once set, so a past day's figures are final), by the member's
   * home store. The stage timestamps carry no index of their own: this runs once per dirty day in the
   * claimed job (one pass per table, every stage summed in the same pass), never per dashboard request;
   * the dashboards read analytics_funnel_day only.
   */
  private async dayFunnels(start: Date, end: Date): Promise<FunnelFact[]> {
    const inDay = (col: string) => `(${col} >= :start AND ${col} < :end)`;
    const count = (col: string, extra = '') => `SUM(CASE WHEN ${inDay(col)}${extra} THEN 1 ELSE 0 END)`;
    const stages: [FunnelMetric, string][] = [
      ['eligible', 'i.eligible_at'],
      ['invited', 'i.invited_at'],
      ['viewed', 'i.viewed_at'],
      ['codeShown', 'i.code_shown_at'],
      ['joined', 'i.joined_at'],
      ['active', 'i.active_at'],
    ];
    const [community, flash, groups] = await Promise.all([
      this.dataSource
        .createQueryBuilder()
        .select(['COALESCE(f.store_id, 0) AS storeId', ...stages.map(([metric, col]) => `${count(col)} AS ${metric}`)])
        .from('community_invitation', 'i')
        .leftJoin('member_fact', 'f', 'f.member_id = i.member_id')
        .where(stages.map(([, col]) => inDay(col)).join(' OR '), { start, end })
        .groupBy('COALESCE(f.store_id, 0)')
        .getRawMany<Row>(),
      this.dataSource
        .createQueryBuilder()
        .select([
          'COALESCE(f.store_id, 0) AS storeId',
          `${count('r.created_at')} AS flashReserved`,
          `${count('r.settled_at', ' AND r.status = :sold')} AS flashSold`,
          `${count('r.settled_at', ' AND r.status = :released')} AS flashReleased`,
          `SUM(CASE WHEN ${inDay('r.settled_at')} AND r.status = :sold THEN r.quantity ELSE 0 END) AS flashSoldUnits`,
        ])
        .from('flash_sale_reservation', 'r')
        .leftJoin('member_fact', 'f', 'f.member_id = r.member_id')
        .where(`${inDay('r.created_at')} OR ${inDay('r.settled_at')}`, { start, end, sold: 'sold', released: 'released' })
        .groupBy('COALESCE(f.store_id, 0)')
        .getRawMany<Row>(),
      this.dataSource
        .createQueryBuilder()
        .select([
          'COALESCE(f.store_id, 0) AS storeId',
          `${count('g.opened_at')} AS groupOpened`,
          `${count('g.completed_at', ' AND g.status = :completed')} AS groupCompleted`,
          `${count('g.failed_at', ' AND g.status = :failed')} AS groupFailed`,
        ])
        .from('group_buy_group', 'g')
        .leftJoin('member_fact', 'f', 'f.member_id = g.leader_member_id')
        .where(`${inDay('g.opened_at')} OR ${inDay('g.completed_at')} OR ${inDay('g.failed_at')}`, { start, end, completed: 'completed', failed: 'failed' })
        .groupBy('COALESCE(f.store_id, 0)')
        .getRawMany<Row>(),
    ]);
    const out: FunnelFact[] = [];
    for (const r of [...community, ...flash, ...groups]) {
      for (const [metric, value] of Object.entries(r)) {
        if (metric === 'storeId' || !num(value)) continue;
        out.push({ storeId: num(r.storeId), metric: metric as FunnelMetric, value: num(value) });
      }
    }
    return out;
  }

  private async dayOrders(start: Date, end: Date): Promise<SalesOrderInput[]> {
    const rows = await this.dataSource
      .createQueryBuilder()
      .select(['o.id AS id', 'o.member_id AS memberId', 'o.payable_fen AS payableFen', 'o.savings AS savings', 'o.paid_at AS paidAt'])
      .from('shop_order', 'o')
      .where('o.paid_at >= :start AND o.paid_at < :end', { start, end })
      .getRawMany<Row>();
    const out: SalesOrderInput[] = [];
    for (const part of chunks(rows)) {
      const ids = part.map((r) => num(r.id));
      const memberIds = [...new Set(part.map((r) => num(r.memberId)))];
      const [refunds, attributions, facts, periods] = await Promise.all([
        this.dataSource
          .createQueryBuilder()
          .select(['a.order_id AS orderId', 'SUM(a.cash_fen + a.balance_fen) AS fen'])
          .from('after_sale', 'a')
          .where('a.order_id IN (:...ids) AND a.status = :done AND a.kind <> :exchange', { ids, done: 'completed', exchange: 'exchange' })
          .groupBy('a.order_id')
          .getRawMany<Row>(),
        this.dataSource
          .createQueryBuilder()
          .select(['a.ref_id AS refId', 'a.store_id AS storeId', 'a.staff_account_id AS guideId'])
          .from('attribution', 'a')
          .where('a.kind = :kind AND a.ref_id IN (:...refs)', { kind: 'order', refs: ids.map(String) })
          .getRawMany<Row>(),
        this.dataSource
          .createQueryBuilder()
          .select(['f.member_id AS memberId', 'f.registered_at AS registeredAt', 'f.source_channel AS channel'])
          .from('member_fact', 'f')
          .where('f.member_id IN (:...memberIds)', { memberIds })
          .getRawMany<Row>(),
        this.dataSource
          .createQueryBuilder()
          .select(['p.member_id AS memberId', 'p.starts_at AS startsAt', 'p.ends_at AS endsAt'])
          .from('membership_period', 'p')
          .where('p.member_id IN (:...memberIds) AND p.status = :active AND p.starts_at < :end AND p.ends_at > :start', {
            memberIds,
            active: 'active',
            start,
            end,
          })
          .getRawMany<Row>(),
      ]);
      const refundOf = new Map(refunds.map((r) => [num(r.orderId), num(r.fen)]));
      const attributionOf = new Map(attributions.map((a) => [String(a.refId), a]));
      const factOf = new Map(facts.map((f) => [num(f.memberId), f]));
      const periodsOf = new Map<number, { startsAt: number; endsAt: number }[]>();
      for (const p of periods) {
        const list = periodsOf.get(num(p.memberId)) ?? [];
        list.push({ startsAt: time(p.startsAt), endsAt: time(p.endsAt) });
        periodsOf.set(num(p.memberId), list);
      }
      for (const r of part) {
        const id = num(r.id);
        const memberId = num(r.memberId);
        const paidAt = time(r.paidAt);
        const a = attributionOf.get(String(id));
        const f = factOf.get(memberId);
        const svip = (periodsOf.get(memberId) ?? []).some((p) => p.startsAt <= paidAt && p.endsAt > paidAt);
        out.push({
          orderId: id,
          memberId,
          payableFen: num(r.payableFen),
          refundedFen: refundOf.get(id) ?? 0,
          storeId: a ? num(a.storeId) : null,
          guideId: a?.guideId != null ? num(a.guideId) : null,
          channel: (f?.channel as string | null) ?? null,
          svip,
          svipSavingsFen: svip ? planSavingsFen(r.savings as string | null) : 0,
          cohort: f?.registeredAt ? beijingMonth(parseDbDate(f.registeredAt as string)) : null,
        });
      }
    }
    return out;
  }

  private async dayNewMembers(start: Date, end: Date): Promise<NewMemberInput[]> {
    const rows = await this.dataSource
      .createQueryBuilder()
      .select(['f.member_id AS memberId', 'f.store_id AS storeId', 'f.guide_id AS guideId', 'f.source_channel AS channel'])
      .from('member_fact', 'f')
      .where('f.registered_at >= :start AND f.registered_at < :end', { start, end })
      .getRawMany<Row>();
    return rows.map((r) => ({
      memberId: num(r.memberId),
      storeId: r.storeId == null ? null : num(r.storeId),
      guideId: r.guideId == null ? null : num(r.guideId),
      channel: (r.channel as string | null) ?? null,
    }));
  }

  private async dayLedger(start: Date, end: Date, now: Date): Promise<Omit<AnalyticsLedgerDay, 'day'>> {
    const [wallet, points, purchases, ended, active] = await Promise.all([
      this.dataSource
        .createQueryBuilder()
        .select(['w.kind AS kind', 'SUM(w.delta_principal_fen) AS principal', 'SUM(w.delta_bonus_fen) AS bonus'])
        .from('wallet_entry', 'w')
        .where('w.created_at >= :start AND w.created_at < :end', { start, end })
        .groupBy('w.kind')
        .getRawMany<Row>(),
      this.dataSource
        .createQueryBuilder()
        .select(['p.kind AS kind', 'SUM(p.delta_points) AS points'])
        .from('points_entry', 'p')
        .where('p.created_at >= :start AND p.created_at < :end', { start, end })
        .groupBy('p.kind')
        .getRawMany<Row>(),
      this.dataSource
        .createQueryBuilder()
        .select(['p.id AS id', 'p.member_id AS memberId', 'p.price_fen AS priceFen', 'p.refunded_fen AS refundedFen', 'p.paid_at AS paidAt'])
        .from('membership_purchase', 'p')
        .where('p.paid_at >= :start AND p.paid_at < :end AND p.status IN (:...paid)', { start, end, paid: ['paid', 'refunded'] })
        .getRawMany<Row>(),
      this.dataSource
        .createQueryBuilder()
        .select(['p.id AS id', 'p.member_id AS memberId', 'p.starts_at AS startsAt', 'p.ends_at AS endsAt'])
        .from('membership_period', 'p')
        .where('p.ends_at >= :start AND p.ends_at < :end AND p.ends_at <= :now AND p.status = :active', { start, end, now, active: 'active' })
        .getRawMany<Row>(),
      this.dataSource
        .createQueryBuilder()
        .select('COUNT(DISTINCT p.member_id)', 'n')
        .from('membership_period', 'p')
        .where('p.ends_at >= :end AND p.starts_at < :end AND p.status = :active', { end, active: 'active' })
        .getRawOne<Row>(),
    ]);
    const wallets = (kinds: string[] | null) => {
      const picked = wallet.filter((w) => (kinds ? kinds.includes(w.kind as string) : !['recharge', 'spend', 'spend_refund'].includes(w.kind as string)));
      return { principal: picked.reduce((s, w) => s + num(w.principal), 0), bonus: picked.reduce((s, w) => s + num(w.bonus), 0) };
    };
    const pointsOf = (kinds: string[] | null) =>
      points
        .filter((p) => (kinds ? kinds.includes(p.kind as string) : !['earn', 'spend', 'expire'].includes(p.kind as string)))
        .reduce((s, p) => s + num(p.points), 0);

    // New vs renewal: a purchase is a renewal when the member paid for an earlier one.
    let svipNew = 0;
    let svipRenewed = 0;
    for (const part of chunks(purchases)) {
      const earlier = await this.dataSource
        .createQueryBuilder()
        .select(['p.member_id AS memberId', 'MIN(p.paid_at) AS firstPaidAt'])
        .from('membership_purchase', 'p')
        .where('p.member_id IN (:...ids) AND p.paid_at IS NOT NULL', { ids: [...new Set(part.map((p) => num(p.memberId)))] })
        .groupBy('p.member_id')
        .getRawMany<Row>();
      const first = new Map(earlier.map((e) => [num(e.memberId), time(e.firstPaidAt)]));
      for (const p of part) {
        if (time(p.paidAt) > (first.get(num(p.memberId)) ?? Infinity)) svipRenewed += 1;
        else svipNew += 1;
      }
    }
    // Periods that ended this day, and whether the member renewed within the grace period.
    let svipEndedRenewed = 0;
    for (const part of chunks(ended)) {
      const later = await this.dataSource
        .createQueryBuilder()
        .select(['p.id AS id', 'p.member_id AS memberId', 'p.starts_at AS startsAt', 'p.ends_at AS endsAt'])
        .from('membership_period', 'p')
        .where('p.member_id IN (:...ids) AND p.status = :active AND p.ends_at >= :start', {
          ids: [...new Set(part.map((p) => num(p.memberId)))],
          active: 'active',
          start,
        })
        .getRawMany<Row>();
      const spans = later.map((q) => ({ id: num(q.id), memberId: num(q.memberId), startsAt: time(q.startsAt), endsAt: time(q.endsAt) }));
      for (const p of part) {
        if (isRenewed({ id: num(p.id), memberId: num(p.memberId), startsAt: time(p.startsAt), endsAt: time(p.endsAt) }, spans, GRACE_MS)) svipEndedRenewed += 1;
      }
    }
    const recharged = wallets(['recharge']);
    const spent = wallets(['spend']);
    const refunded = wallets(['spend_refund']);
    const other = wallets(null);
    return {
      rechargedPrincipalFen: recharged.principal,
      rechargedBonusFen: recharged.bonus,
      spentPrincipalFen: -spent.principal,
      spentBonusFen: -spent.bonus,
      refundedPrincipalFen: refunded.principal,
      refundedBonusFen: refunded.bonus,
      otherPrincipalFen: other.principal,
      otherBonusFen: other.bonus,
      pointsIssued: pointsOf(['earn']),
      pointsRedeemed: -pointsOf(['spend']),
      pointsExpired: -pointsOf(['expire']),
      pointsOther: pointsOf(null),
      svipNew,
      svipRenewed,
      svipFeeFen: purchases.reduce((s, p) => s + num(p.priceFen), 0),
      svipRefundFen: purchases.reduce((s, p) => s + num(p.refundedFen), 0),
      svipEnded: ended.length,
      svipEndedRenewed,
      svipActiveEnd: num(active?.n),
    };
  }

  /** Today's point-in-time figures: members by tier and lifecycle stage, buyers and repeat buyers, points expiring within 30 days. */
  async snapshot(now = new Date()): Promise<void> {
    const day = beijingDate(now);
    const [tiers, stages, buyers, expiring, svip, store] = await Promise.all([
      this.dataSource.createQueryBuilder().select(['f.tier_level AS k', 'COUNT(*) AS n']).from('member_fact', 'f').groupBy('f.tier_level').getRawMany<Row>(),
      this.dataSource.createQueryBuilder().select(['f.lifecycle AS k', 'COUNT(*) AS n']).from('member_fact', 'f').groupBy('f.lifecycle').getRawMany<Row>(),
      this.dataSource
        .createQueryBuilder()
        .select(['SUM(CASE WHEN f.order_count >= 1 THEN 1 ELSE 0 END) AS buyers', 'SUM(CASE WHEN f.order_count >= 2 THEN 1 ELSE 0 END) AS repeaters'])
        .from('member_fact', 'f')
        .getRawOne<Row>(),
      this.dataSource
        .createQueryBuilder()
        .select('SUM(l.remaining_points)', 'n')
        .from('points_lot', 'l')
        .where('l.expired_at IS NULL AND l.expires_at > :now AND l.expires_at <= :until', { now, until: new Date(now.getTime() + 30 * DAY_MS) })
        .getRawOne<Row>(),
      this.dataSource
        .createQueryBuilder()
        .select('COUNT(DISTINCT p.member_id)', 'n')
        .from('membership_period', 'p')
        .where('p.ends_at > :now AND p.starts_at <= :now AND p.status = :active', { now, active: 'active' })
        .getRawOne<Row>(),
      this.storeSnapshot(now),
    ]);
    const rows: Omit<AnalyticsSnapshot, never>[] = [
      ...tiers.map((t) => ({ day, metric: 'tier', key: String(num(t.k)), value: num(t.n) })),
      ...stages.map((s) => ({ day, metric: 'lifecycle', key: String(s.k), value: num(s.n) })),
      { day, metric: 'buyers', key: 'all', value: num(buyers?.buyers) },
      { day, metric: 'buyers', key: 'repeat', value: num(buyers?.repeaters) },
      { day, metric: 'points', key: 'expiring30d', value: num(expiring?.n) },
      { day, metric: 'svip', key: 'active', value: num(svip?.n) },
      ...store.map((r) => ({ day, ...r })),
    ];
    // Replacing a day's snapshot is idempotent: two runs at once both write the same day's full set.
    await retryOnDeadlock(() =>
      this.dataSource.transaction(async (manager) => {
        await manager.createQueryBuilder().delete().from(AnalyticsSnapshot).where('day = :day', { day }).execute();
        await manager.createQueryBuilder().insert().into(AnalyticsSnapshot).values(rows).orIgnore().execute();
      }),
    );
  }

  /**
   * The same member figures by home store (metric `store:<metric>`, key `<storeId>:<key>`), for a store
   * manager's dashboard. Members without a store are under store 0.
   */
  private async storeSnapshot(now: Date): Promise<{ metric: string; key: string; value: number }[]> {
    const store = 'COALESCE(f.store_id, 0)';
    const [tiers, stages, buyers, svip] = await Promise.all([
      this.dataSource
        .createQueryBuilder()
        .select([`${store} AS s`, 'f.tier_level AS k', 'COUNT(*) AS n'])
        .from('member_fact', 'f')
        .groupBy(`${store}, f.tier_level`)
        .getRawMany<Row>(),
      this.dataSource
        .createQueryBuilder()
        .select([`${store} AS s`, 'f.lifecycle AS k', 'COUNT(*) AS n'])
        .from('member_fact', 'f')
        .groupBy(`${store}, f.lifecycle`)
        .getRawMany<Row>(),
      this.dataSource
        .createQueryBuilder()
        .select([
          `${store} AS s`,
          'SUM(CASE WHEN f.order_count >= 1 THEN 1 ELSE 0 END) AS buyers',
          'SUM(CASE WHEN f.order_count >= 2 THEN 1 ELSE 0 END) AS repeaters',
        ])
        .from('member_fact', 'f')
        .groupBy(store)
        .getRawMany<Row>(),
      this.dataSource
        .createQueryBuilder()
        .select([`${store} AS s`, 'COUNT(DISTINCT p.member_id) AS n'])
        .from('membership_period', 'p')
        .leftJoin('member_fact', 'f', 'f.member_id = p.member_id')
        .where('p.ends_at > :now AND p.starts_at <= :now AND p.status = :active', { now, active: 'active' })
        .groupBy(store)
        .getRawMany<Row>(),
    ]);
    return [
      ...tiers.map((t) => ({ metric: 'store:tier', key: `${num(t.s)}:${num(t.k)}`, value: num(t.n) })),
      ...stages.map((t) => ({ metric: 'store:lifecycle', key: `${num(t.s)}:${String(t.k)}`, value: num(t.n) })),
      ...buyers.flatMap((b) => [
        { metric: 'store:buyers', key: `${num(b.s)}:all`, value: num(b.buyers) },
        { metric: 'store:buyers', key: `${num(b.s)}:repeat`, value: num(b.repeaters) },
      ]),
      ...svip.map((v) => ({ metric: 'store:svip', key: `${num(v.s)}:active`, value: num(v.n) })),
    ];
  }

  /** Marks every day from `from` to `to` dirty and computes them (backfill after an import or seed:large). */
  async backfill(from: DayKey, to: DayKey, now = new Date()): Promise<number> {
    const days: DayKey[] = [];
    for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
    await this.markDirty(days);
    let n = 0;
    for (const day of days) if (await this.computeClaimed(day, now)) n += 1;
    await this.snapshot(now);
    return n;
  }
}

export interface FunnelFact {
  storeId: number;
  metric: FunnelMetric;
  value: number;
}

export interface DayFacts {
  funnels: FunnelFact[];
  sales: ReturnType<typeof aggregateDay>['sales'];
  cohorts: ReturnType<typeof aggregateDay>['cohorts'];
  ledger: Omit<AnalyticsLedgerDay, 'day'>;
}
