import type { AccountRole } from './auth';
import type { StaffPerformance, StaffPerformanceRow, WriteOffResult } from './staff';

/** GET /api/admin/stores rows */
export interface AdminStoreView {
  id: number;
  name: string;
  address: string;
  openingHours: string;
  latitude: number | null;
  longitude: number | null;
  active: boolean;
  staffCount: number;
}

/** POST /api/admin/stores and PUT /api/admin/stores/:id body */
export interface StoreRequest {
  name: string;
  address?: string;
  openingHours?: string;
  latitude?: number;
  longitude?: number;
}

/** What POST /api/admin/stores and PUT /api/admin/stores/:id answer: the store row. */
export interface StoreRecord {
  id: number;
  name: string;
  address: string;
  latitude: number | null;
  longitude: number | null;
  openingHours: string;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

/** GET /api/admin/stores/:id/staff rows */
export interface StoreStaffView {
  id: number;
  displayName: string;
  role: AccountRole;
  active: boolean;
  /** A WeChat user has linked the account with an invitation code. */
  linked: boolean;
}

/** GET /api/admin/stores/:id/poster: the store's mini-program code as a data: URL. */
export interface StorePosterView {
  image: string;
}

/** The totals of one store's performance (GET /api/admin/stores/:id/performance answers a StaffPerformance). */
export type StorePerformanceTotals = StaffPerformance['totals'];

export interface StoreLeaderboardRow extends StorePerformanceTotals {
  storeId: number;
  storeName: string;
}

export interface StaffLeaderboardRow extends StaffPerformanceRow {
  storeName: string;
}

/** GET /api/admin/leaderboard?from&to: stores by GMV, and the top 50 guides across stores. */
export interface StoreLeaderboard {
  from: string;
  to: string;
  stores: StoreLeaderboardRow[];
  staff: StaffLeaderboardRow[];
}

export type BindingAction = 'bind' | 'rebind' | 'transfer';

export const BINDING_ACTION_LABELS: Record<BindingAction, string> = {
  bind: '首次绑定',
  rebind: '过保护期改绑',
  transfer: '转移',
};

/** GET /api/admin/bindings?memberId&storeId rows (newest 200). */
export interface BindingHistoryView {
  id: number;
  memberId: number;
  /** Empty when the member has not set one. */
  nickname: string;
  storeId: number;
  storeName: string;
  action: BindingAction;
  /** Null for a poster sign-up without a guide. */
  staffName: string | null;
  fromStaffName: string | null;
  byName: string | null;
  createdAt: string;
}

/** POST /api/admin/transfers body: all of fromStaff's members, or only memberId. */
export interface TransferRequest {
  storeId: number;
  fromStaffId: number;
  toStaffId: number;
  memberId?: number;
}

export interface TransferResult {
  moved: number;
}

export type WriteOffKind = WriteOffResult['kind'];

export const WRITE_OFF_KIND_LABELS: Record<WriteOffKind, string> = {
  order_pickup: '自提订单',
  points_gift: '积分礼品',
  coupon: '优惠券',
};

/** GET /api/admin/write-offs?storeId rows (newest 200). */
export interface AdminWriteOffView extends WriteOffResult {
  storeId: number;
  staffAccountId: number;
}
