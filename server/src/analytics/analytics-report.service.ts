import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OnReplica, ReadReplica } from '../database/read-replica';
import {
  addMonthKeys,
  averageFen,
  beijingDate,
  beijingMonth,
  LIFECYCLE_LABELS,
  LIFECYCLE_STAGES,
  ltvMatrix,
  ratio,
  SVIP_RENEWAL_GRACE_DAYS,
  addDays,
  dayRange,
  daysBetween,
  type DayKey,
  FUNNEL_METRICS,
  type FunnelReport,
  type FunnelTotals,
  type LiabilityDayView,
  type LiabilityReport2,
  type LtvReport,
  type MembersReport,
  type MonthKey,
  type RenewalCohortView,
  type SalesGroupView,
  type SalesReport,
  type SvipReport,
} from '@mall/shared';
import { AnalyticsCohortDay, AnalyticsFunnelDay, AnalyticsLedgerDay, AnalyticsSalesDay, AnalyticsSnapshot } from './analytics.entity';

type Row = Record<string, unknown>;
const num = (v: unknown) => Number(v ?? 0);

const SALES_SUMS = ['newMembers', 'orders', 'gmvFen', 'refundFen', 'svipOrders', 'svipGmvFen', 'svipRefundFen', 'svipSavingsFen'] as const;
const sumSelect = (alias: string, cols: readonly string[]) => cols.map((c) => `SUM(${alias}.${c.replace(/[A-Z]/g, (m) => '_' + m.toLowerCase())}) AS ${c}`);

export type SalesGroupBy = 'store' | 'guide' | 'channel';

/** Dashboard figures, read from the rollup tables only (days × dimensions, never orders or ledgers). */
@Injectable()
export class AnalyticsReportService {
  constructor(private readonly replica: ReadReplica) {}

  /** Dashboards read the replica when it is within its lag limit (each public report is @OnReplica). */
  private get db(): EntityManager {
    return this.replica.manager();
  }

  /** `storeId` (null = the whole brand) limits every figure to the store's rows of the rollup. */
  @OnReplica()
  async sales(from: DayKey, to: DayKey, storeId: number | null = null): Promise<SalesReport> {
    const qb = this.db
      .getRepository(AnalyticsSalesDay)
      .createQueryBuilder('s')
      .select(['s.day AS day', ...sumSelect('s', SALES_SUMS)])
      .where('s.day >= :from AND s.day <= :to', { from, to })
      .groupBy('s.day');
    if (storeId !== null) qb.andWhere('s.store_id = :storeId', { storeId });
    const rows = await qb.getRawMany<Row>();
    const byDay = new Map(rows.map((r) => [String(r.day), r]));
    const days = daysBetween(from, to).map((day) => {
      const r = byDay.get(day) ?? {};
      const gmvFen = num(r.gmvFen);
      const orders = num(r.orders);
      const refundFen = num(r.refundFen);
      const svipNet = num(r.svipGmvFen) - num(r.svipRefundFen);
      return {
        day,
        newMembers: num(r.newMembers),
        orders,
        gmvFen,
        refundFen,
        netGmvFen: gmvFen - refundFen,
        aovFen: averageFen(gmvFen, orders),
        svipGmvFen: svipNet,
        nonSvipGmvFen: gmvFen - refundFen - svipNet,
      };
    });
    const t = days.reduce(
      (a, d) => ({
        newMembers: a.newMembers + d.newMembers,
        orders: a.orders + d.orders,
        gmvFen: a.gmvFen + d.gmvFen,
        refundFen: a.refundFen + d.refundFen,
        svipGmvFen: a.svipGmvFen + d.svipGmvFen,
      }),
      { newMembers: 0, orders: 0, gmvFen: 0, refundFen: 0, svipGmvFen: 0 },
    );
    return {
      from,
      to,
      days,
      totals: { ...t, netGmvFen: t.gmvFen - t.refundFen, aovFen: averageFen(t.gmvFen, t.orders), svipShare: ratio(t.svipGmvFen, t.gmvFen - t.refundFen) },
    };
  }

