import type { LtvRow } from './cohort';
import type { DayKey, MonthKey } from './days';

export const ANALYTICS_EXPORTS = ['sales', 'stores', 'guides', 'channels', 'svip', 'renewal', 'liabilities', 'members', 'ltv'] as const;
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
