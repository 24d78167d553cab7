/** Who is calling: a consumer (member) or an account of the brand (admin, ops, finance, store staff). */
export type PrincipalKind = 'member' | 'account';

export const ACCOUNT_ROLES = ['admin', 'ops', 'finance', 'store_manager', 'staff'] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];
/** Roles that may use the web admin panel (admin is allowed everywhere). */
export const ADMIN_PANEL_ROLES: readonly AccountRole[] = ['admin', 'ops', 'finance'];
/** Roles that act in a store through the mini-program's staff mode. */
export const STORE_ROLES: readonly AccountRole[] = ['store_manager', 'staff'];

export type Gender = 'male' | 'female' | 'unknown';

export const GENDER_LABELS: Record<Gender, string> = { male: '男', female: '女', unknown: '未设置' };

/** What a complete profile needs (the profile reward is paid once it is complete). */
export const PROFILE_FIELDS = ['nickname', 'phone', 'birthday', 'gender', 'region'] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

export const PROFILE_FIELD_LABELS: Record<ProfileField, string> = { nickname: '昵称', phone: '手机号', birthday: '生日', gender: '性别', region: '所在地区' };

export interface MemberProfile {
  id: number;
  nickname: string;
  avatarUrl: string | null;
  /** Masked for display, e.g. 138****8000; null until the member binds a phone. */
  phoneMasked: string | null;
  hasPhone: boolean;
  /** yyyy-MM-dd; the member sets it once, later changes go through staff or ops. */
  birthday: string | null;
  gender: Gender;
  /** e.g. 上海市 静安区 */
  region: string;
  /** What is still missing for a complete profile (and its reward). */
  missing: ProfileField[];
  createdAt: string;
}

/** PATCH /api/members/me */
export interface UpdateProfileRequest {
  nickname?: string;
  /** An image the member uploaded with purpose `avatar`. */
  avatarUploadId?: number;
  gender?: Gender;
  region?: string;
  birthday?: string;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
}

export interface MemberLoginResponse extends TokenPair {
  member: MemberProfile;
  isNewMember: boolean;
}

export interface AccountProfile {
  id: number;
  username: string;
  displayName: string;
  role: AccountRole;
  storeId: number | null;
}

export interface AccountLoginResponse extends TokenPair {
  account: AccountProfile;
}

/**
 * Body of POST /api/auth/refresh (answers a new TokenPair; the token sent is used up, and sending a
 * used one again ends the whole session) and of POST /api/auth/logout (204; ends the session).
 */
export interface RefreshTokenRequest {
  refreshToken: string;
}

/** One signed-in session (a login and its refreshes), as GET /api/admin/accounts/:id/sessions lists them. */
export interface SessionView {
  /** Session id, for DELETE /api/admin/accounts/:id/sessions/:sessionId. */
  id: string;
  /** When the session logged in. */
  createdAt: string;
  /** The last login or refresh. */
  lastUsedAt: string;
  /** When it ends unless refreshed again. */
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
}

export interface SessionList {
  items: SessionView[];
}

/** Answer of DELETE /api/admin/accounts/:id/sessions[/:sessionId]. */
export interface SessionsRevoked {
  revoked: number;
}

export interface HealthResponse {
  status: 'ok' | 'degraded';
  database: 'up' | 'down';
  databaseType: 'mysql' | 'better-sqlite3';
  wechatMode: 'simulator' | 'live';
  uptimeSeconds: number;
  /** Only with DATABASE_REPLICA_URL: whether heavy reads go to the replica now, and why not. */
  replica?: { serving: boolean; lagSeconds: number | null; reason: string | null };
}

/** An uploaded image (POST /api/uploads, /api/admin/uploads, multipart `file` + `purpose`). */
export interface UploadView {
  id: number;
  /** Served by the API host, e.g. /uploads/avatar/ab/….jpg */
  url: string;
  mimeType: string;
  sizeBytes: number;
}
