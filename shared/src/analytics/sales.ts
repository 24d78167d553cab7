import type { MonthKey } from './days';

/** One paid order of a day, with what the rollup needs to place it. */
export interface SalesOrderInput {
  orderId: number;
  memberId: number;
  payableFen: number;
  /** Money refunded by completed after-sales of this order (cash + stored value). */
  refundedFen: number;
  storeId: number | null;
  guideId: number | null;
  channel: string | null;
  /** The buyer held an active paid membership (SVIP) when paying. */
  svip: boolean;
  /** Savings the paid-membership benefits gave on this order. */
  svipSavingsFen: number;
  /** Join month of the buyer. */
  cohort: MonthKey | null;
}

export interface NewMemberInput {
  memberId: number;
  storeId: number | null;
  guideId: number | null;
  channel: string | null;
}

export interface SalesKey {
  storeId: number;
  guideId: number;
  channel: string;
}

export interface SalesFacts extends SalesKey {
  newMembers: number;
  orders: number;
  gmvFen: number;
  refundFen: number;
  svipOrders: number;
  svipGmvFen: number;
  svipRefundFen: number;
  svipSavingsFen: number;
}

export interface CohortFacts {
  cohort: MonthKey;
  orders: number;
  /** Net of refunds. */
  spendFen: number;
}

/** 0 and '' stand for "none" so the dimensions can be a primary key. */
export function salesKeyOf(x: { storeId: number | null; guideId: number | null; channel: string | null }): SalesKey {
  return { storeId: x.storeId ?? 0, guideId: x.guideId ?? 0, channel: (x.channel ?? '').slice(0, 32) };
}

const keyString = (k: SalesKey) => `${k.storeId}|${k.guideId}|${k.channel}`;

/** A day's orders and new members folded into one fact row per (store, guide, channel), and spend per join cohort. */
export function aggregateDay(orders: SalesOrderInput[], newMembers: NewMemberInput[]): { sales: SalesFacts[]; cohorts: CohortFacts[] } {
  const sales = new Map<string, SalesFacts>();
  const row = (k: SalesKey): SalesFacts => {
    const id = keyString(k);
    let r = sales.get(id);
    if (!r) {
      r = { ...k, newMembers: 0, orders: 0, gmvFen: 0, refundFen: 0, svipOrders: 0, svipGmvFen: 0, svipRefundFen: 0, svipSavingsFen: 0 };
      sales.set(id, r);
    }
    return r;
  };
  for (const m of newMembers) row(salesKeyOf(m)).newMembers += 1;
  const cohorts = new Map<MonthKey, CohortFacts>();
  for (const o of orders) {
    const r = row(salesKeyOf(o));
    r.orders += 1;
    r.gmvFen += o.payableFen;
    r.refundFen += o.refundedFen;
    if (o.svip) {
      r.svipOrders += 1;
      r.svipGmvFen += o.payableFen;
      r.svipRefundFen += o.refundedFen;
      r.svipSavingsFen += o.svipSavingsFen;
    }
    if (o.cohort) {
      const c = cohorts.get(o.cohort) ?? { cohort: o.cohort, orders: 0, spendFen: 0 };
      c.orders += 1;
      c.spendFen += o.payableFen - o.refundedFen;
      cohorts.set(o.cohort, c);
    }
  }
  const byKey = (a: SalesKey, b: SalesKey) => a.storeId - b.storeId || a.guideId - b.guideId || (a.channel < b.channel ? -1 : a.channel > b.channel ? 1 : 0);
  return { sales: [...sales.values()].sort(byKey), cohorts: [...cohorts.values()].sort((a, b) => (a.cohort < b.cohort ? -1 : 1)) };
}

/** Savings from paid-membership ('plan') sources in an order's savings JSON ([{source:{type}, fen}]); bad JSON counts 0. */
export function planSavingsFen(savingsJson: string | null): number {
  if (!savingsJson) return 0;
  try {
    const list = JSON.parse(savingsJson) as { source?: { type?: string }; fen?: number }[];
    if (!Array.isArray(list)) return 0;
    return list.reduce((sum, s) => sum + (s?.source?.type === 'plan' && Number.isSafeInteger(s.fen) ? (s.fen as number) : 0), 0);
  } catch {
    return 0;
  }
}
