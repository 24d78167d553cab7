import Taro from '@tarojs/taro';
import { ApiError, createApiClient, NETWORK_ERROR_MESSAGE, type ApiRequest, type TokenSource, type Transport } from '@mall/shared';

export interface RequestOptions extends ApiRequest {
  /** Don't toast errors (the caller shows them its own way). */
  silent?: boolean;
}

export type Request = <T>(options: RequestOptions) => Promise<T>;

/** A token source that can also say when its session is ready (the member's first login runs at launch). */
export interface SessionSource extends TokenSource {
  ready?(): Promise<void>;
}

/** Taro.request as the shared core's transport: any HTTP status resolves; a network failure rejects. */
const taroTransport: Transport = async (req) => {
  const res = await Taro.request({ url: req.url, method: req.method, header: req.headers, data: req.body as never, timeout: 15_000 });
  return { status: res.statusCode, data: res.data ?? null };
};

function toast(message: string): void {
  void Taro.showToast({ title: message, icon: 'none', duration: 2500 });
}

let quietLoads = 0;

/**
 * Runs a page's first load: the requests it makes don't toast, because the page frame shows the
 * error itself (with 重试). Later loads, with data on screen, toast as usual.
 */
export async function quietly<T>(load: () => Promise<T>): Promise<T> {
  quietLoads++;
  try {
    return await load();
  } finally {
    quietLoads--;
  }
}

/**
 * The mini-program's request function over the shared HTTP core (base URL, bearer, one refresh for
 * concurrent 401s, relogin, Idempotency-Key, error shape → ApiError), plus what only the app does:
 * wait for the session before a member call, and toast the Chinese message unless `silent`.
 */
export function createRequest(session: SessionSource): Request {
  const client = createApiClient({ baseUrl: API_BASE_URL, transport: taroTransport, session });
  return async <T>(options: RequestOptions): Promise<T> => {
    const silent = options.silent || quietLoads > 0;
    try {
      if (options.auth !== false) await session.ready?.();
      return await client.request<T>(options);
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError('NETWORK_ERROR', NETWORK_ERROR_MESSAGE, 0);
      if (!silent) toast(apiError.message);
      throw apiError;
    }
  };
}

let memberSession: SessionSource | null = null;

/** The member session store plugs itself in here (a direct import would be a cycle: it logs in through `request`). */
export function bindSession(session: SessionSource): void {
  memberSession = session;
}

/** Member calls: the member's tokens, refreshed or re-logged in (wx.login) when they expire. */
export const request: Request = createRequest({
  tokens: () => memberSession?.tokens() ?? null,
  setTokens: (tokens) => memberSession?.setTokens(tokens),
  relogin: () => memberSession?.relogin?.() ?? Promise.resolve(false),
  ready: () => memberSession?.ready?.() ?? Promise.resolve(),
});
