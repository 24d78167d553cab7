import fc from 'fast-check';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { matchesSegment, type SegmentGroup, type SegmentSubject } from '@mall/shared';
import { segmentArbitrary, subjectArbitrary } from '@mall/shared/segment/segment.arbitraries';
import { MemberEvent, MemberFact, MemberTag, Tag } from '@mall/server/insight/insight.entity';
import { MemberFactService } from '@mall/server/insight/member-fact.service';
import { SegmentService } from '@mall/server/insight/segment.service';
import { Product } from '@mall/server/catalog/product.entity';
import { DemoSeeder } from '@mall/server/seed/demo-seeder';
import { startTestApp, type TestApp } from '../helpers/test-app';

const NOW = new Date('2026-11-26T08:00:00.000Z');
const SEED = Number(process.env.SEGMENT_PROPERTY_SEED ?? 20261126);

describe('segments: one SQL query selects exactly the members the pure predicate selects; tags, favourites, events, API', () => {
  let t: TestApp;
  let ds: DataSource;
  let ops: string;
  let tagIds: number[];
  const subjects: SegmentSubject[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    ds = t.app.get<DataSource>(getDataSourceToken());
    await t.app.get(DemoSeeder).seed();
    await t.createAccount({ username: 'ops-seg', password: 'ops-seg-pass', displayName: '运营', role: 'ops' });
    ops = `Bearer ${(await t.loginAccount('ops-seg', 'ops-seg-pass')).accessToken}`;
    tagIds = [];
    for (const name of ['高潜', '咖啡控', '已流失'])
      tagIds.push((await t.http().post('/api/admin/tags').set('authorization', ops).send({ name }).expect(201)).body.id);

    // Synthetic members far above the real ids: facts, tags and events written as the refresh and the event API would.
    const generated = fc.sample(subjectArbitrary(NOW, tagIds, [1, 2]), { numRuns: 120, seed: SEED });
    generated.forEach((g, i) => subjects.push({ ...g, facts: { ...g.facts, memberId: 900_000 + i } }));
    await ds.getRepository(MemberFact).insert(subjects.map((s) => ({ ...s.facts, lifecycleSince: NOW })));
    await ds.getRepository(MemberTag).insert(subjects.flatMap((s) => s.tagIds.map((tagId) => ({ memberId: s.facts.memberId, tagId, source: 'ops' as const }))));
    const events = subjects.flatMap((s, i) =>
      s.events.map((e, j) => ({ memberId: s.facts.memberId, type: e.type, objectId: e.objectId, occurredAt: e.at, clientEventId: `seed-${i}-${j}` })),
    );
    if (events.length) await ds.getRepository(MemberEvent).insert(events);
  });
  afterAll(() => t?.close());

  it(`property (seed ${SEED}): on random members and definitions, SQL and predicate agree, NULL facts and window edges included`, async () => {
    const segments = t.app.get(SegmentService);
    const synthetic = (ids: number[]) => ids.filter((id) => id >= 900_000);
    let nonTrivial = 0;
    await fc.assert(
      fc.asyncProperty(segmentArbitrary(NOW, tagIds, [1, 2]), async (definition: SegmentGroup) => {
        const expected = subjects.filter((s) => matchesSegment(definition, s, NOW)).map((s) => s.facts.memberId);
        const actual = synthetic(await segments.memberIds(definition, NOW));
        if (expected.length > 0 && expected.length < subjects.length) nonTrivial += 1;
        expect(actual).toEqual(expected);
      }),
      { numRuns: 200, seed: SEED },
    );
    // The generator is only useful if most definitions split the population.
    expect(nonTrivial).toBeGreaterThan(60);
  });

  it('bad definitions are refused with a 400 naming the problem, and write nothing', async () => {
    const before = await ds.getRepository(Tag).count();
    const cases: [unknown, string][] = [
      [{ kind: 'group', match: 'all', conditions: [{ kind: 'fact', field: 'password', op: 'eq', value: 1 }] }, '未知字段'],
      [{ kind: 'group', match: 'all', conditions: [{ kind: 'fact', field: 'province', op: 'gt', value: '北京市' }] }, '不支持运算符'],
      [{ kind: 'group', match: 'all', conditions: [{ kind: 'fact', field: 'orderCount', op: 'eq', value: '1; DROP TABLE member_fact; --' }] }, '值无效'],
      [
        [1, 2, 3, 4, 5].reduce<unknown>((inner) => ({ kind: 'group', match: 'any', conditions: [inner] }), {
          kind: 'fact',
          field: 'orderCount',
          op: 'gt',
          value: 0,
        }),
        '嵌套不能超过',
      ],
    ];
    for (const [definition, message] of cases) {
      const res = await t.http().post('/api/admin/segments/preview').set('authorization', ops).send({ definition }).expect(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining(message), details: { fields: expect.any(Array) } });
      await t.http().post('/api/admin/segments').set('authorization', ops).send({ name: '坏分群', definition }).expect(400);
    }
    expect((await t.http().get('/api/admin/segments').set('authorization', ops).expect(200)).body.items).toEqual([]);
    expect(await ds.getRepository(Tag).count()).toBe(before);
    expect(await ds.getRepository(MemberFact).count()).toBe(subjects.length);
  });

  it('a real member: favourites and events through the API, facts refreshed, found by a saved segment, tagged by CSV, exported', async () => {
    const login = await t.loginMember('seg-member');
    const auth = `Bearer ${login.accessToken}`;
    const id = login.member.id;
    await t.http().post('/api/members/me/phone').set('authorization', auth).send({ code: '13700137001:seg' }).expect(201);
    await t.http().patch('/api/members/me').set('authorization', auth).send({ region: '北京市 朝阳区', gender: 'female' }).expect(200);
    const product = await ds.getRepository(Product).findOneByOrFail({ status: 'on_shelf' });

    await t.http().post('/api/favourites').set('authorization', auth).send({ productId: product.id }).expect(204);
    await t.http().post('/api/favourites').set('authorization', auth).send({ productId: product.id }).expect(204);
    await t.http().post('/api/favourites').set('authorization', auth).send({ productId: 999_999 }).expect(404);
    expect((await t.http().get(`/api/favourites/${product.id}`).set('authorization', auth).expect(200)).body).toEqual({ favourite: true });
    const mine = (await t.http().get('/api/favourites').set('authorization', auth).expect(200)).body;
    expect(mine).toMatchObject({ total: 1, items: [{ id: product.id, name: product.name }] });

    const batch = {
      events: [
        { id: 'evt-0001-view', type: 'view', objectId: product.id },
        { id: 'evt-0002-search', type: 'search', term: '拿铁 13812345678' },
      ],
    };
    expect((await t.http().post('/api/events').set('authorization', auth).send(batch).expect(202)).body).toEqual({ accepted: 2 });
    await t.http().post('/api/events').set('authorization', auth).send(batch).expect(202);
    const stored = await ds.getRepository(MemberEvent).find({ where: { memberId: id }, order: { id: 'ASC' } });
    expect(stored.map((e) => [e.type, e.objectId, e.term])).toEqual([
      ['favourite', product.id, null],
      ['view', product.id, null],
      ['search', null, '拿铁 ###########'],
    ]);
    await t
      .http()
      .post('/api/events')
      .set('authorization', auth)
      .send({ events: [{ id: 'x', type: 'purchase' }] })
      .expect(400);
    await t
      .http()
      .post('/api/events')
      .set('authorization', auth)
      .send({ events: Array.from({ length: 51 }, (_, i) => ({ id: `evt-many-${i}`, type: 'visit' })) })
      .expect(400);

    await t.app.get(MemberFactService).refresh([id], new Date());
    const definition = {
      kind: 'group',
      match: 'all',
      conditions: [
        { kind: 'event', event: 'favourite', withinDays: 30 },
        { kind: 'fact', field: 'province', op: 'eq', value: '北京市' },
        { kind: 'fact', field: 'lifecycle', op: 'in', value: ['prospect', 'new'] },
      ],
    };
    const preview = (await t.http().post('/api/admin/segments/preview').set('authorization', ops).send({ definition }).expect(200)).body;
    expect(preview.sample.map((m: { memberId: number }) => m.memberId)).toContain(id);
    expect(preview.description).toContain('省份 = 北京市');
    const saved = (await t.http().post('/api/admin/segments').set('authorization', ops).send({ name: '北京收藏潜客', definition }).expect(201)).body;

    const tag = (await t.http().post('/api/admin/tags').set('authorization', ops).send({ name: 'CSV导入', staffAssignable: true }).expect(201)).body;
    const assigned = (
      await t
        .http()
        .post(`/api/admin/tags/${tag.id}/members`)
        .set('authorization', ops)
        .send({ csv: '手机号\n13700137001\n13900000000\nnot-a-phone\n' })
        .expect(200)
    ).body;
    expect(assigned).toEqual({ tagged: 1, alreadyTagged: 0, unknown: ['13900000000', 'not-a-phone'] });
    const byTag = { kind: 'group', match: 'all', conditions: [{ kind: 'tag', op: 'hasAll', tagIds: [tag.id] }] };
    expect((await t.http().post('/api/admin/segments/preview').set('authorization', ops).send({ definition: byTag }).expect(200)).body.count).toBe(1);
    const insight = (await t.http().get(`/api/admin/members/${id}/insight`).set('authorization', ops).expect(200)).body;
    expect(insight.facts).toMatchObject({ memberId: id, province: '北京市', city: '朝阳区', gender: 'female', favouriteCount: 1, lifecycle: 'prospect' });
    expect(insight.tags.map((x: { name: string }) => x.name)).toEqual(expect.arrayContaining(['CSV导入', '潜客', '未消费']));

    const csv = await t.http().get(`/api/admin/segments/${saved.id}/export.csv`).set('authorization', ops).buffer(true).expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe('会员ID,昵称,手机号,生命周期,订单数,累计消费(元),最近下单');
    expect(lines.some((l) => l.startsWith(`${id},`) && l.includes('137****7001'))).toBe(true);
    expect(csv.text).not.toContain('13700137001');
  });

  it('only ops and admins reach insight admin routes; members reach only their own favourites', async () => {
    const member = `Bearer ${(await t.loginMember('seg-outsider')).accessToken}`;
    await t.createAccount({ username: 'fin-seg', password: 'fin-seg-pass', displayName: '财务', role: 'finance' });
    const finance = `Bearer ${(await t.loginAccount('fin-seg', 'fin-seg-pass')).accessToken}`;
    const definition = { kind: 'group', match: 'all', conditions: [{ kind: 'fact', field: 'orderCount', op: 'gte', value: 0 }] };
    await t.http().post('/api/admin/segments/preview').set('authorization', member).send({ definition }).expect(403);
    await t.http().post('/api/admin/segments/preview').set('authorization', finance).send({ definition }).expect(403);
    await t.http().get('/api/admin/tags').set('authorization', finance).expect(403);
    await t.http().post('/api/admin/member-facts/refresh').set('authorization', ops).expect(403);
    await t
      .http()
      .post('/api/events')
      .set('authorization', ops)
      .send({ events: [{ id: 'evt-ops-0001', type: 'visit' }] })
      .expect(403);
    expect((await t.http().get('/api/favourites').set('authorization', member).expect(200)).body.total).toBe(0);
  });
});
