import { ApiError, createApiClient, NETWORK_ERROR_MESSAGE, type TransportRequest, type TransportResponse } from './api-client';
import type { TokenPair } from '../api/auth';

/** A scripted server: answers by path, records what it was sent. */
function server(answer: (req: TransportRequest, calls: TransportRequest[]) => TransportResponse | Promise<TransportResponse>) {
  const calls: TransportRequest[] = [];
  return {
    calls,
    transport: async (req: TransportRequest) => {
      calls.push(req);
      return answer(req, calls);
    },
  };
}

function session(initial: TokenPair | null) {
  let tokens = initial;
  return {
    tokens: () => tokens,
    setTokens: (t: TokenPair) => (tokens = t),
    relogins: 0,
    expiredCalls: 0,
  };
}

const pair = (n: number): TokenPair => ({ accessToken: `a${n}`, refreshToken: `r${n}`, expiresIn: 900 });

describe('createApiClient', () => {
  it('sends the bearer token and idempotency key to base + url, and returns the body', async () => {
    const s = server(() => ({ status: 200, data: { ok: 1 } }));
    const client = createApiClient({ baseUrl: 'http://x', transport: s.transport, session: session(pair(1)) });
    await expect(client.request({ url: '/api/a', method: 'POST', body: { v: 1 }, idempotencyKey: 'k1' })).resolves.toEqual({ ok: 1 });
    expect(s.calls[0]).toEqual({
      url: 'http://x/api/a',
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer a1', 'Idempotency-Key': 'k1' },
      body: { v: 1 },
    });
  });

  it('public calls carry no token', async () => {
    const s = server(() => ({ status: 200, data: [] }));
    await createApiClient({ transport: s.transport, session: session(pair(1)) }).request({ url: '/p', auth: false });
    expect(s.calls[0].headers.authorization).toBeUndefined();
  });

  it('refreshes once for concurrent 401s and retries each request with the new token', async () => {
    const s = server((req) => {
      if (req.url === '/api/auth/refresh') return { status: 200, data: pair(2) };
      return req.headers.authorization === 'Bearer a2' ? { status: 200, data: req.url } : { status: 401, data: { code: 'AUTH_TOKEN_EXPIRED', message: 'x' } };
    });
    const client = createApiClient({ transport: s.transport, session: session(pair(1)) });
    const results = await Promise.all(['/1', '/2', '/3'].map((url) => client.request({ url })));
    expect(results).toEqual(['/1', '/2', '/3']);
    expect(s.calls.filter((c) => c.url === '/api/auth/refresh')).toHaveLength(1);
  });

  it('falls back to relogin when the refresh token is refused, and reports expiry when that fails too', async () => {
    const s = server((req) => (req.url === '/api/auth/refresh' ? { status: 401, data: null } : { status: 401, data: null }));
    let expired = 0;
    let relogins = 0;
    const client = createApiClient({
      transport: s.transport,
      session: { ...session(pair(1)), relogin: async () => (relogins++, false), expired: () => expired++ },
    });
    await expect(client.request({ url: '/x' })).rejects.toMatchObject({ status: 401 });
    expect([relogins, expired]).toEqual([1, 1]);
  });

  it('turns the error shape into ApiError and anything else into INTERNAL', async () => {
    const s = server((req) =>
      req.url === '/shape'
        ? { status: 422, data: { code: 'WALLET_INSUFFICIENT_BALANCE', message: '余额不足', details: { need: 1 } } }
        : { status: 502, data: '<html>' },
    );
    const client = createApiClient({ transport: s.transport, session: session(null) });
    await expect(client.request({ url: '/shape' })).rejects.toEqual(new ApiError('WALLET_INSUFFICIENT_BALANCE', '余额不足', 422, { need: 1 }));
    await expect(client.request({ url: '/html' })).rejects.toMatchObject({ code: 'INTERNAL', status: 502 });
  });

  it('a transport failure is NETWORK_ERROR with the one network wording', async () => {
    const client = createApiClient({ transport: () => Promise.reject(new Error('ECONNREFUSED')), session: session(null) });
    await expect(client.request({ url: '/x' })).rejects.toMatchObject({ code: 'NETWORK_ERROR', message: NETWORK_ERROR_MESSAGE, status: 0 });
  });
});
