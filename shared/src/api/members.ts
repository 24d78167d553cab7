import type { Fen } from '../money/fen';
import type { OrderStatus } from '../state/order';
import type { MemberProfile } from './auth';
import type { MembershipStatusName } from './membership';

/** GET /api/admin/members rows, in a Page (query: page, pageSize, keyword = member id, phone digits or nickname; or ids=1,2,3 for those members). */
export interface AdminMemberListItem {
  id: number;
  nickname: string;
  phoneMasked: string | null;
  /** e.g. oABCDE…wxyz */
  openidMasked: string;
  createdAt: string;
  lastLoginAt: string | null;
}

/** GET /api/admin/members/:id — the member at a glance for ops and finance (each domain read through its service). */
export interface AdminMemberDetail {
  profile: MemberProfile & {
    openidMasked: string;
    registerScene: string | null;
    lastLoginAt: string | null;
  };
  tier: { level: number; name: string; color: string; growth: number; keepUntil: string | null };
  svip: { status: MembershipStatusName; expiresAt: string | null; planName: string | null };
  wallet: { principalFen: Fen; bonusFen: Fen; totalFen: Fen };
  points: { balance: number };
  /** Coupons still usable now, and every coupon the member ever held. */
  coupons: { available: number; total: number };
  binding: {
    storeId: number;
    storeName: string;
    staffAccountId: number | null;
    staffName: string | null;
    boundAt: string;
    protectedUntil: string;
  } | null;
  /** The five newest orders. */
  recentOrders: {
    id: number;
    orderNo: string;
    status: OrderStatus;
    statusText: string;
    payableFen: Fen;
    createdAt: string;
    title: string;
  }[];
}

/** PUT /api/admin/members/:id/birthday (ops; audited with the reason). */
export interface ChangeBirthdayRequest {
  birthday: string;
  reason: string;
}
