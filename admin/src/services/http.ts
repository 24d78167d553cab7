import { ERROR_MESSAGES_ZH, isApiErrorBody, type TokenPair } from '@mall/shared';
import { getSession, setSession } from './session';

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

let refreshing: Promise<boolean> | null = null;

function refreshOnce(): Promise<boolean> {
  refreshing ??= (async () => {
    const session = getSession();
    if (!session) return false;
    const res = await fetch('/api/auth/refresh', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken: session.tokens.refreshToken }) });
    if (!res.ok) return false;
    setSession({ ...session, tokens: (await res.json()) as TokenPair });
    return true;
  })()
    .catch(() => false)
    .finally(() => (refreshing = null));
  return refreshing;
}

/** JSON over fetch with the admin's token; one refresh on an expired token, else back to login. */
export async function http<T>(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<T> {
  const call = () => {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...init.headers };
    const token = getSession()?.tokens.accessToken;
    if (token) headers.authorization = `Bearer ${token}`;
    return fetch(path, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  };
  let res: Response;
  try {
    res = await call();
    if (res.status === 401 && getSession()) {
      if (await refreshOnce()) res = await call();
      if (res.status === 401) {
        setSession(null);
        if (!location.pathname.endsWith('/login')) location.assign('/admin/login');
      }
    }
  } catch {
    throw new ApiError('NETWORK_ERROR', '网络异常，请检查后重试', 0);
  }
  if (res.status === 204) return undefined as T;
  const body: unknown = await res.json().catch(() => null);
  if (res.ok) return body as T;
  if (isApiErrorBody(body)) throw new ApiError(body.code, body.message, res.status, body.details);
  throw new ApiError('INTERNAL', ERROR_MESSAGES_ZH.INTERNAL, res.status);
}

export const newRequestKey = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
