import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { getDataSourceToken } from '@nestjs/typeorm';
import { TokenService } from '@mall/server/common/auth/token.service';
import { WechatApiClient } from '@mall/server/wechat/wechat-api.client';
import { Member } from '@mall/server/member/member.entity';
import { liveEnv } from '@mall/server/testing/live-env';
import { simTemplateId } from '@mall/server/wechat/simulator/sim-templates';
import { startTestApp, TestApp } from '../helpers/test-app';

const REPO_ROOT = path.resolve(__dirname, '..', '..');

describe('foundation: health, errors, auth, roles, WeChat simulator', () => {
  let t: TestApp;
  let members: () => Promise<number>;

  beforeAll(async () => {
    t = await startTestApp();
    const dataSource = t.app.get<DataSource>(getDataSourceToken());
    members = () => dataSource.getRepository(Member).count();
    await t.createAccount({ username: 'ops1', password: 'ops-password-1', displayName: '运营', role: 'ops' });
  });
  afterAll(() => t?.close());

  it('reports database connectivity on /api/health', async () => {
    const res = await t.http().get('/api/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', database: 'up', wechatMode: 'simulator' });
    expect(res.body.databaseType).toBe(t.db.kind === 'mysql' ? 'mysql' : 'better-sqlite3');
  });

  it('has a schema that matches the entities (no migration forgotten)', async () => {
    const dataSource = t.app.get<DataSource>(getDataSourceToken());
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('serves the OpenAPI document generated from the DTOs, tagged by domain', async () => {
    const res = await t.http().get('/api/docs-json').expect(200);
    expect(res.body.paths['/api/auth/wechat/login'].post.tags).toEqual(['auth']);
    expect(res.body.components.schemas.WechatLoginDto.required).toContain('code');
    const tags = new Set(Object.values(res.body.paths).flatMap((p: any) => Object.values(p).flatMap((op: any) => op.tags ?? [])));
    expect([...tags]).toEqual(expect.arrayContaining(['auth', 'members', 'health', 'admin: members']));
    expect(Object.keys(res.body.paths).some((p) => p.startsWith('/__wechat'))).toBe(false);
  });

  describe('member login through the simulator', () => {
    it('logs in with a wx.login code, creates the member once, and returns a working JWT', async () => {
      const before = await members();
      const first = await t.http().post('/api/auth/wechat/login').send({ code: 'alice:first' }).expect(200);
      expect(first.body.accessToken.split('.')).toHaveLength(3);
      expect(first.body.isNewMember).toBe(true);
      const second = await t.http().post('/api/auth/wechat/login').send({ code: 'alice:second' }).expect(200);
      expect(second.body.isNewMember).toBe(false);
      expect(second.body.member.id).toBe(first.body.member.id);
      expect(await members()).toBe(before + 1);

      const me = await t.http().get('/api/members/me').set('authorization', `Bearer ${second.body.accessToken}`).expect(200);
      expect(me.body).toMatchObject({ id: first.body.member.id, hasPhone: false, phoneMasked: null });
    });

    it('refuses a reused login code with WeChat-derived error and creates nothing', async () => {
      await t.http().post('/api/auth/wechat/login').send({ code: 'bob:once' }).expect(200);
      const before = await members();
      const res = await t.http().post('/api/auth/wechat/login').send({ code: 'bob:once' }).expect(422);
      expect(res.body).toEqual({ code: 'WECHAT_CODE_INVALID', message: expect.any(String), details: { errcode: 40163 } });
      const bogus = await t.http().post('/api/auth/wechat/login').send({ code: 'not a code' }).expect(422);
      expect(bogus.body.details).toEqual({ errcode: 40029 });
      expect(await members()).toBe(before);
    });

    it('records WeChat calls without secrets', async () => {
      const res = await t.http().get('/__wechat/sim/calls?api=jscode2session').expect(200);
      expect(res.body.items.length).toBeGreaterThan(0);
      const text = JSON.stringify(res.body);
      expect(text).not.toContain(t.config.wechat.appSecret);
      expect(text).not.toContain('alice:first');
      expect(res.body.items[0].request).toMatchObject({ appid: t.config.wechat.appId, user: 'alice' });
    });

    it('creates exactly one member for 20 concurrent logins of one openid', async () => {
      const before = await members();
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          t
            .http()
            .post('/api/auth/wechat/login')
            .send({ code: `carol:race${i}` }),
        ),
      );
      expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
      expect(new Set(results.map((r) => r.body.member.id)).size).toBe(1);
      expect(results.filter((r) => r.body.isNewMember)).toHaveLength(1);
      expect(await members()).toBe(before + 1);
    });

    it('binds a phone through the getPhoneNumber code and refuses a reused phone code', async () => {
      const login = await t.loginMember('dave');
      const auth = `Bearer ${login.accessToken}`;
      const res = await t.http().post('/api/members/me/phone').set('authorization', auth).send({ code: '13800138000:p1' }).expect(201);
      expect(res.body).toMatchObject({ hasPhone: true, phoneMasked: '138****8000' });
      const again = await t.http().post('/api/members/me/phone').set('authorization', auth).send({ code: '13800138000:p1' }).expect(422);
      expect(again.body.code).toBe('WECHAT_CODE_INVALID');
    });
  });

  describe('bad input gets the error shape and writes nothing', () => {
    it('rejects malformed JSON with 400', async () => {
      const before = await members();
      const res = await t.http().post('/api/auth/wechat/login').set('content-type', 'application/json').send('{"code": "eve:1"').expect(400);
      expect(res.body).toMatchObject({ code: 'BAD_REQUEST', message: '请求体不是有效的 JSON' });
      expect(await members()).toBe(before);
    });

    it('rejects unknown and missing fields with per-field details', async () => {
      const before = await members();
      const extra = await t.http().post('/api/auth/wechat/login').send({ code: 'eve:2', isAdmin: true }).expect(400);
      expect(extra.body.code).toBe('VALIDATION_FAILED');
      expect(extra.body.details.fields).toEqual([{ field: 'isAdmin', errors: [expect.stringContaining('should not exist')] }]);
      const missing = await t.http().post('/api/auth/wechat/login').send({}).expect(400);
      expect(missing.body.details.fields[0].field).toBe('code');
      expect(await members()).toBe(before);
      // The code in the rejected bodies was never spent: it still logs in.
      await t.http().post('/api/auth/wechat/login').send({ code: 'eve:2' }).expect(200);
    });

    it('answers unknown routes with 404 in the same shape', async () => {
      const res = await t.http().get('/api/no-such-thing').expect(404);
      expect(res.body.code).toBe('NOT_FOUND');
    });
  });

  describe('tokens and roles', () => {
    it('401 without a token, with a forged token, and AUTH_TOKEN_EXPIRED with an expired one; refresh works', async () => {
      expect((await t.http().get('/api/members/me').expect(401)).body.code).toBe('AUTH_REQUIRED');
      expect((await t.http().get('/api/members/me').set('authorization', 'Bearer abc.def.ghi').expect(401)).body.code).toBe('AUTH_TOKEN_INVALID');
      const login = await t.loginMember('frank');
      const expired = t.app.get(TokenService).issueExpiredAccessToken({ kind: 'member', id: login.member.id });
      const res = await t.http().get('/api/members/me').set('authorization', `Bearer ${expired}`).expect(401);
      expect(res.body.code).toBe('AUTH_TOKEN_EXPIRED');

      const refreshed = await t.http().post('/api/auth/refresh').send({ refreshToken: login.refreshToken }).expect(200);
      const me = await t.http().get('/api/members/me').set('authorization', `Bearer ${refreshed.body.accessToken}`).expect(200);
      expect(me.body.id).toBe(login.member.id);
      // An access token is not a refresh token, and a refresh token is not an access token.
      await t.http().post('/api/auth/refresh').send({ refreshToken: login.accessToken }).expect(401);
      await t.http().get('/api/members/me').set('authorization', `Bearer ${login.refreshToken}`).expect(401);
    });

    it('a member calling an admin route gets 403', async () => {
      const login = await t.loginMember('grace');
      const res = await t.http().get('/api/admin/members').set('authorization', `Bearer ${login.accessToken}`).expect(403);
      expect(res.body).toEqual({ code: 'FORBIDDEN', message: expect.any(String) });
    });

    it('an account calling a member route gets 403', async () => {
      const admin = await t.loginAccount('admin');
      await t.http().get('/api/members/me').set('authorization', `Bearer ${admin.accessToken}`).expect(403);
    });

    it('admin logs in with the bootstrap password; ops may list members but not accounts', async () => {
      const admin = await t.loginAccount('admin');
      expect(admin.account).toMatchObject({ username: 'admin', role: 'admin', storeId: null });
      await t.http().get('/api/admin/accounts').set('authorization', `Bearer ${admin.accessToken}`).expect(200);

      const ops = await t.loginAccount('ops1', 'ops-password-1');
      const list = await t.http().get('/api/admin/members?page=1&pageSize=5').set('authorization', `Bearer ${ops.accessToken}`).expect(200);
      expect(list.body.total).toBeGreaterThan(0);
      expect(list.body.items[0]).not.toHaveProperty('openid');
      await t.http().get('/api/admin/accounts').set('authorization', `Bearer ${ops.accessToken}`).expect(403);
    });

    it('wrong password gets 401 without saying which part was wrong', async () => {
      const wrong = await t.http().post('/api/admin/auth/login').send({ username: 'admin', password: 'nope-nope' }).expect(401);
      const unknown = await t.http().post('/api/admin/auth/login').send({ username: 'nobody', password: 'nope-nope' }).expect(401);
      expect(wrong.body).toEqual(unknown.body);
      expect(wrong.body.code).toBe('AUTH_INVALID_CREDENTIALS');
    });
  });

  describe('WeChat API client against the simulator', () => {
    it('fetches a mini-program code PNG and sends subscribe messages, refreshing a revoked token once', async () => {
      const client = t.app.get(WechatApiClient);
      const png = await client.getUnlimitedQrCode({ scene: 's=1&u=2', page: 'pages/index/index' });
      expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');

      await t.http().post('/__wechat/sim/revoke-tokens').expect(204);
      const { member } = await t.loginMember('henry');
      const openid = (await t.app.get<DataSource>(getDataSourceToken()).getRepository(Member).findOneByOrFail({ id: member.id })).openid;
      const templateId = simTemplateId('points_expiring');
      await t
        .http()
        .post('/__wechat/sim/subscribe')
        .send({ user: 'henry', results: { [templateId]: 'accept' } })
        .expect(200);
      const data = { number1: { value: '40' }, date2: { value: '2026-12-01' }, thing3: { value: '积分即将过期' } };
      await client.sendSubscribeMessage({ toOpenid: openid, templateId, data });
      const sent = await t.http().get('/__wechat/sim/calls?api=subscribeMessage.send').expect(200);
      expect(sent.body.items.at(-1).request).toMatchObject({ touser: openid, template_id: templateId, miniprogram_state: 'formal' });
      expect(sent.body.items.at(-1).response.errcode).toBe(0);
      // The one consent is used: WeChat refuses the next send with 43101, and an unknown template with 40037.
      expect(await client.trySendSubscribeMessage({ toOpenid: openid, templateId, data })).toMatchObject({ errcode: 43101 });
      expect(await client.trySendSubscribeMessage({ toOpenid: openid, templateId: 'TPL_POINTS_EXPIRING', data })).toMatchObject({ errcode: 40037 });
      await expect(client.sendSubscribeMessage({ toOpenid: openid, templateId, data })).rejects.toMatchObject({ code: 'WECHAT_API_ERROR' });
      const tokenCalls = await t.http().get('/__wechat/sim/calls?api=stable_token').expect(200);
      expect(tokenCalls.body.items.some((c: any) => c.request.force_refresh === true)).toBe(true);

      await expect(client.getUnlimitedQrCode({ scene: 'x'.repeat(33) })).rejects.toMatchObject({ code: 'WECHAT_API_ERROR' });
    });
  });
});

