import { createHmac } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { getDataSourceToken } from '@nestjs/typeorm';
import request from 'supertest';
import { DataSource, IsNull, Not } from 'typeorm';
import { createApp, listen } from '@mall/server/app.factory';
import { AuditLog } from '@mall/server/audit/audit-log.entity';
import { RefreshToken } from '@mall/server/auth/refresh-token.entity';
import { SessionJobs } from '@mall/server/auth/session.jobs';
import { loadConfig } from '@mall/server/config/app-config';
import { startTestApp, TestApp } from '../helpers/test-app';

/**
 * Refresh tokens rotate on every use; a used or revoked one presented again revokes its whole
 * session (the family of tokens descended from one login), for members, admin accounts and staff.
 */
describe('sessions: refresh token rotation, reuse detection, logout, admin revocation', () => {
  let t: TestApp;
  let ds: DataSource;

  beforeAll(async () => {
    t = await startTestApp();
    ds = t.app.get<DataSource>(getDataSourceToken());
    await t.createAccount({ username: 'ops-sessions', password: 'ops-sessions-pass', displayName: '运营', role: 'ops' });
  });
  afterAll(() => t?.close());

  const refresh = (refreshToken: string) => t.http().post('/api/auth/refresh').send({ refreshToken });
  const me = (accessToken: string) => t.http().get('/api/members/me').set('authorization', `Bearer ${accessToken}`);
  const adminMe = (accessToken: string) => t.http().get('/api/admin/me').set('authorization', `Bearer ${accessToken}`);

  it('a member refresh token works once: each refresh answers a new pair and retires the old token', async () => {
    const login = await t.loginMember('rotating-rita');
    const first = await refresh(login.refreshToken).expect(200);
    expect(first.body).toEqual({ accessToken: expect.any(String), refreshToken: expect.any(String), expiresIn: t.config.jwt.accessTtlSeconds });
    expect(first.body.refreshToken).not.toBe(login.refreshToken);
    await me(first.body.accessToken).expect(200);

    const second = await refresh(first.body.refreshToken).expect(200);
    await me(second.body.accessToken).expect(200);
    const replay = await refresh(login.refreshToken);
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('AUTH_SESSION_REVOKED');
  });

  it('replaying a used refresh token revokes the whole session: the thief and the owner both lose it, other sessions live on', async () => {
    const stolen = await t.loginMember('victim-vera');
    const otherDevice = await t.loginMember('victim-vera');
    // The owner refreshes; later the thief replays the token they copied before that.
    const owner = (await refresh(stolen.refreshToken).expect(200)).body;
    const ownerNext = (await refresh(owner.refreshToken).expect(200)).body;
    await refresh(stolen.refreshToken).expect(401);

    expect((await refresh(ownerNext.refreshToken)).body.code).toBe('AUTH_SESSION_REVOKED');
    // Access tokens of the revoked session stop at once, not only at their expiry.
    const rejected = await me(ownerNext.accessToken);
    expect(rejected.status).toBe(401);
    expect(rejected.body.code).toBe('AUTH_SESSION_REVOKED');
    await me(stolen.accessToken).expect(401);

    await me(otherDevice.accessToken).expect(200);
    await refresh(otherDevice.refreshToken).expect(200);
  });

  it('for admin accounts too: rotation, and reuse revokes the session', async () => {
    const login = await t.loginAccount('admin');
    const next = (await refresh(login.refreshToken).expect(200)).body;
    await adminMe(next.accessToken).expect(200);
    await refresh(login.refreshToken).expect(401);
    await refresh(next.refreshToken).expect(401);
    await adminMe(next.accessToken).expect(401);
  });

  it('for staff sessions (account tokens from staff mode) too', async () => {
    const adminAuth = `Bearer ${(await t.loginAccount('admin')).accessToken}`;
    const store = (
      await t
        .http()
        .post('/api/admin/stores')
        .set('authorization', adminAuth)
        .send({ name: '会话测试店', address: '上海市黄浦区', openingHours: '10:00-22:00' })
        .expect(201)
    ).body;
    await t.createAccount({ username: 'guide-sessions', password: 'guide-sessions-pass', displayName: '导购', role: 'staff', storeId: store.id });
    const staffId = (await t.loginAccount('guide-sessions', 'guide-sessions-pass')).account.id;
    const invite = (await t.http().post(`/api/admin/accounts/${staffId}/invites`).set('authorization', adminAuth).expect(201)).body;
    const session = (await t.http().post('/api/staff/auth/link').send({ inviteCode: invite.code, code: 'guide-sessions-wx:l1' }).expect(200)).body;

    const next = (await refresh(session.refreshToken).expect(200)).body;
    await t.http().get('/api/staff/members').set('authorization', `Bearer ${next.accessToken}`).expect(200);
    await refresh(session.refreshToken).expect(401);
    await t.http().get('/api/staff/members').set('authorization', `Bearer ${next.accessToken}`).expect(401);
  });

  it('of many concurrent refreshes with one token exactly one wins', async () => {
    const login = await t.loginMember('racing-rob');
    const results = await Promise.all(Array.from({ length: 8 }, () => refresh(login.refreshToken)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 401, 401, 401, 401, 401, 401, 401]);
  });

  it('a refresh token that was never stored (issued before rotation existed, or made up) is refused', async () => {
    const login = await t.loginMember('legacy-lee');
    // Signed with the server's real key, shaped like the tokens issued before sessions were stored.
    const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const iat = Math.floor(Date.now() / 1000);
    const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub: login.member.id, kind: 'member', typ: 'refresh', iat, exp: iat + 3600 })}`;
    const legacy = `${unsigned}.${createHmac('sha256', t.config.jwt.secret).update(unsigned).digest('base64url')}`;
    const res = await refresh(legacy);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('AUTH_TOKEN_INVALID');
  });

  describe('logout', () => {
    it('a member logs out with the refresh token: the session is revoked, refresh and access token stop working', async () => {
      const login = await t.loginMember('leaving-lou');
      const rotated = (await refresh(login.refreshToken).expect(200)).body;
      await t.http().post('/api/auth/logout').send({ refreshToken: rotated.refreshToken }).expect(204);
      await refresh(rotated.refreshToken).expect(401);
      await me(rotated.accessToken).expect(401);
      // Logging out twice is harmless.
      await t.http().post('/api/auth/logout').send({ refreshToken: rotated.refreshToken }).expect(204);
      await t.http().post('/api/auth/logout').send({ refreshToken: 'not-a-token' }).expect(400);
    });

    it('an account logs out the same way', async () => {
      const login = await t.loginAccount('ops-sessions', 'ops-sessions-pass');
      await t.http().post('/api/auth/logout').send({ refreshToken: login.refreshToken }).expect(204);
      await refresh(login.refreshToken).expect(401);
      await adminMe(login.accessToken).expect(401);
    });
  });

  describe('admin session management', () => {
    it('a super admin lists an account’s active sessions and revokes one or all, audited; nobody else may', async () => {
      const admin = await t.loginAccount('admin');
      const auth = `Bearer ${admin.accessToken}`;
      const laptop = await t
        .http()
        .post('/api/admin/auth/login')
        .set('user-agent', 'laptop-browser/1.0')
        .set('x-forwarded-for', '198.51.100.21')
        .send({ username: 'ops-sessions', password: 'ops-sessions-pass' })
        .expect(200);
      const phone = await t
        .http()
        .post('/api/admin/auth/login')
        .set('user-agent', 'phone-browser/2.0')
        .set('x-forwarded-for', '198.51.100.22')
        .send({ username: 'ops-sessions', password: 'ops-sessions-pass' })
        .expect(200);
      const opsId = laptop.body.account.id;
      // Rotation keeps a session one session; the list shows where it was used last.
      const phoneNext = (
        await t
          .http()
          .post('/api/auth/refresh')
          .set('user-agent', 'phone-browser/2.1')
          .set('x-forwarded-for', '198.51.100.23')
          .send({ refreshToken: phone.body.refreshToken })
          .expect(200)
      ).body;

      const list = (await t.http().get(`/api/admin/accounts/${opsId}/sessions`).set('authorization', auth).expect(200)).body;
      const byAgent = (agent: string) => list.items.find((s: { userAgent: string }) => s.userAgent === agent);
      expect(list.items).toHaveLength(2);
      expect(byAgent('laptop-browser/1.0')).toMatchObject({
        id: expect.any(String),
        ip: '198.51.100.21',
        createdAt: expect.any(String),
        lastUsedAt: expect.any(String),
        expiresAt: expect.any(String),
      });
      expect(byAgent('phone-browser/2.1')).toMatchObject({ ip: '198.51.100.23' });
      expect(Date.parse(byAgent('phone-browser/2.1').lastUsedAt)).toBeGreaterThanOrEqual(Date.parse(byAgent('phone-browser/2.1').createdAt));
      expect(JSON.stringify(list)).not.toContain(phoneNext.refreshToken);

      // ops may neither list nor revoke sessions.
      await t.http().get(`/api/admin/accounts/${opsId}/sessions`).set('authorization', `Bearer ${laptop.body.accessToken}`).expect(403);
      await t.http().delete(`/api/admin/accounts/${opsId}/sessions`).set('authorization', `Bearer ${laptop.body.accessToken}`).expect(403);

      const revokedOne = await t
        .http()
        .delete(`/api/admin/accounts/${opsId}/sessions/${byAgent('phone-browser/2.1').id}`)
        .set('authorization', auth)
        .expect(200);
      expect(revokedOne.body).toEqual({ revoked: 1 });
      await refresh(phoneNext.refreshToken).expect(401);
      await adminMe(phoneNext.accessToken).expect(401);
      await adminMe(laptop.body.accessToken).expect(200);
      // A session of another account is not found under this one.
      const adminSessions = (await t.http().get(`/api/admin/accounts/${admin.account.id}/sessions`).set('authorization', auth).expect(200)).body.items;
      await t.http().delete(`/api/admin/accounts/${opsId}/sessions/${adminSessions[0].id}`).set('authorization', auth).expect(404);

      const revokedAll = await t.http().delete(`/api/admin/accounts/${opsId}/sessions`).set('authorization', auth).expect(200);
      expect(revokedAll.body).toEqual({ revoked: 1 });
      await refresh(laptop.body.refreshToken).expect(401);
      await adminMe(laptop.body.accessToken).expect(401);
      expect((await t.http().get(`/api/admin/accounts/${opsId}/sessions`).set('authorization', auth).expect(200)).body.items).toEqual([]);
      await t.http().get('/api/admin/accounts/999999/sessions').set('authorization', auth).expect(404);

      const audits = await ds.getRepository(AuditLog).find({ where: { targetType: 'account', targetId: String(opsId) }, order: { id: 'ASC' } });
      expect(audits.map((a) => a.action)).toEqual(['account.sessions.revoke', 'account.sessions.revoke']);
      expect(JSON.parse(audits[0].details)).toMatchObject({ sessionIds: [byAgent('phone-browser/2.1').id], revoked: 1 });
      expect(audits[0].actorAccountId).toBe(admin.account.id);
    });
  });

  it('the purge job deletes expired tokens, used or not, and keeps the live ones', async () => {
    const login = await t.loginMember('purged-pat');
    await refresh(login.refreshToken).expect(200);
    const tokens = ds.getRepository(RefreshToken);
    const live = await tokens.count();
    // Time passes for this session only: both of its tokens (the used one and the current one) expire.
    const hers = await tokens.findBy({ principalKind: 'member', principalId: login.member.id });
    expect(hers.map((r) => r.usedAt === null).sort()).toEqual([false, true]);
    await tokens.update(
      hers.map((r) => r.id),
      { expiresAt: new Date(Date.now() - 1000) },
    );

    await t.app.get(SessionJobs).purge();
    expect(await tokens.countBy({ principalKind: 'member', principalId: login.member.id })).toBe(0);
    expect(await tokens.count()).toBe(live - 2);
    expect(await tokens.countBy({ usedAt: Not(IsNull()) })).toBeGreaterThan(0);
  });
});

/** A second server on the same data: another instance behind a load balancer, or the same one after a restart. */
async function startSibling(databaseUrl: string): Promise<{ app: NestExpressApplication; http: () => ReturnType<typeof request> }> {
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: databaseUrl, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const app = await createApp(config);
  const baseUrl = await listen(app, config);
  return { app, http: () => request(baseUrl) };
}

describe('sessions across instances and restarts', () => {
  let t: TestApp;
  let sibling: Awaited<ReturnType<typeof startSibling>>;

  beforeAll(async () => {
    t = await startTestApp();
    sibling = await startSibling(t.db.url);
  });
  afterAll(async () => {
    await sibling?.app.close();
    await t?.close();
  });

  it('another instance on the same data accepts the session (the development secret lives with the data) and learns of its revocation within seconds', async () => {
    const login = await t.loginMember('roaming-rae');
    await sibling.http().get('/api/members/me').set('authorization', `Bearer ${login.accessToken}`).expect(200);
    const next = (await sibling.http().post('/api/auth/refresh').send({ refreshToken: login.refreshToken }).expect(200)).body;
    await sibling.http().get('/api/members/me').set('authorization', `Bearer ${next.accessToken}`).expect(200);

    // The first instance sees the replay and revokes the session; the sibling stops accepting its access token soon after.
    await t.http().post('/api/auth/refresh').send({ refreshToken: login.refreshToken }).expect(401);
    const deadline = Date.now() + 20_000;
    let status = 200;
    while (status === 200 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      status = (await sibling.http().get('/api/members/me').set('authorization', `Bearer ${next.accessToken}`)).status;
    }
    expect(status).toBe(401);
  });
});
