import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, LessThanOrEqual, MoreThanOrEqual, type SelectQueryBuilder } from 'typeorm';
import { addMonths, afterGrowth, evaluateTier, growthForSpend, type MemberTierState, type TierChange } from '@mall/shared';
import { insertIgnore } from '../database/insert-ignore';
import { parseDbDate } from '../database/db-date';
import { GrowthEntry, type GrowthKind } from './growth-entry.entity';
import { MemberTier } from './member-tier.entity';
import { TierHistory } from './tier-history.entity';
import { TierSetting } from './tier-setting.entity';
import { Tier } from './tier.entity';
import { ConfigCache } from '../common/cache/config-cache';

export interface GrowthInput {
  memberId: number;
  delta: number;
  kind: GrowthKind;
  refType: string;
  refId: string;
  idempotencyKey: string;
}

const TIER_SETTINGS_KEY = 'settings:tier';
const TIERS_KEY = 'tiers';

/**
 * Growth value and the tier it earns. Earning upgrades at once; nothing here downgrades — refunds
 * only add negative entries, and evaluate() moves tiers down when their protection has run out.
 * Tier changes are conditional UPDATEs, so concurrent earners or evaluators change a tier once.
 */
@Injectable()
export class GrowthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cache: ConfigCache,
  ) {}

  /** Tier settings, cached (ConfigCache); the manager argument is accepted for callers inside a transaction. */
  async settings(_manager?: EntityManager): Promise<TierSetting> {
    return this.cache.get(TIER_SETTINGS_KEY, async () => {
      const found = await this.dataSource.getRepository(TierSetting).findOneBy({ id: 1 });
      if (found) return found;
      await insertIgnore(this.dataSource.manager, TierSetting, { id: 1 });
      return this.dataSource.getRepository(TierSetting).findOneByOrFail({ id: 1 });
    });
  }

  async updateSettings(changes: Partial<TierSetting>): Promise<TierSetting> {
    await this.settings();
    await this.dataSource.getRepository(TierSetting).update({ id: 1 }, changes);
    this.cache.invalidate(TIER_SETTINGS_KEY);
    return this.settings();
  }

  /** Every tier, lowest first, cached; tier edits call tiersChanged(). */
  allTiers(): Promise<Tier[]> {
    return this.cache.get(TIERS_KEY, () => this.dataSource.getRepository(Tier).find({ order: { level: 'ASC' } }));
  }

  tiersChanged(): void {
    this.cache.invalidate(TIERS_KEY);
  }

  growthForSpend(paidFen: number, setting: TierSetting): number {
    return growthForSpend(paidFen, setting.growthPerYuan);
  }

  /** Records growth once per idempotency key and upgrades if a threshold is now reached. */
  async earn(manager: EntityManager, input: GrowthInput, now = new Date()): Promise<TierChange | null> {
    if (!Number.isSafeInteger(input.delta) || input.delta === 0) return null;
    const inserted = await insertIgnore(manager, GrowthEntry, { ...input });
    if (!inserted) return null;
    // The tier row and the trailing sum (which counts the entry just inserted) in one statement.
    const { row, growth: trailing } = await this.tierRowAndGrowth(manager, input.memberId, now);
    const state = row ?? (await this.lowestState(now));
    if (input.delta < 0) return { kind: 'none', from: state.level, to: state.level, state };
    const setting = await this.settings(manager);
    const change = afterGrowth(await this.tiers(manager), state, trailing, now, { keepMonths: setting.keepMonths, trailingMonths: setting.trailingMonths });
    if (change.kind === 'upgrade') await this.apply(manager, input.memberId, state, change, trailing);
    return change;
  }

  /** Grants at least `level` (e.g. a recharge plan that comes with a tier), protected like an earned upgrade. */
  async grantLevel(manager: EntityManager, memberId: number, level: number, now = new Date()): Promise<boolean> {
    if (!(await this.allTiers()).some((t) => t.level === level)) return false;
    const state = await this.state(manager, memberId, now);
    if (state.level >= level) return false;
    const setting = await this.settings(manager);
    const change: TierChange = { kind: 'upgrade', from: state.level, to: level, state: { level, since: now, keepUntil: addMonths(now, setting.keepMonths) } };
    const trailing = await this.trailingGrowth(manager, memberId, now, setting.trailingMonths);
    return this.apply(manager, memberId, state, change, trailing);
  }

  /** Re-evaluates members whose protection ended (the periodic job); each change happens once. */
  async evaluateDue(now = new Date(), limit = 500): Promise<{ evaluated: number; downgraded: number; requalified: number }> {
    const due = await this.dataSource.getRepository(MemberTier).find({ where: { keepUntil: LessThanOrEqual(now) }, order: { keepUntil: 'ASC' }, take: limit });
    const report = { evaluated: 0, downgraded: 0, requalified: 0 };
    const setting = await this.settings();
    const tiers = await this.tiers(this.dataSource.manager);
    for (const row of due) {
      await this.dataSource.transaction(async (manager) => {
        const trailing = await this.trailingGrowth(manager, row.memberId, now, setting.trailingMonths);
        const change = evaluateTier(tiers, { level: row.level, since: row.since, keepUntil: row.keepUntil }, trailing, now, {
          keepMonths: setting.keepMonths,
          trailingMonths: setting.trailingMonths,
        });
        if (change.kind === 'none') return;
        if (!(await this.apply(manager, row.memberId, row, change, trailing))) return;
        report.evaluated += 1;
        if (change.kind === 'downgrade') report.downgraded += 1;
        if (change.kind === 'requalify') report.requalified += 1;
      });
    }
    return report;
  }

  async trailingGrowth(manager: EntityManager, memberId: number, now: Date, trailingMonths: number): Promise<number> {
    const row = await manager
      .getRepository(GrowthEntry)
      .createQueryBuilder('g')
      .select('COALESCE(SUM(g.delta), 0)', 'total')
      .where('g.memberId = :memberId AND g.createdAt >= :from', { memberId, from: addMonths(now, -trailingMonths) })
      .getRawOne<{ total: string | number }>();
    return Math.max(0, Number(row?.total ?? 0));
  }

  /** The member's tier row (null without one) and trailing growth: the member card's read. */
  async standing(memberId: number, now: Date): Promise<{ level: number | null; keepUntil: Date | null; growth: number }> {
    const { row, growth } = await this.tierRowAndGrowth(this.dataSource.manager, memberId, now);
    return { level: row?.level ?? null, keepUntil: row?.keepUntil ?? null, growth };
  }

  /** One statement: the growth sum over the trailing window, with the tier row's columns as scalar subqueries. */
  private async tierRowAndGrowth(manager: EntityManager, memberId: number, now: Date): Promise<{ row: MemberTierState | null; growth: number }> {
    const { trailingMonths } = await this.settings();
    const tierColumn = (column: keyof MemberTier) => (qb: SelectQueryBuilder<MemberTier>) =>
      qb.select(`t.${column}`).from(MemberTier, 't').where('t.memberId = :memberId', { memberId });
    const raw = await manager
      .getRepository(GrowthEntry)
      .createQueryBuilder('g')
      .select('COALESCE(SUM(g.delta), 0)', 'total')
      .addSelect(tierColumn('level'), 'level')
      .addSelect(tierColumn('since'), 'since')
      .addSelect(tierColumn('keepUntil'), 'keepUntil')
      .where('g.memberId = :memberId AND g.createdAt >= :from', { memberId, from: addMonths(now, -trailingMonths) })
      .getRawOne<{ total: string | number; level: string | number | null; since: string | Date | null; keepUntil: string | Date | null }>();
    const growth = Math.max(0, Number(raw?.total ?? 0));
    if (raw?.level === null || raw?.level === undefined || !raw.since || !raw.keepUntil) return { row: null, growth };
    return { row: { level: Number(raw.level), since: parseDbDate(raw.since), keepUntil: parseDbDate(raw.keepUntil) }, growth };
  }

  async state(manager: EntityManager, memberId: number, now = new Date()): Promise<MemberTierState> {
    const row = await manager.getRepository(MemberTier).findOneBy({ memberId });
    if (row) return { level: row.level, since: row.since, keepUntil: row.keepUntil };
    return this.lowestState(now);
  }

  /** A member without a tier row: at the lowest tier, unprotected. */
  private async lowestState(now: Date): Promise<MemberTierState> {
    const lowest = (await this.allTiers())[0]?.level ?? 0;
    return { level: lowest, since: now, keepUntil: now };
  }

  history(memberId: number): Promise<TierHistory[]> {
    return this.dataSource.getRepository(TierHistory).find({ where: { memberId }, order: { id: 'DESC' }, take: 50 });
  }

  async entries(memberId: number, since: Date): Promise<GrowthEntry[]> {
    return this.dataSource.getRepository(GrowthEntry).find({ where: { memberId, createdAt: MoreThanOrEqual(since) }, order: { id: 'DESC' }, take: 100 });
  }

  private tiers(_manager: EntityManager): Promise<Tier[]> {
    return this.allTiers();
  }

  /** Moves the tier only if it is still what we computed from (conditional UPDATE / unique insert). */
  private async apply(manager: EntityManager, memberId: number, from: MemberTierState, change: TierChange, trailing: number): Promise<boolean> {
    const repo = manager.getRepository(MemberTier);
    let moved: boolean;
    if (!(await repo.existsBy({ memberId }))) {
      moved = await insertIgnore(manager, MemberTier, { memberId, level: change.state.level, since: change.state.since, keepUntil: change.state.keepUntil });
    } else {
      const result = await repo.update(
        { memberId, level: from.level, keepUntil: from.keepUntil },
        { level: change.state.level, since: change.state.since, keepUntil: change.state.keepUntil },
      );
      moved = (result.affected ?? 0) > 0;
    }
    if (moved && change.from !== change.to) {
      await manager
        .getRepository(TierHistory)
        .insert({ memberId, fromLevel: change.from, toLevel: change.to, kind: change.kind as TierHistory['kind'], trailingGrowth: trailing });
    }
    return moved;
  }
}
