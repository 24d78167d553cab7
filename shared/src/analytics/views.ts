import type { LtvRow } from './cohort';
import type { DayKey, MonthKey } from './days';

export const ANALYTICS_EXPORTS = ['sales', 'stores', 'guides', 'channels', 'svip', 'renewal', 'liabilities', 'members', 'ltv', 'funnels'] as const;

/** Exports (and dashboards) that have a store dimension: the only ones a store manager may open, scoped to the own store. */
export const STORE_SCOPED_EXPORTS: readonly AnalyticsExport[] = ['sales', 'stores', 'guides', 'channels', 'members', 'funnels'];
export type AnalyticsExport = (typeof ANALYTICS_EXPORTS)[number];

export interface SalesDayView {
  day: DayKey;
  newMembers: number;
  orders: number;
  gmvFen: number;
  refundFen: number;
  netGmvFen: number;
  aovFen: number | null;
  svipGmvFen: number;
  nonSvipGmvFen: number;
}

export interface SalesGroupView {
  key: string;
  label: string;
  newMembers: number;
  orders: number;
  gmvFen: number;
  refundFen: number;
  aovFen: number | null;
  svipShare: number | null;
}

export interface SalesReport {
  from: DayKey;
  to: DayKey;
  days: SalesDayView[];
  totals: {
    newMembers: number;
    orders: number;
    gmvFen: number;
    refundFen: number;
    netGmvFen: number;
    aovFen: number | null;
    svipGmvFen: number;
    svipShare: number | null;
  };
}

export interface SvipDayView {
  day: DayKey;
  newCount: number;
  renewedCount: number;
  feeFen: number;
  refundFen: number;
  ended: number;
  renewedOfEnded: number;
  /** Ended and not renewed, once the grace period is over; null while it still may be. */
  churned: number | null;
  activeEnd: number;
  savingsFen: number;
}

export interface RenewalCohortView {
  /** Month the periods ended. */
  month: MonthKey;
  ended: number;
  renewed: number;
  rate: number | null;
}

export interface SvipReport {
  from: DayKey;
  to: DayKey;
  days: SvipDayView[];
  renewal: RenewalCohortView[];
  totals: {
    newCount: number;
    renewedCount: number;
    feeFen: number;
    refundFen: number;
    savingsFen: number;
    churned: number;
    activeNow: number;
    savingsToFee: number | null;
  };
}

export interface LiabilityDayView {
  day: DayKey;
  rechargedPrincipalFen: number;
  rechargedBonusFen: number;
  spentPrincipalFen: number;
  spentBonusFen: number;
  refundedPrincipalFen: number;
  refundedBonusFen: number;
  otherPrincipalFen: number;
  otherBonusFen: number;
  outstandingPrincipalFen: number;
  outstandingBonusFen: number;
  pointsIssued: number;
  pointsRedeemed: number;
  pointsExpired: number;
  pointsOther: number;
  pointsOutstanding: number;
}

export interface LiabilityReport2 {
  from: DayKey;
  to: DayKey;
  days: LiabilityDayView[];
  pointsExpiring30d: number;
  snapshotDay: DayKey | null;
}

export interface MembersReport {
  snapshotDay: DayKey | null;
  byTier: { level: number; name: string; members: number }[];
  byLifecycle: { stage: string; label: string; members: number }[];
  buyers: number;
  repeatBuyers: number;
  repurchaseRate: number | null;
  svipActive: number;
}

export interface LtvReport {
  asOf: MonthKey;
  maxOffset: number;
  rows: LtvRow[];
}

export interface PermissionRouteView {
  method: string;
  path: string;
  /** 'public', or roles the route allows (admin passes every account route). */
  roles: string[];
  public: boolean;
}

export interface PermissionMatrixView {
  roles: string[];
  routes: PermissionRouteView[];
}

/** Community and deal figures of one Beijing day, each counted on the day its stage happened. */
export interface FunnelDayView {
  day: DayKey;
  /** Community invitations: eligible → invited → viewed → code shown → joined → active. */
  eligible: number;
  invited: number;
  viewed: number;
  codeShown: number;
  joined: number;
  active: number;
  /** Flash-sale reservations taken, sold (the order was paid) and released (ended unpaid), and the units sold. */
  flashReserved: number;
  flashSold: number;
  flashReleased: number;
  flashSoldUnits: number;
  /** Group buys opened (the leader paid), completed and failed. */
  groupOpened: number;
  groupCompleted: number;
  groupFailed: number;
}

export type FunnelTotals = Omit<FunnelDayView, 'day'>;

export interface FunnelReport {
  from: DayKey;
  to: DayKey;
  /** Store the figures are limited to (a store manager's own store), or null for the whole brand. */
  storeId: number | null;
  days: FunnelDayView[];
  totals: FunnelTotals;
  /** Flash-sale events whose window overlaps the range: units sold of units offered (brand-wide; null when store-scoped). */
  flashSellThrough: { events: number; stockTotal: number; sold: number; rate: number | null } | null;
  /** Group buys opened in the range that have finished: completed of (completed + failed). */
  groupSuccessRate: number | null;
}

export const FUNNEL_METRICS = [
  'eligible',
  'invited',
  'viewed',
  'codeShown',
  'joined',
  'active',
  'flashReserved',
  'flashSold',
  'flashReleased',
  'flashSoldUnits',
  'groupOpened',
  'groupCompleted',
  'groupFailed',
] as const satisfies readonly (keyof FunnelTotals)[];
export type FunnelMetric = (typeof FUNNEL_METRICS)[number];