  /** Store, guide or channel performance over a range (each group's new members, orders, GMV, AOV, SVIP share). */
  @OnReplica()
  async salesBy(groupBy: SalesGroupBy, from: DayKey, to: DayKey, storeId: number | null = null): Promise<SalesGroupView[]> {
    const column = groupBy === 'store' ? 's.store_id' : groupBy === 'guide' ? 's.guide_id' : 's.channel';
    const qb = this.db
      .getRepository(AnalyticsSalesDay)
      .createQueryBuilder('s')
      .select([`${column} AS k`, ...sumSelect('s', SALES_SUMS)])
      .where('s.day >= :from AND s.day <= :to', { from, to })
      .groupBy(column);
    if (storeId !== null) qb.andWhere('s.store_id = :storeId', { storeId });
    const rows = await qb.getRawMany<Row>();
    const labels = await this.labels(
      groupBy,
      rows.map((r) => r.k),
    );
    return rows
      .map((r) => {
        const gmvFen = num(r.gmvFen);
        const net = gmvFen - num(r.refundFen);
        return {
          key: String(r.k ?? ''),
          label: labels.get(String(r.k ?? '')) ?? String(r.k ?? ''),
          newMembers: num(r.newMembers),
          orders: num(r.orders),
          gmvFen,
          refundFen: num(r.refundFen),
          aovFen: averageFen(gmvFen, num(r.orders)),
          svipShare: ratio(num(r.svipGmvFen) - num(r.svipRefundFen), net),
        };
      })
      .sort((a, b) => b.gmvFen - a.gmvFen || b.newMembers - a.newMembers);
  }

