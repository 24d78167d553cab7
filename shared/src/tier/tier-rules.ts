/**
 * Tier rules (pure): a member climbs as soon as trailing growth reaches a threshold, keeps a tier for
 * a protection period after reaching it, and is only moved down at evaluation, on trailing growth.
 */

export interface TierThreshold {
  level: number;
  growthThreshold: number;
}

export interface TierPolicy {
  /** Months a reached tier is kept before it is re-evaluated (default 12). */
  keepMonths: number;
  /** Window of growth that counts, in months (default 12). */
  trailingMonths: number;
}

export const DEFAULT_TIER_POLICY: TierPolicy = { keepMonths: 12, trailingMonths: 12 };

export interface MemberTierState {
  level: number;
  /** When the current level was reached or last re-qualified. */
  since: Date;
  /** Not moved down before this. */
  keepUntil: Date;
}

export type TierChange = { kind: 'upgrade' | 'downgrade' | 'requalify' | 'none'; from: number; to: number; state: MemberTierState };

/** Adds calendar months in UTC, clamping to the month's last day (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(date: Date, months: number): Date {
  const d = new Date(date.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, lastDay));
  return d;
}

export function validateTiers(tiers: readonly TierThreshold[]): string[] {
  const problems: string[] = [];
  const sorted = [...tiers].sort((a, b) => a.level - b.level);
  if (sorted.length === 0) problems.push('at least one tier is needed');
  if (sorted[0] && sorted[0].growthThreshold !== 0) problems.push('the lowest tier must start at growth 0');
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].level === sorted[i - 1].level) problems.push(`level ${sorted[i].level} appears twice`);
    if (sorted[i].growthThreshold <= sorted[i - 1].growthThreshold)
      problems.push(`level ${sorted[i].level} must need more growth than level ${sorted[i - 1].level}`);
  }
  return problems;
}

/** The highest level whose threshold `growth` reaches (levels sorted by threshold). */
export function levelForGrowth(tiers: readonly TierThreshold[], growth: number): number {
  let level = Math.min(...tiers.map((t) => t.level));
  for (const tier of tiers) if (growth >= tier.growthThreshold && tier.level > level) level = tier.level;
  return level;
}

export function nextTier(tiers: readonly TierThreshold[], level: number): TierThreshold | null {
  return [...tiers].filter((t) => t.level > level).sort((a, b) => a.level - b.level)[0] ?? null;
}

/** Progress to the next tier for the member card: growth still needed and a 0–100 percentage. */
export function tierProgress(tiers: readonly TierThreshold[], level: number, growth: number): { next: TierThreshold | null; needed: number; percent: number } {
  const next = nextTier(tiers, level);
  if (!next) return { next: null, needed: 0, percent: 100 };
  const current = tiers.find((t) => t.level === level)?.growthThreshold ?? 0;
  const span = next.growthThreshold - current;
  const percent = span <= 0 ? 100 : Math.max(0, Math.min(100, Math.floor(((growth - current) * 100) / span)));
  return { next, needed: Math.max(0, next.growthThreshold - growth), percent };
}

/** After growth was earned: upgrade at once if the trailing growth reaches a higher tier; never downgrade here. */
export function afterGrowth(
  tiers: readonly TierThreshold[],
  state: MemberTierState,
  trailingGrowth: number,
  now: Date,
  policy = DEFAULT_TIER_POLICY,
): TierChange {
  const reached = levelForGrowth(tiers, trailingGrowth);
  if (reached <= state.level) return { kind: 'none', from: state.level, to: state.level, state };
  return { kind: 'upgrade', from: state.level, to: reached, state: { level: reached, since: now, keepUntil: addMonths(now, policy.keepMonths) } };
}

/**
 * Periodic evaluation: before keepUntil nothing moves down (a refund that drops growth waits for
 * evaluation); from keepUntil on, the tier follows trailing growth — down if it fell short, and a
 * member who still qualifies re-qualifies for another period.
 */
export function evaluateTier(
  tiers: readonly TierThreshold[],
  state: MemberTierState,
  trailingGrowth: number,
  now: Date,
  policy = DEFAULT_TIER_POLICY,
): TierChange {
  const reached = levelForGrowth(tiers, trailingGrowth);
  if (reached > state.level) return afterGrowth(tiers, state, trailingGrowth, now, policy);
  if (now < state.keepUntil) return { kind: 'none', from: state.level, to: state.level, state };
  const next: MemberTierState = { level: reached, since: reached === state.level ? state.since : now, keepUntil: addMonths(now, policy.keepMonths) };
  return { kind: reached < state.level ? 'downgrade' : 'requalify', from: state.level, to: reached, state: next };
}

/** Growth earned by paid spend: `ratePerYuan` growth per whole yuan (floor), never negative. */
export function growthForSpend(paidFen: number, ratePerYuan = 1): number {
  if (paidFen <= 0) return 0;
  return Math.floor((Math.floor(paidFen / 100) * Math.round(ratePerYuan * 100)) / 100);
}
