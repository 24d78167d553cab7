import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource, MoreThan } from 'typeorm';
import { inControlGroup } from '@mall/shared';
import { CampaignDelivery, StaffTask } from '@mall/server/campaign/campaign.entity';
import { CampaignService } from '@mall/server/campaign/campaign.service';
import { OutboxService } from '@mall/server/common/outbox/outbox.service';
import { Sku } from '@mall/server/catalog/sku.entity';
import { Coupon } from '@mall/server/coupon/coupon.entity';
import { CouponTemplate } from '@mall/server/coupon/coupon-template.entity';
import { MemberFact } from '@mall/server/insight/insight.entity';
import { MemberFactService } from '@mall/server/insight/member-fact.service';
import { PointsLot } from '@mall/server/points/points-lot.entity';
import { DemoSeeder } from '@mall/server/seed/demo-seeder';
import { Store } from '@mall/server/store/store.entity';
import { WalletLedgerService } from '@mall/server/wallet/wallet-ledger.service';
import { startTestApp, type TestApp } from '../helpers/test-app';

describe('campaigns: each member once per occurrence, control group held out, triggers, banners, guide tasks, results', () => {
  let t: TestApp;
  let ds: DataSource;
  let ops: string;
  let campaigns: CampaignService;
  let template: CouponTemplate;
  let tagId: number;
  let segmentId: number;
  const members: { id: number; auth: string }[] = [];
  const staff: Record<string, { id: number; auth: string }> = {};

  beforeAll(async () => {
    t = await startTestApp();
    ds = t.app.get<DataSource>(getDataSourceToken());
    campaigns = t.app.get(CampaignService);
    await t.app.get(DemoSeeder).seed();
    await t.createAccount({ username: 'ops-cmp', password: 'ops-cmp-pass', displayName: '运营', role: 'ops' });
    ops = `Bearer ${(await t.loginAccount('ops-cmp', 'ops-cmp-pass')).accessToken}`;
    const storeA = await ds.getRepository(Store).findOneByOrFail({ id: 1 });
    const storeB = (
      await t
        .http()
        .post('/api/admin/stores')
        .set('authorization', ops)
        .send({ name: '前滩店', address: '上海市浦东新区', openingHours: '10:00-22:00' })
        .expect(201)
    ).body;
    for (const [username, storeId] of [
      ['cmp-guide-a', storeA.id],
      ['cmp-guide-b', storeB.id],
    ] as const) {
      await t.createAccount({ username, password: `${username}-pass`, displayName: username, role: 'staff', storeId });
      const login = await t.loginAccount(username, `${username}-pass`);
      staff[username] = { id: login.account.id, auth: `Bearer ${login.accessToken}` };
    }
    template = await ds
      .getRepository(CouponTemplate)
      .save(
        ds
          .getRepository(CouponTemplate)
          .create({ name: '回归礼 10 元', kind: 'fixed', amountFen: 1000, thresholdFen: 0, validDays: 30, claimable: false, enabled: true }),
      );
    for (let i = 0; i < 12; i++) {
      const login = await t.loginMember(`cmp-member-${i}`);
      members.push({ id: login.member.id, auth: `Bearer ${login.accessToken}` });
    }
    // Everyone bound to guide A, so the follow-up task has someone to go to.
    for (const m of members) {
      const qr = (await t.http().get('/api/members/me/qr').set('authorization', m.auth).expect(200)).body.token;
      await t.http().post('/api/staff/bindings').set('authorization', staff['cmp-guide-a'].auth).send({ qrToken: qr }).expect(200);
    }
    await t.app.get(MemberFactService).refreshAll();
    tagId = (await t.http().post('/api/admin/tags').set('authorization', ops).send({ name: '回归目标' }).expect(201)).body.id;
    await t
      .http()
      .post(`/api/admin/tags/${tagId}/members`)
      .set('authorization', ops)
      .send({ memberIds: members.map((m) => m.id) })
      .expect(200);
    segmentId = (
      await t
        .http()
        .post('/api/admin/segments')
        .set('authorization', ops)
        .send({ name: '回归目标人群', definition: { kind: 'group', match: 'all', conditions: [{ kind: 'tag', op: 'hasAny', tagIds: [tagId] }] } })
        .expect(201)
    ).body.id;
  });
  afterAll(() => t?.close());

  const body = (overrides: Record<string, unknown> = {}) => ({
    name: '老客回归礼',
    segmentId,
    schedule: { kind: 'now' },
    actions: [
      { type: 'coupon', couponTemplateId: template.id },
      { type: 'points', points: 30 },
      { type: 'banner', kind: 'popup', title: '回归礼已到账', body: '10 元券已放入卡包', link: '/subpackages/mall/pages/coupons/index', days: 7 },
      { type: 'task', reason: '老客回归跟进', script: '您好，给您准备了回归礼～', dueDays: 2 },
    ],
    controlPercent: 40,
    attributionDays: 7,
    throttlePerMinute: 5,
    ...overrides,
  });
  const pointsOf = async (memberId: number) => (await ds.getRepository(PointsLot).findBy({ memberId })).reduce((s, l) => s + l.remainingPoints, 0);

  it('a one-off run, throttled, with runs racing each other: every target member exactly once, the control group nothing', async () => {
    const created = (await t.http().post('/api/admin/campaigns').set('authorization', ops).send(body()).expect(201)).body;
    expect(created.status).toBe('draft');
    await t.http().post(`/api/admin/campaigns/${created.id}/state`).set('authorization', ops).send({ action: 'launch' }).expect(200);
    await t
      .http()
      .put(`/api/admin/campaigns/${created.id}`)
      .set('authorization', ops)
      .send(body({ name: '改名' }))
      .expect(409);

    const control = members.filter((m) => inControlGroup(created.id, m.id, 40));
    const target = members.filter((m) => !inControlGroup(created.id, m.id, 40));
    expect(control.length).toBeGreaterThan(0);
    expect(target.length).toBeGreaterThan(0);

    // Three runs at once, then more until the throttled one-off run has visited everyone (5 a minute).
    await Promise.all([campaigns.runDue(), campaigns.runDue(), t.http().post('/api/admin/campaigns/run-due').set('authorization', ops).expect(200)]);
    for (let i = 0; i < 5; i++) await Promise.all([campaigns.runDue(), campaigns.runDue()]);
    expect((await t.http().get(`/api/admin/campaigns/${created.id}`).set('authorization', ops).expect(200)).body.status).toBe('finished');

    const deliveries = await ds.getRepository(CampaignDelivery).findBy({ campaignId: created.id });
    expect(deliveries).toHaveLength(members.length);
    expect(
      deliveries
        .filter((d) => d.cohort === 'control')
        .map((d) => d.memberId)
        .sort(),
    ).toEqual(control.map((m) => m.id).sort());
    expect(deliveries.filter((d) => d.cohort === 'target').every((d) => d.outcome === 'done')).toBe(true);
    for (const m of target) {
      expect(await ds.getRepository(Coupon).countBy({ memberId: m.id, templateId: template.id })).toBe(1);
      expect(await pointsOf(m.id)).toBe(30);
    }
    for (const m of control) {
      expect(await ds.getRepository(Coupon).countBy({ memberId: m.id, templateId: template.id })).toBe(0);
      expect(await pointsOf(m.id)).toBe(0);
      expect((await t.http().get('/api/campaigns/banners').set('authorization', m.auth).expect(200)).body.items).toEqual([]);
    }
    expect(await ds.getRepository(StaffTask).countBy({ campaignId: created.id })).toBe(target.length);

    // 用户画像 · 收到的活动: ops see what each member got, the control group marked as such; others may not look.
    const received = async (memberId: number) =>
      (await t.http().get(`/api/admin/members/${memberId}/campaigns`).set('authorization', ops).expect(200)).body.items;
    expect(await received(target[0].id)).toEqual([
      expect.objectContaining({ campaignId: created.id, campaignName: '老客回归礼', occurrence: 'once', cohort: 'target', outcome: 'done', openedAt: null }),
    ]);
    expect(await received(control[0].id)).toEqual([expect.objectContaining({ campaignId: created.id, cohort: 'control', outcome: 'done' })]);
    await t.http().get('/api/admin/members/999999/campaigns').set('authorization', ops).expect(404);
    await t.http().get(`/api/admin/members/${target[0].id}/campaigns`).set('authorization', target[0].auth).expect(403);
    await t.http().get(`/api/admin/members/${target[0].id}/campaigns`).set('authorization', staff['cmp-guide-a'].auth).expect(403);

    // 收到优惠券: the target member's coupon is offered to the notice, labelled as a campaign gift; the control member has none.
    const notices = (await t.http().get('/api/coupons/received').set('authorization', target[0].auth).expect(200)).body.items;
    expect(notices).toEqual([expect.objectContaining({ name: '回归礼 10 元', sourceLabel: '活动赠送', text: expect.any(String) })]);
    expect((await t.http().get('/api/coupons/received').set('authorization', control[0].auth).expect(200)).body.items).toEqual([]);

    // The member opens the popup; the guide does the follow-up; a guide of another store cannot touch it.
    const first = target[0];
    const banners = (await t.http().get('/api/campaigns/banners').set('authorization', first.auth).expect(200)).body.items;
    expect(banners).toEqual([expect.objectContaining({ kind: 'popup', title: '回归礼已到账', link: '/subpackages/mall/pages/coupons/index' })]);
    await t.http().post(`/api/campaigns/banners/${banners[0].id}`).set('authorization', target[1].auth).send({ action: 'open' }).expect(404);
    await t.http().post(`/api/campaigns/banners/${banners[0].id}`).set('authorization', first.auth).send({ action: 'dismiss' }).expect(204);
    expect((await t.http().get('/api/campaigns/banners').set('authorization', first.auth).expect(200)).body.items).toEqual([]);
    expect((await received(first.id))[0].openedAt).toEqual(expect.any(String));

    const tasks = (await t.http().get('/api/staff/tasks').set('authorization', staff['cmp-guide-a'].auth).expect(200)).body.items;
    expect(tasks).toHaveLength(target.length);
    expect(tasks[0]).toMatchObject({ reason: '老客回归跟进', script: '您好，给您准备了回归礼～', status: 'open', overdue: false });
    expect((await t.http().get('/api/staff/tasks').set('authorization', staff['cmp-guide-b'].auth).expect(200)).body.items).toEqual([]);
    // The follow-up of a member other than the one who opened the popup: results count two opened members.
    const followUp = tasks.find((task: { memberId: number }) => task.memberId === target[1].id);
    await t.http().post(`/api/staff/tasks/${followUp.id}/done`).set('authorization', staff['cmp-guide-b'].auth).send({ outcome: '已联系' }).expect(403);
    await t
      .http()
      .post(`/api/staff/tasks/${followUp.id}/done`)
      .set('authorization', staff['cmp-guide-a'].auth)
      .send({ outcome: '已电话联系，会员很满意' })
      .expect(200);
    await t.http().post(`/api/staff/tasks/${followUp.id}/done`).set('authorization', staff['cmp-guide-a'].auth).send({ outcome: '再点一次' }).expect(409);

    // A target member buys within the window: attributed to the campaign; control conversion stays 0.
    const [sku] = await ds.getRepository(Sku).find({ order: { id: 'ASC' } });
    await ds.transaction((m) =>
      t.app.get(WalletLedgerService).move(m, {
        memberId: first.id,
        deltaPrincipalFen: 100_000,
        deltaBonusFen: 0,
        kind: 'adjust',
        refType: 'test',
        refId: 'seed',
        idempotencyKey: `cmp-seed:${first.id}`,
      }),
    );
    await t
      .http()
      .post('/api/orders')
      .set('authorization', first.auth)
      .send({ lines: [{ skuId: sku.id, quantity: 1 }], balanceToUse: 100_000, fulfilment: 'pickup', storeId: 1 })
      .expect(201);
    const results = (await t.http().get(`/api/admin/campaigns/${created.id}`).set('authorization', ops).expect(200)).body.results;
    expect(results.target).toMatchObject({ members: target.length, reached: target.length, failed: 0, ordered: 1, orders: 1, opened: 2 });
    expect(results.target.gmvFen).toBeGreaterThan(0);
    expect(results.control).toMatchObject({ members: control.length, ordered: 0, orders: 0, gmvFen: 0, conversion: 0 });
    expect(results.uplift).toBeCloseTo(1 / target.length);
  });

  it('a first-order trigger fires once per member, however often the scheduler runs', async () => {
    const created = (
      await t
        .http()
        .post('/api/admin/campaigns')
        .set('authorization', ops)
        .send(
          body({
            name: '首单有礼',
            segmentId: null,
            schedule: { kind: 'trigger', trigger: { kind: 'first_order' } },
            controlPercent: 0,
            actions: [{ type: 'points', points: 88 }],
          }),
        )
        .expect(201)
    ).body;
    await t.http().post(`/api/admin/campaigns/${created.id}/state`).set('authorization', ops).send({ action: 'launch' }).expect(200);
    await campaigns.runDue();
    expect(await ds.getRepository(CampaignDelivery).countBy({ campaignId: created.id })).toBe(0);

    const buyer = (await t.loginMember('cmp-first-buyer')).member.id;
    const auth = `Bearer ${(await t.loginMember('cmp-first-buyer')).accessToken}`;
    await ds.transaction((m) =>
      t.app.get(WalletLedgerService).move(m, {
        memberId: buyer,
        deltaPrincipalFen: 100_000,
        deltaBonusFen: 0,
        kind: 'adjust',
        refType: 'test',
        refId: 'seed',
        idempotencyKey: `cmp-seed:${buyer}`,
      }),
    );
    const [sku] = await ds.getRepository(Sku).find({ order: { id: 'ASC' } });
    await t
      .http()
      .post('/api/orders')
      .set('authorization', auth)
      .send({ lines: [{ skuId: sku.id, quantity: 1 }], balanceToUse: 100_000, fulfilment: 'pickup', storeId: 1 })
      .expect(201);
    // The paid-order events refresh the buyer's facts once dispatched.
    await t.app.get(OutboxService).dispatchDue(new Date(Date.now() + 60_000));
    await Promise.all([campaigns.runDue(), campaigns.runDue(), campaigns.runDue()]);
    await campaigns.runDue();
    const deliveries = await ds.getRepository(CampaignDelivery).findBy({ campaignId: created.id });
    expect(deliveries.filter((d) => d.memberId === buyer).map((d) => [d.occurrence, d.outcome])).toEqual([['first', 'done']]);
    // Every member whose first order is within the day gets it (the earlier test's buyer too), each once.
    const firstTimers = await ds.getRepository(MemberFact).countBy({ orderCount: MoreThan(0) });
    expect(new Set(deliveries.map((d) => d.memberId)).size).toBe(deliveries.length);
    expect(deliveries).toHaveLength(firstTimers);
    expect(deliveries.every((d) => d.occurrence === 'first' && d.outcome === 'done')).toBe(true);
    expect(await pointsOf(buyer)).toBeGreaterThanOrEqual(88);
    const lots = await ds.getRepository(PointsLot).findBy({ memberId: buyer, source: 'campaign' });
    expect(lots.map((l) => l.amountPoints)).toEqual([88]);
  });

  it('staff tag their own members with tags ops allowed, audited; other stores and other tags are refused', async () => {
    const allowed = (await t.http().post('/api/admin/tags').set('authorization', ops).send({ name: '爱喝美式', staffAssignable: true }).expect(201)).body;
    const opsOnly = (await t.http().post('/api/admin/tags').set('authorization', ops).send({ name: '高风险' }).expect(201)).body;
    const offered = (await t.http().get('/api/staff/tags').set('authorization', staff['cmp-guide-a'].auth).expect(200)).body.items;
    expect(offered.map((x: { id: number }) => x.id)).toEqual([allowed.id]);
    const member = members[2];
    const tagged = (
      await t.http().post(`/api/staff/members/${member.id}/tags`).set('authorization', staff['cmp-guide-a'].auth).send({ tagId: allowed.id }).expect(200)
    ).body;
    expect(tagged.tags.map((x: { name: string }) => x.name)).toContain('爱喝美式');
    await t.http().post(`/api/staff/members/${member.id}/tags`).set('authorization', staff['cmp-guide-b'].auth).send({ tagId: allowed.id }).expect(403);
    await t.http().post(`/api/staff/members/${member.id}/tags`).set('authorization', staff['cmp-guide-a'].auth).send({ tagId: opsOnly.id }).expect(403);
    const removed = (
      await t
        .http()
        .post(`/api/staff/members/${member.id}/tags`)
        .set('authorization', staff['cmp-guide-a'].auth)
        .send({ tagId: allowed.id, remove: true })
        .expect(200)
    ).body;
    expect(removed.tags.map((x: { name: string }) => x.name)).not.toContain('爱喝美式');
    const trail = (await t.http().get(`/api/admin/audit-logs?action=tag.&targetType=tag&targetId=${allowed.id}`).set('authorization', ops).expect(200)).body;
    expect(trail.items.map((x: { action: string }) => x.action).sort()).toEqual(['tag.assign', 'tag.create', 'tag.unassign']);
  });

  it('bad campaigns are refused with a 400 naming the problem; only ops and admins manage campaigns', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ controlPercent: 80 }, 'controlPercent'],
      [{ actions: [] }, 'actions'],
      [{ actions: [{ type: 'banner', kind: 'popup', title: '活动', body: '', link: 'https://evil.example', days: 3 }] }, 'actions[0]'],
      [{ schedule: { kind: 'at', at: '2020-01-01T00:00:00Z' } }, 'schedule.at'],
      [{ schedule: { kind: 'trigger', trigger: { kind: 'date', monthDay: '02-30x' } } }, 'schedule.trigger.monthDay'],
      [{ segmentId: 99_999 }, ''],
    ];
    const before = (await t.http().get('/api/admin/campaigns').set('authorization', ops).expect(200)).body.items.length;
    for (const [overrides, field] of cases) {
      const res = await t.http().post('/api/admin/campaigns').set('authorization', ops).send(body(overrides));
      expect([400, 404]).toContain(res.status);
      expect(res.body).toMatchObject({ code: expect.any(String), message: expect.any(String) });
      if (field) expect(res.body.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    }
    expect((await t.http().get('/api/admin/campaigns').set('authorization', ops).expect(200)).body.items).toHaveLength(before);

    await t.createAccount({ username: 'fin-cmp', password: 'fin-cmp-pass', displayName: '财务', role: 'finance' });
    const finance = `Bearer ${(await t.loginAccount('fin-cmp', 'fin-cmp-pass')).accessToken}`;
    await t.http().post('/api/admin/campaigns').set('authorization', finance).send(body()).expect(403);
    await t.http().get('/api/admin/campaigns').set('authorization', members[0].auth).expect(403);
    await t.http().get('/api/staff/tasks').set('authorization', members[0].auth).expect(403);
    await t.http().get('/api/campaigns/banners').set('authorization', ops).expect(403);
  });
});