  private async labels(groupBy: SalesGroupBy, keys: unknown[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    if (groupBy === 'channel') {
      for (const k of keys) out.set(String(k ?? ''), k ? String(k) : '未知渠道');
      return out;
    }
    out.set('0', groupBy === 'store' ? '未归属门店' : '未绑定导购');
    const ids = keys.map(num).filter((n) => n > 0);
    if (ids.length === 0) return out;
    const rows =
      groupBy === 'store'
        ? await this.db.createQueryBuilder().select(['t.id AS id', 't.name AS name']).from('store', 't').where('t.id IN (:...ids)', { ids }).getRawMany<Row>()
        : await this.db
            .createQueryBuilder()
            .select(['t.id AS id', 't.display_name AS name'])
            .from('account', 't')
            .where('t.id IN (:...ids)', { ids })
            .getRawMany<Row>();
    for (const r of rows) out.set(String(num(r.id)), String(r.name));
    return out;
  }

  @OnReplica()
  async svip(from: DayKey, to: DayKey, now = new Date()): Promise<SvipReport> {
    const rows = await this.ledgerRows(from, to);
    const settledBefore = addDays(beijingDate(now), -SVIP_RENEWAL_GRACE_DAYS);
    const savings = await this.db
      .getRepository(AnalyticsSalesDay)
      .createQueryBuilder('s')
      .select(['s.day AS day', 'SUM(s.svip_savings_fen) AS fen'])
      .where('s.day >= :from AND s.day <= :to', { from, to })
      .groupBy('s.day')
      .getRawMany<Row>();
    const savingsOf = new Map(savings.map((r) => [String(r.day), num(r.fen)]));
    const days = daysBetween(from, to).map((day) => {
      const r = rows.get(day);
      const ended = r?.svipEnded ?? 0;
      const renewedOfEnded = r?.svipEndedRenewed ?? 0;
      return {
        day,
        newCount: r?.svipNew ?? 0,
        renewedCount: r?.svipRenewed ?? 0,
        feeFen: r?.svipFeeFen ?? 0,
        refundFen: r?.svipRefundFen ?? 0,
        ended,
        renewedOfEnded,
        churned: day < settledBefore ? ended - renewedOfEnded : null,
        activeEnd: r?.svipActiveEnd ?? 0,
        savingsFen: savingsOf.get(day) ?? 0,
      };
    });
    const renewal = new Map<MonthKey, RenewalCohortView>();
    for (const d of days) {
      const month = d.day.slice(0, 7);
      const c = renewal.get(month) ?? { month, ended: 0, renewed: 0, rate: null };
      c.ended += d.ended;
      c.renewed += d.renewedOfEnded;
      renewal.set(month, c);
    }
    for (const c of renewal.values()) c.rate = ratio(c.renewed, c.ended);
    const snapshot = await this.latestSnapshot();
    const sum = (f: (d: (typeof days)[number]) => number) => days.reduce((a, d) => a + f(d), 0);
    const feeNet = sum((d) => d.feeFen - d.refundFen);
    return {
      from,
      to,
      days,
      renewal: [...renewal.values()],
      totals: {
        newCount: sum((d) => d.newCount),
        renewedCount: sum((d) => d.renewedCount),
        feeFen: sum((d) => d.feeFen),
        refundFen: sum((d) => d.refundFen),
        savingsFen: sum((d) => d.savingsFen),
        churned: sum((d) => d.churned ?? 0),
        activeNow: snapshot.get('svip:active') ?? 0,
        savingsToFee: ratio(
          sum((d) => d.savingsFen),
          feeNet,
        ),
      },
    };
  }

  private async ledgerRows(from: DayKey, to: DayKey): Promise<Map<DayKey, AnalyticsLedgerDay>> {
    const rows = await this.db.getRepository(AnalyticsLedgerDay).createQueryBuilder('l').where('l.day >= :from AND l.day <= :to', { from, to }).getMany();
    return new Map(rows.map((r) => [r.day, r]));
  }

  /** Stored value and points per day with the outstanding balances at each day's end (opening = all net movement before `from`). */
  @OnReplica()
  async liabilities(from: DayKey, to: DayKey): Promise<LiabilityReport2> {
    const opening = await this.db
      .getRepository(AnalyticsLedgerDay)
      .createQueryBuilder('l')
      .select([
        'SUM(l.recharged_principal_fen - l.spent_principal_fen + l.refunded_principal_fen + l.other_principal_fen) AS principal',
        'SUM(l.recharged_bonus_fen - l.spent_bonus_fen + l.refunded_bonus_fen + l.other_bonus_fen) AS bonus',
        'SUM(l.points_issued - l.points_redeemed - l.points_expired + l.points_other) AS points',
      ])
      .where('l.day < :from', { from })
      .getRawOne<Row>();
    const rows = await this.ledgerRows(from, to);
    let principal = num(opening?.principal);
    let bonus = num(opening?.bonus);
    let points = num(opening?.points);
    const days: LiabilityDayView[] = daysBetween(from, to).map((day) => {
      const r = rows.get(day);
      const v = {
        rechargedPrincipalFen: r?.rechargedPrincipalFen ?? 0,
        rechargedBonusFen: r?.rechargedBonusFen ?? 0,
        spentPrincipalFen: r?.spentPrincipalFen ?? 0,
        spentBonusFen: r?.spentBonusFen ?? 0,
        refundedPrincipalFen: r?.refundedPrincipalFen ?? 0,
        refundedBonusFen: r?.refundedBonusFen ?? 0,
        otherPrincipalFen: r?.otherPrincipalFen ?? 0,
        otherBonusFen: r?.otherBonusFen ?? 0,
        pointsIssued: r?.pointsIssued ?? 0,
        pointsRedeemed: r?.pointsRedeemed ?? 0,
        pointsExpired: r?.pointsExpired ?? 0,
        pointsOther: r?.pointsOther ?? 0,
      };
      principal += v.rechargedPrincipalFen - v.spentPrincipalFen + v.refundedPrincipalFen + v.otherPrincipalFen;
      bonus += v.rechargedBonusFen - v.spentBonusFen + v.refundedBonusFen + v.otherBonusFen;
      points += v.pointsIssued - v.pointsRedeemed - v.pointsExpired + v.pointsOther;
      return { day, ...v, outstandingPrincipalFen: principal, outstandingBonusFen: bonus, pointsOutstanding: points };
    });
    const snapshot = await this.latestSnapshot();
    return { from, to, days, pointsExpiring30d: snapshot.get('points:expiring30d') ?? 0, snapshotDay: snapshot.day ?? null };
  }

  /** The newest snapshot as metric:key → value. */
  private async latestSnapshot(): Promise<Map<string, number> & { day?: DayKey | null }> {
    const latest = await this.db.getRepository(AnalyticsSnapshot).createQueryBuilder('s').select('MAX(s.day)', 'day').getRawOne<Row>();
    const day = (latest?.day as string | null) ?? null;
    const out: Map<string, number> & { day?: DayKey | null } = new Map();
    out.day = day;
    if (!day) return out;
    const rows = await this.db.getRepository(AnalyticsSnapshot).find({ where: { day } });
    for (const r of rows) out.set(`${r.metric}:${r.key}`, Number(r.value));
    return out;
  }

  /** With a store, the snapshot's `store:*` rows of that store (members by home store). */
  @OnReplica()
  async members(storeId: number | null = null): Promise<MembersReport> {
    const latest = await this.latestSnapshot();
    const snapshotDay = latest.day ?? null;
    const snapshot = storeId === null ? latest : storeView(latest, storeId);
    const tiers = await this.db.createQueryBuilder().select(['t.level AS level', 't.name AS name']).from('tier', 't').getRawMany<Row>();
    const tierName = new Map(tiers.map((t) => [num(t.level), String(t.name)]));
    const byTier = [...snapshot.entries()]
      .filter(([k]) => k.startsWith('tier:'))
      .map(([k, members]) => ({ level: Number(k.slice(5)), name: tierName.get(Number(k.slice(5))) ?? `等级 ${k.slice(5)}`, members }))
      .sort((a, b) => a.level - b.level);
    const byLifecycle = LIFECYCLE_STAGES.map((stage) => ({ stage, label: LIFECYCLE_LABELS[stage], members: snapshot.get(`lifecycle:${stage}`) ?? 0 }));
    const buyers = snapshot.get('buyers:all') ?? 0;
    const repeatBuyers = snapshot.get('buyers:repeat') ?? 0;
    return {
      snapshotDay,
      byTier,
      byLifecycle,
      buyers,
      repeatBuyers,
      repurchaseRate: ratio(repeatBuyers, buyers),
      svipActive: snapshot.get('svip:active') ?? 0,
    };
  }

  /**
   * Community invitation funnel and deal figures per day from analytics_funnel_day. Flash-sale
   * sell-through reads flash_sale_event directly: one row per event, found by its (enabled, end_at)
   * index, so a dashboard request touches only the events whose window meets the range.
   */
  @OnReplica()
  async funnels(from: DayKey, to: DayKey, storeId: number | null = null): Promise<FunnelReport> {
    const qb = this.db
      .getRepository(AnalyticsFunnelDay)
      .createQueryBuilder('f')
      .select(['f.day AS day', 'f.metric AS metric', 'SUM(f.value) AS value'])
      .where('f.day >= :from AND f.day <= :to', { from, to })
      .groupBy('f.day')
      .addGroupBy('f.metric');
    if (storeId !== null) qb.andWhere('f.store_id = :storeId', { storeId });
    const rows = await qb.getRawMany<Row>();
    const zero = (): FunnelTotals => Object.fromEntries(FUNNEL_METRICS.map((m) => [m, 0])) as FunnelTotals;
    const byDay = new Map<string, FunnelTotals>();
    for (const r of rows) {
      const metric = String(r.metric) as keyof FunnelTotals;
      if (!FUNNEL_METRICS.includes(metric)) continue;
      const d = byDay.get(String(r.day)) ?? zero();
      d[metric] += num(r.value);
      byDay.set(String(r.day), d);
    }
    const days = daysBetween(from, to).map((day) => ({ day, ...(byDay.get(day) ?? zero()) }));
    const totals = zero();
    for (const d of days) for (const m of FUNNEL_METRICS) totals[m] += d[m];
    return {
      from,
      to,
      storeId,
      days,
      totals,
      flashSellThrough: storeId === null ? await this.sellThrough(from, to) : null,
      groupSuccessRate: ratio(totals.groupCompleted, totals.groupCompleted + totals.groupFailed),
    };
  }

  private async sellThrough(from: DayKey, to: DayKey): Promise<NonNullable<FunnelReport['flashSellThrough']>> {
    const start = dayRange(from).start;
    const end = dayRange(to).end;
    const r = await this.db
      .createQueryBuilder()
      .select(['COUNT(*) AS events', 'SUM(e.stock_total) AS stockTotal', 'SUM(e.sold_count) AS sold'])
      .from('flash_sale_event', 'e')
      // `enabled IN (0, 1)` lets the (enabled, end_at) index range-scan end_at for both flags.
      .where('e.enabled IN (0, 1) AND e.end_at >= :start AND e.start_at < :end', { start, end })
      .getRawOne<Row>();
    const stockTotal = num(r?.stockTotal);
    const sold = num(r?.sold);
    return { events: num(r?.events), stockTotal, sold, rate: ratio(sold, stockTotal) };
  }

  /** LTV by monthly join cohort: cohort sizes from new members per day, spend from the cohort rollup. */
  @OnReplica()
  async ltv(fromMonth: MonthKey, toMonth: MonthKey, now = new Date()): Promise<LtvReport> {
    const asOf = beijingMonth(now) < toMonth ? beijingMonth(now) : toMonth;
    const fromDay = `${fromMonth}-01`;
    const sizes = await this.db
      .getRepository(AnalyticsSalesDay)
      .createQueryBuilder('s')
      .select(['s.day AS day', 'SUM(s.new_members) AS n'])
      .where('s.day >= :fromDay AND s.new_members > 0', { fromDay })
      .groupBy('s.day')
      .getRawMany<Row>();
    const spend = await this.db
      .getRepository(AnalyticsCohortDay)
      .createQueryBuilder('c')
      .select(['c.cohort AS cohort', 'c.day AS day', 'c.spend_fen AS fen'])
      .where('c.cohort >= :fromMonth AND c.cohort <= :toMonth', { fromMonth, toMonth })
      .getRawMany<Row>();
    const sizeByMonth = new Map<MonthKey, number>();
    for (const s of sizes) {
      const m = String(s.day).slice(0, 7);
      if (m <= toMonth) sizeByMonth.set(m, (sizeByMonth.get(m) ?? 0) + num(s.n));
    }
    const spendByCell = new Map<string, { cohort: MonthKey; month: MonthKey; spendFen: number }>();
    for (const s of spend) {
      const cohort = String(s.cohort);
      const month = String(s.day).slice(0, 7);
      const key = `${cohort}|${month}`;
      const cell = spendByCell.get(key) ?? { cohort, month, spendFen: 0 };
      cell.spendFen += num(s.fen);
      spendByCell.set(key, cell);
    }
    const maxOffset = Math.max(0, Math.min(24, monthsSpan(fromMonth, asOf)));
    const rows = ltvMatrix(
      [...sizeByMonth.entries()].map(([cohort, members]) => ({ cohort, members })),
      [...spendByCell.values()],
      asOf,
      maxOffset,
    );
    return { asOf, maxOffset, rows };
  }
}

/** `store:tier` / `<storeId>:3` → `tier:3`, so the store's rows read like the brand's. */
function storeView(snapshot: Map<string, number>, storeId: number): Map<string, number> {
  const out = new Map<string, number>();
  const prefix = `${storeId}:`;
  for (const [k, v] of snapshot) {
    const m = /^store:([^:]+):(.*)$/.exec(k);
    if (m && m[2].startsWith(prefix)) out.set(`${m[1]}:${m[2].slice(prefix.length)}`, v);
  }
  return out;
}

function monthsSpan(from: MonthKey, to: MonthKey): number {
  let n = 0;
  for (let m = from; m < to && n < 600; m = addMonthKeys(m, 1)) n += 1;
  return n;
}
