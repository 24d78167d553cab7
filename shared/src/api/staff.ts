import type { AccountProfile, TokenPair } from './auth';

/** Staff mode's session: a store account linked to this WeChat user. */
export interface StaffSession extends TokenPair {
  account: AccountProfile;
  store: { id: number; name: string; address: string };
}

/** What staff see about a member: never the full phone number. */
export interface StaffMemberSummary {
  memberId: number;
  nickname: string;
  phoneMasked: string | null;
  tier: { level: number; name: string; color: string };
  svip: { status: 'none' | 'active' | 'grace' | 'expired'; expiresAt: string | null };
  tags: string[];
  points: number;
  balanceFen: number;
  binding: {
    storeId: number;
    storeName: string;
    staffAccountId: number | null;
    staffName: string | null;
    boundAt: string;
    protectedUntil: string;
    via: string;
  } | null;
  recentOrders: { orderNo: string; status: string; statusText: string; payFen: number; paidAt: string | null; title: string }[];
}

export interface ScanBindResult {
  outcome: 'bound' | 'rebound' | 'already_yours' | 'protected';
  message: string;
  member: StaffMemberSummary;
}

export interface WriteOffResult {
  id: number;
  kind: 'order_pickup' | 'points_gift' | 'coupon';
  title: string;
  memberId: number;
  nickname: string;
  createdAt: string;
}

export interface StaffPerformanceRow {
  staffAccountId: number | null;
  staffName: string;
  newBindings: number;
  boundMembers: number;
  gmvFen: number;
  rechargeFen: number;
  svipFen: number;
}

export interface StaffPerformance {
  from: string;
  to: string;
  store: { id: number; name: string };
  rows: StaffPerformanceRow[];
  totals: Omit<StaffPerformanceRow, 'staffAccountId' | 'staffName'>;
}

/** GET /api/members/me/store — the store and guide a member is bound to (导购绑定). */
export interface MyGuideView {
  store: { id: number; name: string; address: string; openingHours: string; latitude: number | null; longitude: number | null } | null;
  guide: { id: number; name: string; avatarUrl: string | null; hasPhone: boolean } | null;
}

/** POST /api/members/me/store/guide-phone — revealed only when the member asks (to call the guide). */
export interface GuidePhoneView {
  phone: string;
}
