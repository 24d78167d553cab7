import { createHmac } from 'node:crypto';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PaymentNotifyLog } from '@mall/server/payment/payment-notify-log.entity';
import { liveEnv } from '@mall/server/testing/live-env';
import { startTestApp, TestApp } from '../helpers/test-app';

/** An HS256 JWT signed with `secret`, built by hand the way an attacker would. */
function forgeJwt(claims: Record<string, unknown>, secret: string): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ iat: now, exp: now + 600, ...claims })}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

/** The key that was hard-coded for every install without JWT_SECRET. */
const OLD_PUBLIC_DEV_SECRET = 'dev-only-jwt-secret-change-me-in-production';

function expectNoLeak(body: unknown, text: string): void {
  expect(text).not.toMatch(/\bat [\w.<>]+ \(|node_modules|\.ts:\d+|Error:/);
  expect(body).toEqual(expect.objectContaining({ code: expect.any(String), message: expect.any(String) }));
}

describe('security: secrets, simulator, headers, input', () => {
  let t: TestApp;
  let ds: DataSource;

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '3' });
    ds = t.app.get<DataSource>(getDataSourceToken());
  });
  afterAll(() => t?.close());

  it('does not accept an admin token signed with the old public development key', async () => {
    const forged = forgeJwt({ sub: 1, kind: 'account', role: 'admin', storeId: null, typ: 'access' }, OLD_PUBLIC_DEV_SECRET);
    const res = await t.http().get('/api/admin/accounts').set('authorization', `Bearer ${forged}`);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('AUTH_TOKEN_INVALID');
  });

  describe('the WeChat simulator answers loopback callers only', () => {
    const remote = '203.0.113.9';

    it('refuses a caller that is not on this machine (here: behind the trusted loopback proxy)', async () => {
      for (const req of [
        t.http().get('/__wechat/sim/calls'),
        t.http().post('/__wechat/sim/pay').send({ out_trade_no: 'T1', result: 'success' }),
        t.http().post('/__wechat/sim/login-code').send({ user: 'mallory' }),
        t.http().get(`/__wechat/sns/jscode2session?appid=x&secret=y&js_code=a:b&grant_type=authorization_code`),
      ]) {
        const res = await req.set('x-forwarded-for', remote);
        expect(res.status).toBe(403);
        expect(res.body).toEqual({ code: 'FORBIDDEN', message: expect.any(String) });
      }
    });

    it('still serves this machine (the H5 demo and the server itself call it over loopback)', async () => {
      await t.http().get('/__wechat/sim/calls').expect(200);
      const code = (await t.http().post('/__wechat/sim/login-code').send({ user: 'local-dev' }).expect(200)).body.code;
      await t.http().post('/api/auth/wechat/login').send({ code }).expect(200);
    });
  });

  describe('security headers', () => {
    it('sets helmet headers on API answers: no framing, no sniffing, no referrer leak', async () => {
      const res = await t.http().get('/api/health').expect(200);
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-powered-by']).toBeUndefined();
    });

    it('keeps the Swagger UI loadable outside production: its scripts and styles are same-origin', async () => {
      const page = await t.http().get('/api/docs/').expect(200);
      const csp = page.headers['content-security-policy'];
      expect(csp).toContain("script-src 'self'");
      expect(page.text).not.toMatch(/<script>(?!\s*<\/script>)/);
      await t.http().get('/api/docs/swagger-ui-init.js').expect(200);
    });
  });

  describe('bad input', () => {
    it('answers a JSON body nested 2,000 levels deep with 400 in the error shape, no stack trace', async () => {
      const deep = '{"code":' + '{"a":'.repeat(2000) + '1' + '}'.repeat(2000) + '}';
      for (const path of ['/api/auth/wechat/login', '/api/admin/auth/login', '/api/auth/refresh']) {
        const res = await t.http().post(path).set('content-type', 'application/json').send(deep);
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('BAD_REQUEST');
        expectNoLeak(res.body, res.text);
      }
      const arrays = '['.repeat(2000) + ']'.repeat(2000);
      const res = await t.http().post('/api/auth/wechat/login').set('content-type', 'application/json').send(arrays);
      expect(res.status).toBe(400);
      expectNoLeak(res.body, res.text);
    });

    it('answers text/plain, XML and form bodies on JSON routes with 415', async () => {
      for (const [type, body] of [
        ['text/plain', '{"code":"eve:plain"}'],
        ['application/xml', '<login><code>eve:xml</code></login>'],
        ['application/x-www-form-urlencoded', 'code=eve%3Aform'],
      ]) {
        const res = await t.http().post('/api/auth/wechat/login').set('content-type', type).send(body);
        expect(res.status).toBe(415);
        expect(res.body).toEqual({ code: 'UNSUPPORTED_MEDIA_TYPE', message: expect.any(String) });
      }
      // A body without any content type is not JSON either.
      const bare = await t.http().post('/api/auth/refresh').set('content-type', '').send(Buffer.from('{"refreshToken":"x"}'));
      expect(bare.status).toBe(415);
      // JSON with a charset, and vendor +json types, are JSON.
      await t.http().post('/api/auth/wechat/login').set('content-type', 'application/json; charset=utf-8').send('{"code":"eve:charset"}').expect(200);
    });

    it('never shows a stack trace, not even for a malformed path outside the API', async () => {
      for (const path of ['/static/%E0%A4%A', '/api/%E0%A4%A', '/h5/%E0%A4%A', '/admin/%']) {
        const res = await t.http().get(path);
        expect(res.status).toBeLessThan(500);
        expect(res.text).not.toMatch(/\bat [\w.<>]+ \(|node_modules|URIError/);
      }
    });
  });

  describe('rejected WeChat Pay notifies', () => {
    it('records at most a bounded number of rejections per source per minute, and still answers in WeChat format', async () => {
      const rejectedRows = () => ds.getRepository(PaymentNotifyLog).countBy({ outcome: 'rejected' });
      const before = await rejectedRows();
      for (let i = 0; i < 60; i++) {
        const res = await t
          .http()
          .post('/api/payments/wechat/notify')
          .set('x-forwarded-for', '198.51.100.77')
          .set('content-type', 'application/json')
          .set('wechatpay-serial', 'PUB_KEY_ID_FORGED')
          .set('wechatpay-signature', 'AAAA')
          .set('wechatpay-timestamp', String(Math.floor(Date.now() / 1000)))
          .set('wechatpay-nonce', `n${i}`)
          .send({ id: `forged-${i}`, event_type: 'TRANSACTION.SUCCESS', resource: {} });
        expect(res.status).toBe(400);
        expect(res.body).toEqual({ code: 'FAIL', message: expect.any(String) });
      }
      const recorded = (await rejectedRows()) - before;
      expect(recorded).toBeGreaterThan(0);
      expect(recorded).toBeLessThanOrEqual(20);
      // Another source has its own budget: one bad sender does not hide the next one's rejections.
      await t
        .http()
        .post('/api/payments/wechat/notify')
        .set('x-forwarded-for', '198.51.100.78')
        .set('content-type', 'application/json')
        .send({ id: 'other' })
        .expect(400);
      expect((await rejectedRows()) - before).toBe(recorded + 1);
    });
  });

  describe('password login throttling', () => {
    it('a stranger hammering a username does not lock its owner out of their usual client', async () => {
      const owner = '198.51.100.10';
      await t.http().post('/api/admin/auth/login').set('x-forwarded-for', owner).send({ username: 'admin', password: 'admin-test-password' }).expect(200);
      const attacker: number[] = [];
      for (let i = 0; i < 12; i++) {
        const ip = `203.0.113.${100 + (i % 6)}`;
        attacker.push(
          (
            await t
              .http()
              .post('/api/admin/auth/login')
              .set('x-forwarded-for', ip)
              .send({ username: 'admin', password: `guess-${i}-x` })
          ).status,
        );
      }
      // Guessing across many addresses still runs into the per-username budget for unknown clients.
      expect(attacker.slice(0, 3)).toEqual([401, 401, 401]);
      expect(attacker.slice(-3)).toEqual([429, 429, 429]);
      const ok = await t.http().post('/api/admin/auth/login').set('x-forwarded-for', owner).send({ username: 'admin', password: 'admin-test-password' });
      expect(ok.status).toBe(200);
    });

    it('still limits one address guessing many usernames', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        statuses.push(
          (
            await t
              .http()
              .post('/api/admin/auth/login')
              .set('x-forwarded-for', '203.0.113.200')
              .send({ username: `user${i}`, password: 'guess-guess' })
          ).status,
        );
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
    });
  });
});