describe('login rate limiting', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '3' })));
  afterAll(() => t?.close());

  it('refuses password guessing beyond the per-minute budget with 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push(
        (
          await t
            .http()
            .post('/api/admin/auth/login')
            .send({ username: 'admin', password: `guess-${i}-x` })
        ).status,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    const res = await t.http().post('/api/admin/auth/login').send({ username: 'admin', password: 'whatever1' }).expect(429);
    expect(res.body.code).toBe('RATE_LIMITED');
  });
});

describe('simulator mode switch', () => {
  let t: TestApp;
  beforeAll(
    async () =>
      (t = await startTestApp({
        ...liveEnv(),
        WECHAT_MODE: 'live',
        WECHAT_API_BASE_URL: 'http://127.0.0.1:9',
      })),
  );
  afterAll(() => t?.close());

  it('does not mount /__wechat in live mode, and a WeChat outage is a 502 in the error shape', async () => {
    await t.http().get('/__wechat/sim/calls').expect(404);
    const res = await t.http().post('/api/auth/wechat/login').send({ code: 'ivy:1' }).expect(502);
    expect(res.body.code).toBe('WECHAT_API_ERROR');
  });
});

describe('bad configuration', () => {
  const main = path.join(REPO_ROOT, 'server', 'dist', 'main.js');

  it.each([
    [{ DATABASE_URL: 'foo://x' }, 'DATABASE_URL'],
    [{ PORT: 'abc' }, 'PORT'],
    [{ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), DATABASE_URL: 'mysql://root@127.0.0.1/x' }, 'WECHAT_MODE'],
  ])('exits non-zero with one line naming the variable: %j', (env, variable) => {
    expect(fs.existsSync(main)).toBe(true);
    const run = spawnSync(process.execPath, [main], { env: { PATH: process.env.PATH, ...env }, encoding: 'utf8', timeout: 20_000 });
    expect(run.status).not.toBe(0);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(variable);
  });
});
