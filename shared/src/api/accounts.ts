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
  workPhone: string | null;
  avatarUrl: string | null;
}

/** PATCH /api/admin/accounts/:id (deactivating signs the account out everywhere). */
export interface UpdateAccountRequest {
  displayName?: string;
  workPhone?: string | null;
  /** An upload of purpose avatar/cover made by this admin (POST /api/admin/uploads). */
  avatarUploadId?: number;
  active?: boolean;
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

/** GET /api/admin/audit-logs rows: who changed what, with the request and outcome. */
export interface AuditLogView {
  id: number;
  actor: { id: number; role: string; displayName: string | null };
  action: string;
  target: { type: string; id: string };
  details: Record<string, unknown>;
  createdAt: string;
}
