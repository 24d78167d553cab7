import type { DataSource } from 'typeorm';
import { getDataSourceToken } from '@nestjs/typeorm';
import { beijingDate, DAY_MS } from '@mall/shared';
import { AuditLog } from '@mall/server/audit/audit-log.entity';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { DemoSeeder } from '@mall/server/seed/demo-seeder';

/** Ops read who changed what: filters by Beijing day, and the filtered log as a streamed CSV export. */
describe('audit log viewer: day filters and CSV export', () => {
  let t: TestApp;
  let ds: DataSource;
  let ops: string;
  let manager: string;

  beforeAll(async () => {
    t = await startTestApp();
    ds = t.app.get<DataSource>(getDataSourceToken());
    await t.app.get(DemoSeeder).seed();
    await t.createAccount({ username: 'audit-ops', password: 'audit-ops-pass', displayName: '审计运营', role: 'ops' });
    await t.createAccount({ username: 'audit-mgr', password: 'audit-mgr-pass', displayName: '店长', role: 'store_manager', storeId: 1 });
    ops = `Bearer ${(await t.loginAccount('audit-ops', 'audit-ops-pass')).accessToken}`;
    manager = `Bearer ${(await t.loginAccount('audit-mgr', 'audit-mgr-pass')).accessToken}`;
    for (const name of ['审计组一', '审计组二', '审计组三']) await t.http().post('/api/admin/tag-groups').set('authorization', ops).send({ name }).expect(201);
  });
  afterAll(() => t?.close());

  const search = (query: string) => t.http().get(`/api/admin/audit-logs?${query}`).set('authorization', ops);

  it('filters by Beijing day, both ends included; a reversed range is a 400', async () => {
    const today = beijingDate();
    const yesterday = beijingDate(Date.now() - DAY_MS);
    const tomorrow = beijingDate(Date.now() + DAY_MS);
    expect((await search(`action=tag_group.create&from=${today}&to=${today}`).expect(200)).body.total).toBe(3);
    expect((await search(`action=tag_group.create&from=${yesterday}&to=${yesterday}`).expect(200)).body.total).toBe(0);
    expect((await search(`action=tag_group.create&from=${tomorrow}`).expect(200)).body.total).toBe(0);
    expect((await search(`action=tag_group.create&to=${today}`).expect(200)).body.total).toBe(3);
    const reversed = await search(`from=${today}&to=${yesterday}`).expect(400);
    expect(reversed.body).toMatchObject({ code: 'VALIDATION_FAILED', message: '开始日期不能晚于结束日期' });
    expect((await search('from=2026-13-45x').expect(400)).body.code).toBe('VALIDATION_FAILED');
  });

  it('exports the filtered log as CSV with a BOM, newest first, labelled in Chinese, and audits the export', async () => {
    const before = await ds.getRepository(AuditLog).countBy({ action: 'audit_log.export' });
    const res = await t
      .http()
      .get('/api/admin/audit-logs/export.csv?action=tag_group.')
      .set('authorization', ops)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const body = res.body as Buffer;
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = body.subarray(3).toString('utf8').trim().split('\n');
    expect(lines[0]).toBe('时间,操作,操作代码,对象类型,对象ID,操作人,角色,详情');
    expect(lines.slice(1)).toHaveLength(3);
    expect(lines.slice(1).map((l) => l.split(',')[1])).toEqual(['新建标签组', '新建标签组', '新建标签组']);
    expect(lines[1]).toContain('审计组三'); // newest first
    expect(lines[1]).toContain('审计运营');
    expect(await ds.getRepository(AuditLog).countBy({ action: 'audit_log.export' })).toBe(before + 1);
  });

  it('bad filters write nothing; roles outside admin, ops and finance are refused', async () => {
    const before = await ds.getRepository(AuditLog).count();
    await t.http().get('/api/admin/audit-logs/export.csv?from=2026-11-30&to=2026-11-01').set('authorization', ops).expect(400);
    await t.http().get('/api/admin/audit-logs/export.csv').set('authorization', manager).expect(403);
    const member = `Bearer ${(await t.loginMember('audit-member')).accessToken}`;
    await t.http().get('/api/admin/audit-logs/export.csv').set('authorization', member).expect(403);
    expect(await ds.getRepository(AuditLog).count()).toBe(before);
  });
});
