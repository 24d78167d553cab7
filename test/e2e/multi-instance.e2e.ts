import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { RateLimiters } from '@mall/server/common/auth/rate-limiter';
import { JobLease } from '@mall/server/common/jobs/job-lease.entity';
import { JobLeases } from '@mall/server/common/jobs/job-lease.service';
import { JobRunner } from '@mall/server/common/jobs/job-runner';
import { REDIS } from '@mall/server/common/redis/redis.tokens';
import { PointsEntry } from '@mall/server/points/points-entry.entity';
import { PointsLedgerService } from '@mall/server/points/points-ledger.service';
import { PointsJobs } from '@mall/server/points/points.jobs';
import { startTestApp, TestApp } from '../helpers/test-app';

/** CI machines run Redis on 127.0.0.1:6379; keys are namespaced by the suite's own database. */
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/8';

/**
 * Two server instances in one jest process on one database and one Redis, as behind a load
 * balancer: rate limits, configuration caches, session revocations, scheduled jobs and idempotent
 * retries must hold across them, not per process.
 */
describe('two instances on one database and one Redis', () => {
  let a: TestApp;
  let b: TestApp;
  let ds: DataSource;
  let adminA: string;
  let adminB: string;
  const env = { REDIS_URL, JWT_SECRET: 'multi-instance-test-secret-0123456789abcdef', LOGIN_RATE_LIMIT_PER_MINUTE: '4', TRUST_PROXY: 'loopback' };

  beforeAll(async () => {
    a = await startTestApp(env);
    b = await startTestApp(env, { database: a.db });
    ds = a.app.get<DataSource>(getDataSourceToken());
    adminA = `Bearer ${(await a.loginAccount('admin')).accessToken}`;
    adminB = `Bearer ${(await b.loginAccount('admin')).accessToken}`;
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('both instances share one Redis connection each and one namespace', () => {
    expect(a.app.get(REDIS)).not.toBeNull();
    expect(b.app.get(REDIS)).not.toBeNull();
    expect(a.app.get(REDIS)).not.toBe(b.app.get(REDIS));
  });

  it('a password-login rate limit is counted across both instances', async () => {
    const attempt = (t: TestApp) =>
      t.http().post('/api/admin/auth/login').set('x-forwarded-for', '203.0.113.7').send({ username: 'nobody-multi', password: 'wrong-password' });
    // 4 a minute per address: two on each instance are within it, the fifth (on either) is refused.
    const answers = [];
    for (const t of [a, b, a, b]) answers.push((await attempt(t)).body.code);
    expect(answers).toEqual(Array(4).fill('AUTH_INVALID_CREDENTIALS'));
    const refused = await attempt(a);
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: expect.any(Number) } });
    expect(refused.body.message).toMatch(/^操作太频繁，请 \d+ 秒后再试$/);
    expect((await attempt(b)).body.code).toBe('RATE_LIMITED');
    // Another address has its own budget (for another username: this one's failures from unknown addresses are used up too).
    const other = await b
      .http()
      .post('/api/admin/auth/login')
      .set('x-forwarded-for', '203.0.113.8')
      .send({ username: 'somebody-multi', password: 'wrong-password' });
    expect(other.body.code).toBe('AUTH_INVALID_CREDENTIALS');
  });

  it('the limiter adapter counts in Redis: two limiters of one name on two instances share a window', async () => {
    const [la, lb] = [a.app.get(RateLimiters).create('adapter-test', 3, 60_000), b.app.get(RateLimiters).create('adapter-test', 3, 60_000)];
    expect(await la.record('k')).toBe(1);
    expect(await lb.record('k')).toBe(2);
    expect(await lb.tryHit('k')).toBe(true);
    expect(await la.tryHit('k')).toBe(false);
    await expect(lb.check('k')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await la.reset('k');
    expect(await lb.count('k')).toBe(0);
  });

  it('a points-settings change made on A is served by B within a second (pub/sub), not after the 30 s cache TTL', async () => {
    const read = async (t: TestApp, auth: string) => (await t.http().get('/api/admin/points/settings').set('authorization', auth).expect(200)).body.basePerYuan;
    const before = await read(b, adminB); // B has it cached now
    const next = before === 7 ? 8 : 7;
    await a.http().put('/api/admin/points/settings').set('authorization', adminA).send({ basePerYuan: next }).expect(200);
    expect(await read(a, adminA)).toBe(next);
    const started = Date.now();
    let seen = await read(b, adminB);
    while (seen !== next && Date.now() - started < 1_000) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      seen = await read(b, adminB);
    }
    expect(seen).toBe(next);
  });

  it('a session ended on A is refused on B at once', async () => {
    const login = await a.loginMember('multi-mia');
    const me = (t: TestApp) => t.http().get('/api/members/me').set('authorization', `Bearer ${login.accessToken}`);
    await me(b).expect(200); // B has loaded its revoked-session set
    await me(a).expect(200);
    await a.http().post('/api/auth/logout').send({ refreshToken: login.refreshToken }).expect(204);
    const refused = await me(b);
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('AUTH_SESSION_REVOKED');
    // And its refresh token is dead on B as well (the database).
    expect((await b.http().post('/api/auth/refresh').send({ refreshToken: login.refreshToken })).status).toBe(401);
  });

  it('a job started on both instances at once runs on one; the next round runs again', async () => {
    let runs = 0;
    const work = async () => {
      runs += 1;
      await new Promise((resolve) => setTimeout(resolve, 200));
    };
    await Promise.all([a.app.get(JobRunner).run('multi-test-job', work), b.app.get(JobRunner).run('multi-test-job', work)]);
    expect(runs).toBe(1);
    await b.app.get(JobRunner).run('multi-test-job', work);
    expect(runs).toBe(2);
  });

  it('the scheduled points-expiry job fired on both instances at once runs its scan on one, and releases the lease after', async () => {
    const scans = [a, b].map((t) => {
      const ledger = t.app.get(PointsLedgerService);
      const real = ledger.expireDue.bind(ledger);
      return jest.spyOn(ledger, 'expireDue').mockImplementation(async (...args) => {
        await new Promise((resolve) => setTimeout(resolve, 150));
        return real(...args);
      });
    });
    await Promise.all([a.app.get(PointsJobs).expire(), b.app.get(PointsJobs).expire()]);
    expect(scans[0].mock.calls.length + scans[1].mock.calls.length).toBe(1);
    scans.forEach((spy) => spy.mockRestore());
    const lease = await ds.getRepository(JobLease).findOneByOrFail({ name: 'points-expiry' });
    expect(lease.expiresAt.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it("a crashed instance's lease blocks the job until it expires, then another instance takes it over", async () => {
    const leases = ds.getRepository(JobLease);
    await leases.save({ name: 'multi-crash-job', owner: 'crashed-host:1:dead', expiresAt: new Date(Date.now() + 60_000) });
    let runs = 0;
    const work = async () => void (runs += 1);
    await b.app.get(JobRunner).run('multi-crash-job', work);
    expect(runs).toBe(0);
    await leases.update({ name: 'multi-crash-job' }, { expiresAt: new Date(Date.now() - 1_000) });
    await b.app.get(JobRunner).run('multi-crash-job', work);
    expect(runs).toBe(1);
    expect((await leases.findOneByOrFail({ name: 'multi-crash-job' })).owner).toBe(b.app.get(JobLeases).owner);
  });

  it('an idempotent request sent to both instances at once executes once; both answer the same', async () => {
    const member = await b.loginMember('multi-idem-ida');
    const send = (t: TestApp, auth: string) =>
      t
        .http()
        .post(`/api/admin/points/members/${member.member.id}/adjustments`)
        .set('authorization', auth)
        .set('idempotency-key', 'multi-idem-1')
        .send({ points: 123, reason: '幂等测试' });
    const [ra, rb] = await Promise.all([send(a, adminA), send(b, adminB)]);
    expect([ra.status, rb.status]).toEqual([201, 201]);
    expect(ra.body).toEqual(rb.body);
    expect(await ds.getRepository(PointsEntry).countBy({ memberId: member.member.id as number })).toBe(1);
  });
});
