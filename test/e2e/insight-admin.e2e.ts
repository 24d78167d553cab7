import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { LIFECYCLE_STAGES, RFM_BANDS, type InsightOverview, type MemberEventView } from '@mall/shared';
import { Product } from '@mall/server/catalog/product.entity';
import { MemberFact } from '@mall/server/insight/insight.entity';
import { MemberFactService } from '@mall/server/insight/member-fact.service';
import { DemoSeeder } from '@mall/server/seed/demo-seeder';
import { startTestApp, type TestApp } from '../helpers/test-app';

describe('insight admin: lifecycle/RFM overview and a member’s behaviour timeline', () => {
  let t: TestApp;
  let ds: DataSource;
  let ops: string;

  beforeAll(async () => {
    t = await startTestApp();
    ds = t.app.get<DataSource>(getDataSourceToken());
    await t.app.get(DemoSeeder).seed();
    await t.createAccount({ username: 'ops-ins', password: 'ops-ins-pass', displayName: '运营', role: 'ops' });
    ops = `Bearer ${(await t.loginAccount('ops-ins', 'ops-ins-pass')).accessToken}`;
  });
  afterAll(() => t?.close());

  it('the overview counts members per lifecycle stage and RFM band from the kept facts, every stage and band listed', async () => {
    const empty = (await t.http().get('/api/admin/insight/overview').set('authorization', ops).expect(200)).body as InsightOverview;
    expect(Object.keys(empty.lifecycle)).toEqual([...LIFECYCLE_STAGES]);
    expect(Object.keys(empty.rfm)).toEqual([...RFM_BANDS]);

    const base = { registeredAt: new Date('2026-01-01T00:00:00Z'), lifecycleSince: new Date('2026-01-01T00:00:00Z'), gender: 'unknown' as const };
    await ds.getRepository(MemberFact).insert([
      { ...base, memberId: 800_001, lifecycle: 'repeat', rfm: 'important_value' },
      { ...base, memberId: 800_002, lifecycle: 'repeat', rfm: 'general_keep' },
      { ...base, memberId: 800_003, lifecycle: 'dormant', rfm: 'general_keep' },
      { ...base, memberId: 800_004, lifecycle: 'prospect', rfm: 'none' },
    ]);
    const overview = (await t.http().get('/api/admin/insight/overview').set('authorization', ops).expect(200)).body as InsightOverview;
    expect(overview.total).toBe(empty.total + 4);
    expect(overview.lifecycle.repeat).toBe(empty.lifecycle.repeat + 2);
    expect(overview.lifecycle.dormant).toBe(empty.lifecycle.dormant + 1);
    expect(overview.lifecycle.prospect).toBe(empty.lifecycle.prospect + 1);
    expect(overview.lifecycle.lost).toBe(empty.lifecycle.lost);
    expect(overview.rfm.general_keep).toBe(empty.rfm.general_keep + 2);
    expect(overview.rfm.important_value).toBe(empty.rfm.important_value + 1);
    expect(Object.values(overview.rfm).reduce((a, b) => a + b, 0)).toBe(overview.total);
    expect(new Date(overview.oldestRefreshAt!).getTime()).toBeLessThanOrEqual(Date.now());
  });

  it('a member’s recent events, newest first, with the product’s name; limited; 404 for an unknown member', async () => {
    const login = await t.loginMember('ins-timeline');
    const auth = `Bearer ${login.accessToken}`;
    const id = login.member.id;
    const product = await ds.getRepository(Product).findOneByOrFail({ status: 'on_shelf' });
    const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
    await t
      .http()
      .post('/api/events')
      .set('authorization', auth)
      .send({
        events: [
          { id: 'tl-0001-visit', type: 'visit', source: 'poster', term: 'pages/index/index', at: at(30) },
          { id: 'tl-0002-view', type: 'view', objectId: product.id, at: at(20) },
          { id: 'tl-0003-cart', type: 'cart', objectId: product.id, at: at(10) },
          { id: 'tl-0004-search', type: 'search', term: '拿铁', at: at(5) },
        ],
      })
      .expect(202);
    // Another member's events never show.
    const other = await t.loginMember('ins-other');
    await t
      .http()
      .post('/api/events')
      .set('authorization', `Bearer ${other.accessToken}`)
      .send({ events: [{ id: 'tl-other-0001', type: 'view', objectId: product.id }] })
      .expect(202);

    const { items } = (await t.http().get(`/api/admin/members/${id}/events`).set('authorization', ops).expect(200)).body as { items: MemberEventView[] };
    expect(items.map((e) => [e.type, e.objectId, e.objectName, e.term, e.source])).toEqual([
      ['search', null, null, '拿铁', null],
      ['cart', product.id, product.name, null, null],
      ['view', product.id, product.name, null, null],
      ['visit', null, null, 'pages/index/index', 'poster'],
    ]);
    expect(new Date(items[0].occurredAt).getTime()).toBeGreaterThan(new Date(items[1].occurredAt).getTime());

    const limited = (await t.http().get(`/api/admin/members/${id}/events?limit=2`).set('authorization', ops).expect(200)).body.items as MemberEventView[];
    expect(limited.map((e) => e.type)).toEqual(['search', 'cart']);
    await t.http().get(`/api/admin/members/${id}/events?limit=500`).set('authorization', ops).expect(400);
    await t.http().get('/api/admin/members/999999/events').set('authorization', ops).expect(404);

    // The facts the timeline sits beside: last active follows the events.
    await t.app.get(MemberFactService).refresh([id]);
    const insight = (await t.http().get(`/api/admin/members/${id}/insight`).set('authorization', ops).expect(200)).body;
    expect(new Date(insight.facts.lastActiveAt).getTime()).toBe(new Date(items[0].occurredAt).getTime());
  });

  it('only ops and admins read the overview and timelines', async () => {
    const member = await t.loginMember('ins-nosy');
    await t.createAccount({ username: 'fin-ins', password: 'fin-ins-pass', displayName: '财务', role: 'finance' });
    const finance = `Bearer ${(await t.loginAccount('fin-ins', 'fin-ins-pass')).accessToken}`;
    for (const auth of [`Bearer ${member.accessToken}`, finance]) {
      await t.http().get('/api/admin/insight/overview').set('authorization', auth).expect(403);
      await t.http().get(`/api/admin/members/${member.member.id}/events`).set('authorization', auth).expect(403);
    }
    await t.http().get('/api/admin/insight/overview').expect(401);
  });
});
