import { createApiClient, type HttpMethod, type TokenSource, type Transport } from '@mall/shared';
import type { RefreshTokenRequest, UploadView } from '@mall/shared';
import { getSession, setSession } from './session';

import { ApiError } from '@mall/shared';

export { ApiError, NETWORK_ERROR_MESSAGE, newIdempotencyKey } from '@mall/shared';

/**
 * fetch as the shared client's transport: JSON in (or a FormData upload, sent as multipart with the browser's boundary),
 * parsed JSON (or null) out; a failed fetch throws (network error).
 */
const fetchTransport: Transport = async ({ url, method, headers, body }) => {
  const multipart = body instanceof FormData;
  const res = await fetch(url, {
    method,
    headers: multipart ? Object.fromEntries(Object.entries(headers).filter(([name]) => name !== 'content-type')) : headers,
    body: body === undefined ? undefined : multipart ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  return { status: res.status, data };
};

const sessionTokens: TokenSource = {
  tokens: () => getSession()?.tokens ?? null,
  setTokens: (tokens) => {
    const session = getSession();
    if (session) setSession({ ...session, tokens });
  },
  // The admin has no silent relogin: a rejected refresh token means signing in again. Clearing the session is
  // enough: RequireSession listens and routes to the login page.
  expired: () => setSession(null),
};

const client = createApiClient({ transport: fetchTransport, session: sessionTokens });

export interface HttpInit {
  method?: HttpMethod;
  body?: unknown;
  /** One key per user action (newIdempotencyKey()), reused when that action is retried. */
  idempotencyKey?: string;
  /** false for the login call: no token, and a 401 there is a wrong password, not an expired session. */
  auth?: boolean;
}

/** JSON to and from the server with the admin's token, through the shared client (refresh once, retry, ApiError). */
export function http<T>(url: string, init: HttpInit = {}): Promise<T> {
  return client.request<T>({ url, ...init });
}

/** A query string from the set values only: qs({ page: 1, status: undefined }) → "?page=1". */
export function qs(params: Record<string, string | number | boolean | null | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') query.set(key, String(value));
  const text = query.toString();
  return text ? `?${text}` : '';
}

/** How long signing out waits for the server before the panel forgets the session anyway. */
const LOGOUT_WAIT_MS = 5000;

/**
 * Signs out: ends the session on the server (its refresh token stops working, its access tokens within seconds),
 * then forgets it here whatever the answer, so a server that is down never keeps the operator signed in.
 */
export async function logout(): Promise<void> {
  const refreshToken = getSession()?.tokens.refreshToken;
  try {
    if (refreshToken) {
      const body: RefreshTokenRequest = { refreshToken };
      await Promise.race([
        http<void>('/api/auth/logout', { method: 'POST', body, auth: false }),
        new Promise((resolve) => setTimeout(resolve, LOGOUT_WAIT_MS)),
      ]);
    }
  } catch {
    // Already ended (revoked, expired) or unreachable: either way this browser forgets it below.
  } finally {
    setSession(null);
  }
}

/** Uploads an image (JPG, PNG or WebP; the server checks the bytes) for a purpose ops may use; answers its id and URL. */
export function uploadImage(file: File, purpose: 'product' | 'cover' | 'group_qr'): Promise<UploadView> {
  const form = new FormData();
  form.append('purpose', purpose);
  form.append('file', file);
  return http<UploadView>('/api/admin/uploads', { method: 'POST', body: form });
}

/**
 * Downloads a file the server streams behind the operator's token (a plain link cannot carry it). A 401 means the
 * access token expired: `probe` (any authorised JSON call the operator may make) refreshes it through the shared
 * client, then the download is retried once.
 */
export async function downloadFile(url: string, filename: string, probe: () => Promise<unknown>): Promise<void> {
  const get = () => fetch(url, { headers: { authorization: `Bearer ${getSession()?.tokens.accessToken ?? ''}` } });
  let res = await get();
  if (res.status === 401) {
    await probe();
    res = await get();
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { code?: string; message?: string } | null;
    throw new ApiError(body?.code ?? 'DOWNLOAD_FAILED', body?.message ?? `下载失败（${res.status}）`, res.status);
  }
  const href = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 1000);
}