describe('security: a remote caller with the simulator explicitly opened', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ WECHAT_SIMULATOR_OPEN: 'true' })));
  afterAll(() => t?.close());

  it('lets a remote caller in when WECHAT_SIMULATOR_OPEN=true', async () => {
    await t.http().get('/__wechat/sim/calls').set('x-forwarded-for', '203.0.113.9').expect(200);
  });
});

describe('security: X-Forwarded-For is believed only from configured proxies', () => {
  let t: TestApp;
  // Loopback is not in the list: the test client (127.0.0.1) is a client, not a proxy.
  beforeAll(async () => (t = await startTestApp({ TRUST_PROXY: '10.0.0.0/8', LOGIN_RATE_LIMIT_PER_MINUTE: '3' })));
  afterAll(() => t?.close());

  it('a client cannot escape the per-address login limit by inventing X-Forwarded-For', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push(
        (
          await t
            .http()
            .post('/api/admin/auth/login')
            .set('x-forwarded-for', `203.0.113.${i + 1}`)
            .send({ username: `nobody${i}`, password: 'guess-guess' })
        ).status,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });

  it('and cannot pass for a remote client either: the simulator sees the real loopback peer', async () => {
    await t.http().get('/__wechat/sim/calls').set('x-forwarded-for', '203.0.113.9').expect(200);
  });
});

describe('security: production', () => {
  let t: TestApp;
  beforeAll(
    async () =>
      (t = await startTestApp({
        ...liveEnv(),
        NODE_ENV: 'production',
        JWT_SECRET: 'p'.repeat(48),
        WECHAT_MODE: 'live',
        MIGRATE_ON_BOOT: 'true',
        JOBS_ENABLED: 'false',
      })),
  );
  afterAll(() => t?.close());

  it('does not publish the API docs', async () => {
    await t.http().get('/api/docs').expect(404);
    await t.http().get('/api/docs-json').expect(404);
  });

  it('answers errors without stack traces or internal messages', async () => {
    const deep = '{"code":' + '['.repeat(5000) + ']'.repeat(5000) + '}';
    const res = await t.http().post('/api/auth/wechat/login').set('content-type', 'application/json').send(deep);
    expect(res.status).toBe(400);
    expectNoLeak(res.body, res.text);
  });
});
