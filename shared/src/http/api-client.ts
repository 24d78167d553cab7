import { ERROR_MESSAGES_ZH, isApiErrorBody } from '../errors/error-codes';
import type { TokenPair } from '../api/auth';

/** The one wording for "the request never got an answer", in every app. */
export const NETWORK_ERROR_MESSAGE = '网络异常，请检查网络后重试';

/** An error answered by the server in its `{code, message, details?}` shape, or a network failure. */
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

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface TransportRequest {
  url: string;
  method: HttpMethod;
  headers: Record<string, string>;
  /** A JSON-serialisable body, or undefined. The transport serialises it. */
  body?: unknown;
}

export interface TransportResponse {
  status: number;
  /** The parsed JSON body (or null when there was none). */
  data: unknown;
}

/** How a platform sends one request: Taro.request in the mini-program, fetch in the admin. Throws on a network failure. */
export type Transport = (request: TransportRequest) => Promise<TransportResponse>;

/** Where the client finds and keeps tokens; each app plugs in its own store. */
export interface TokenSource {
  tokens(): TokenPair | null;
  setTokens(tokens: TokenPair): void;
  /** The refresh token is no good either: log in again (wx.login) or give up. True when there are fresh tokens. */
  relogin?(): Promise<boolean>;
  /** Called when the session is beyond repair (after a failed relogin). */
  expired?(): void;
}

export interface ApiRequest {
  url: string;
  method?: HttpMethod;
  body?: unknown;
  /** Created by the caller for one user action and reused when that action is retried. */
  idempotencyKey?: string;
  /** false: public endpoint, no token. */
  auth?: boolean;
}

export interface ApiClientOptions {
  baseUrl?: string;
  transport: Transport;
  session: TokenSource;
  refreshPath?: string;
}

export interface ApiClient {
  request<T>(request: ApiRequest): Promise<T>;
}

/**
 * The HTTP core every app shares: base URL, bearer token, one refresh at a time (concurrent 401s
 * wait for the same one) then a single retry, a relogin when the refresh token is rejected, the
 * Idempotency-Key header, and the server's error shape turned into ApiError.
 */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const base = options.baseUrl ?? '';
  const refreshPath = options.refreshPath ?? '/api/auth/refresh';
  let refreshing: Promise<boolean> | null = null;

  const send = (request: ApiRequest, accessToken: string | undefined) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (accessToken) headers.authorization = `Bearer ${accessToken}`;
    if (request.idempotencyKey) headers['Idempotency-Key'] = request.idempotencyKey;
    return options.transport({ url: `${base}${request.url}`, method: request.method ?? 'GET', headers, body: request.body });
  };

  const refreshOnce = (): Promise<boolean> => {
    refreshing ??= (async () => {
      const tokens = options.session.tokens();
      if (tokens) {
        try {
          const res = await send({ url: refreshPath, method: 'POST', body: { refreshToken: tokens.refreshToken } }, undefined);
          if (res.status === 200 && res.data) {
            options.session.setTokens(res.data as TokenPair);
            return true;
          }
        } catch {
          // fall through to a relogin
        }
      }
      return (await options.session.relogin?.().catch(() => false)) ?? false;
    })().finally(() => (refreshing = null));
    return refreshing;
  };

  return {
    async request<T>(request: ApiRequest): Promise<T> {
      const useAuth = request.auth !== false;
      let res: TransportResponse;
      try {
        res = await send(request, useAuth ? options.session.tokens()?.accessToken : undefined);
        if (res.status === 401 && useAuth) {
          if (await refreshOnce()) res = await send(request, options.session.tokens()?.accessToken);
          if (res.status === 401) options.session.expired?.();
        }
      } catch {
        throw new ApiError('NETWORK_ERROR', NETWORK_ERROR_MESSAGE, 0);
      }
      if (res.status >= 200 && res.status < 300) return (res.status === 204 ? undefined : res.data) as T;
      if (isApiErrorBody(res.data)) throw new ApiError(res.data.code, res.data.message, res.status, res.data.details);
      throw new ApiError('INTERNAL', ERROR_MESSAGES_ZH.INTERNAL, res.status);
    },
  };
}

/** A fresh key for one value-moving action (recharge, order, redemption…). */
export function newIdempotencyKey(): string {
  const random = Math.random().toString(36).slice(2, 12) + Math.random().toString(36).slice(2, 12);
  return `${Date.now().toString(36)}-${random}`.slice(0, 64);
}
