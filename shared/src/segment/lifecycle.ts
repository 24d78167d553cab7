import { DAY_MS } from '../time/beijing';
import type { LifecycleStage, RfmBand } from './segment-definition';

export interface LifecycleSettings {
  /** No order for this many days: 沉睡. */
  dormantDays: number;
  /** No order for this many days: 流失. */
  lostDays: number;
  /** Tier level from which a member counts as 会员 without SVIP (the top tier, usually). */
  memberTierLevel: number;
}

export const DEFAULT_LIFECYCLE_SETTINGS: LifecycleSettings = { dormantDays: 90, lostDays: 180, memberTierLevel: 4 };

export interface LifecycleInput {
  orderCount: number;
  lastOrderAt: Date | null;
  svipActive: boolean;
  tierLevel: number;
}

/**
 * 潜客 (no order) → 新客 (one order) → 老客 (repeat) → 会员 (SVIP or top tier); whoever has not ordered
 * for `dormantDays` is 沉睡 and after `lostDays` 流失, whatever they were before.
 */
export function lifecycleStage(input: LifecycleInput, now: Date, settings: LifecycleSettings = DEFAULT_LIFECYCLE_SETTINGS): LifecycleStage {
  if (input.orderCount <= 0 || !input.lastOrderAt) return 'prospect';
  const idle = now.getTime() - input.lastOrderAt.getTime();
  if (idle >= settings.lostDays * DAY_MS) return 'lost';
  if (idle >= settings.dormantDays * DAY_MS) return 'dormant';
  if (input.svipActive || input.tierLevel >= settings.memberTierLevel) return 'member';
  return input.orderCount >= 2 ? 'repeat' : 'new';
}

export interface RfmSettings {
  /** Ordered within this many days: R high. */
  recentDays: number;
  /** At least this many orders in 90 days: F high. */
  frequentOrders90d: number;
  /** At least this much spent in all: M high. */
  monetaryFen: number;
}

export const DEFAULT_RFM_SETTINGS: RfmSettings = { recentDays: 30, frequentOrders90d: 2, monetaryFen: 50_000 };

export interface RfmInput {
  orderCount: number;
  lastOrderAt: Date | null;
  orderCount90d: number;
  spendFen: number;
}

export function rfmBand(input: RfmInput, now: Date, settings: RfmSettings = DEFAULT_RFM_SETTINGS): RfmBand {
  if (input.orderCount <= 0 || !input.lastOrderAt) return 'none';
  const r = now.getTime() - input.lastOrderAt.getTime() <= settings.recentDays * DAY_MS;
  const f = input.orderCount90d >= settings.frequentOrders90d;
  const m = input.spendFen >= settings.monetaryFen;
  const bands: Record<string, RfmBand> = {
    'true,true,true': 'important_value',
    'true,false,true': 'important_develop',
    'false,true,true': 'important_keep',
    'false,false,true': 'important_retain',
    'true,true,false': 'general_value',
    'true,false,false': 'general_develop',
    'false,true,false': 'general_keep',
    'false,false,false': 'general_retain',
  };
  return bands[`${r},${f},${m}`];
}

export type RepurchaseStage = 'sweet' | 'window';
export const REPURCHASE_STAGE_LABELS: Record<RepurchaseStage, string> = { sweet: '甜蜜期', window: '空窗期' };

/**
 * From the member's own cycle (average days between their orders): just bought (less than half a
 * cycle ago) is 甜蜜期, due again (a whole cycle or more) is 空窗期; in between, or with fewer than two
 * orders, neither.
 */
export function repurchaseStage(input: { orderCount: number; firstOrderAt: Date | null; lastOrderAt: Date | null }, now: Date): RepurchaseStage | null {
  if (input.orderCount < 2 || !input.firstOrderAt || !input.lastOrderAt) return null;
  const cycle = (input.lastOrderAt.getTime() - input.firstOrderAt.getTime()) / (input.orderCount - 1);
  if (cycle < DAY_MS) return null;
  const since = now.getTime() - input.lastOrderAt.getTime();
  if (since < cycle / 2) return 'sweet';
  if (since >= cycle) return 'window';
  return null;
}
