import Taro from '@tarojs/taro';
import { ERROR_MESSAGES_ZH, isApiErrorBody, type ErrorCode, type TokenPair } from '@mall/shared';

/** An error answered by the server in its `{code, message, details?}` shape, or a network failure. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode | 'NETWORK_ERROR' | string,
    message: string,
    readonly status: number,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export interface RequestOptions {
  url: string;
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  data?: unknown;
  /** Created by the caller for one user action and reused when that action is retried. */
  idempotencyKey?: string;
  /** Don't toast errors (the caller shows them its own way). */
  silent?: boolean;
  /** Public endpoints don't need (or wait for) a session. */
  auth?: boolean;
  /** Staff mode sends the staff session's token instead of the member's (and handles 401 itself). */
  bearer?: string;
}

export interface SessionHooks {
  tokens(): TokenPair | null;
  setTokens(tokens: TokenPair): void;
  /** Full re-login (wx.login) when the refresh token is no good either. */
  relogin(): Promise<void>;
}

let hooks: SessionHooks | null = null;
let refreshing: Promise<boolean> | null = null;

/** The session store plugs itself in here (avoids an import cycle). */
export function bindSession(session: SessionHooks): void {
  hooks = session;
}

/** A fresh key for one value-moving action (recharge, order, redemption…). */
export function newIdempotencyKey(): string {
  const random = Math.random().toString(36).slice(2, 12) + Math.random().toString(36).slice(2, 12);
  return `${Date.now().toString(36)}-${random}`.slice(0, 64);
}

function toast(message: string): void {
  void Taro.showToast({ title: message, icon: 'none', duration: 2500 });
}

async function send<T>(options: RequestOptions, accessToken: string | undefined) {
  const header: Record<string, string> = { 'content-type': 'application/json' };
  if (accessToken) header.authorization = `Bearer ${accessToken}`;
  if (options.idempotencyKey) header['Idempotency-Key'] = options.idempotencyKey;
  return Taro.request<T>({
    url: `${API_BASE_URL}${options.url}`,
    method: options.method ?? 'GET',
    data: options.data as never,
    header,
    timeout: 15_000,
  });
}

/** One refresh at a time; concurrent 401s wait for the same one. */
function refreshOnce(): Promise<boolean> {
  if (!refreshing) {
    refreshing = (async () => {
      const tokens = hooks?.tokens();
      if (!tokens) return false;
      try {
        const res = await send<TokenPair>({ url: '/api/auth/refresh', method: 'POST', data: { refreshToken: tokens.refreshToken } }, undefined);
        if (res.statusCode !== 200) return false;
        hooks?.setTokens(res.data);
        return true;
      } catch {
        return false;
      }
    })().finally(() => (refreshing = null));
  }
  return refreshing;
}

/**
 * The one request wrapper: base URL, JWT, one refresh-and-retry on an expired token (then a fresh
 * login), Idempotency-Key, and the server's error shape turned into ApiError + a Chinese toast.
 */
export async function request<T>(options: RequestOptions): Promise<T> {
  const useAuth = options.auth !== false && !options.bearer;
  try {
    let res = await send<T>(options, options.bearer ?? (useAuth ? hooks?.tokens()?.accessToken : undefined));
    if (res.statusCode === 401 && useAuth) {
      const refreshed = (await refreshOnce()) || (await hooks?.relogin().then(() => true, () => false));
      if (refreshed) res = await send<T>(options, hooks?.tokens()?.accessToken);
    }
    if (res.statusCode >= 200 && res.statusCode < 300) return res.data;
    const body = res.data as unknown;
    const error = isApiErrorBody(body)
      ? new ApiError(body.code, body.message, res.statusCode, body.details)
      : new ApiError('INTERNAL', ERROR_MESSAGES_ZH.INTERNAL, res.statusCode);
    if (!options.silent) toast(error.message);
    throw error;
  } catch (error) {
    if (error instanceof ApiError) throw error;
    const networkError = new ApiError('NETWORK_ERROR', '网络不给力，请稍后再试', 0);
    if (!options.silent) toast(networkError.message);
    throw networkError;
  }
}
