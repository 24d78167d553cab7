import type { AccountProfile, AccountRole } from './auth';

/** The one wording for each account role, in the admin panel and staff mode. */
export const ACCOUNT_ROLE_LABELS: Record<AccountRole, string> = {
  admin: '超级管理员',
  ops: '运营',
  finance: '财务',
  store_manager: '店长',
  staff: '导购',
};

/** GET /api/admin/accounts rows */
export interface AdminAccountView extends AccountProfile {
  storeName: string | null;
  active: boolean;
  lastLoginAt: string | null;
}

/** POST /api/admin/accounts (answers with the new AccountProfile) */
export interface CreateAccountRequest {
  username: string;
  password: string;
  displayName: string;
  role: AccountRole;
  /** Required for store roles (store_manager, staff). */
  storeId?: number;
}

/** POST /api/admin/accounts/:id/invites — a one-time code staff enter in the mini-program. */
export interface StaffInviteView {
  code: string;
  expiresAt: string;
  accountId: number;
}
