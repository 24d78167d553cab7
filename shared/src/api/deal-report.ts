/**
 * GET /api/admin/deal-report — deal performance per flash-sale event and per group-buy deal, for
 * the deals whose window overlaps the chosen Beijing days. Figures are over the deal's whole life.
 */
export interface DealPerformanceRow {
  id: number;
  name: string;
  productName: string;
  startAt: string;
  endAt: string;
  /** Views of the deal's product during its window (behaviour events the mini-program sends). */
  views: number;
  /** Holds taken: flash-sale reservations, group-buy slots (paid or not). */
  reservations: number;
  paidOrders: number;
  unitsSold: number;
  /** Units sold over deal stock, in basis points; null where a deal has no stock of its own (group buys). */
  sellThroughBps: number | null;
  /** What the paid orders were paid (cash, balance and shipping), before refunds. */
  revenueFen: number;
  refundOrders: number;
  refundFen: number;
  uniqueBuyers: number;
  /** Buyers whose first paid order ever was this deal's. */
  newMembers: number;
}

export interface FlashSalePerformanceRow extends DealPerformanceRow {
  stockTotal: number;
}

export interface GroupBuyPerformanceRow extends DealPerformanceRow {
  groupSize: number;
  groupsOpened: number;
  groupsCompleted: number;
  groupsFailed: number;
  /** Completed over finished (completed + failed) groups, in basis points. */
  completionBps: number;
  /** Virtual members used to complete groups (the deal's 虚拟成团 option). */
  virtualMembers: number;
  groupsCompletedWithVirtual: number;
}

export interface DealReport {
  from: string;
  to: string;
  flashSales: FlashSalePerformanceRow[];
  groupBuys: GroupBuyPerformanceRow[];
}

/** Units sold over stock, in basis points (floor); null without stock. */
export function sellThroughBps(unitsSold: number, stockTotal: number | null): number | null {
  if (!stockTotal || stockTotal <= 0) return null;
  return Math.floor((Math.min(unitsSold, stockTotal) * 10_000) / stockTotal);
}

/** 1234 → "12.34%"; null → "—". */
export function bpsPercent(bps: number | null): string {
  return bps === null ? '—' : `${(bps / 100).toFixed(2)}%`;
}
