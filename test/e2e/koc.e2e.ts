import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DAY_MS } from '@mall/shared';
import { Sku } from '@mall/server/catalog/sku.entity';
import { OutboxService } from '@mall/server/common/outbox/outbox.service';
import { Coupon } from '@mall/server/coupon/coupon.entity';
import { CouponTemplate } from '@mall/server/coupon/coupon-template.entity';
import { MemberFactService } from '@mall/server/insight/member-fact.service';
import { KocReferral, KocReward } from '@mall/server/koc/koc.entity';
import { KocReferralService } from '@mall/server/koc/koc-referral.service';
import { PointsEntry } from '@mall/server/points/points-entry.entity';
import { DemoSeeder } from '@mall/server/seed/demo-seeder';
import { WalletLedgerService } from '@mall/server/wallet/wallet-ledger.service';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { waitFor } from '../helpers/wechat-pay';

describe('KOC programme: binding through the poster scene, rewards once past the refund window, commission clawback, authz', () => {
  let t: TestApp;
  let ds: DataSource;
  let ops: string;
  let staffAuth: string;
  let sku: Sku;
  let welcome: CouponTemplate;
  let pointsProgramme: number;
  let commissionProgramme: number;
  let referrals: KocReferralService;
  let codeSeq = 0;
  type M = { id: number; auth: string };
  let kocA: M;
  let kocK: M;

  const later = () => new Date(Date.now() + 8 * DAY_MS);
  const login = async (user: string, scene?: string): Promise<M> => {
    codeSeq += 1;
    const body = (
      await t
        .http()
        .post('/api/auth/wechat/login')
        .send({ code: `${user}:k${codeSeq}`, ...(scene ? { scene } : {}) })
        .expect(200)
    ).body;
    return { id: body.member.id, auth: `Bearer ${body.accessToken}` };
  };
  const fund = (m: M) =>
    ds.transaction((x) =>
      t.app.get(WalletLedgerService).move(x, {
        memberId: m.id,
        deltaPrincipalFen: 5_000_000,
        deltaBonusFen: 0,
        kind: 'adjust',
        refType: 'test',
        refId: 'seed',
        idempotencyKey: `koc-seed:${m.id}`,
      }),
    );
  const buy = async (m: M, quantity = 1) => {
    const res = await t
      .http()
      .post('/api/orders')
      .set('authorization', m.auth)
      .send({ lines: [{ skuId: sku.id, quantity }], balanceToUse: 500000, fulfilment: 'pickup', storeId: 1 });
    if (res.status !== 201) throw new Error(`order refused: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { orderId: number; status: string };
  };
  const refund = async (m: M, orderId: number, quantity: number) => {
    const view = (await t.http().get(`/api/orders/${orderId}`).set('authorization', m.auth).expect(200)).body;
    const sale = (
      await t
        .http()
        .post(`/api/orders/${orderId}/after-sales`)
        .set('authorization', m.auth)
        .send({ lines: [{ lineId: view.lines[0].id, quantity }], reason: '不想要了' })
        .expect(201)
    ).body;
    await t.http().post(`/api/admin/after-sales/${sale.id}/approve`).set('authorization', ops).send({ note: 'ok' }).expect(201);
  };
  const points = async (m: M) => (await t.http().get('/api/points').set('authorization', m.auth).expect(200)).body.balance as number;
  const drain = () => t.app.get(OutboxService).dispatchDue(new Date(Date.now() + 60_000));
  const rewardOf = (orderId: number) => waitFor(async () => (await drain(), ds.getRepository(KocReward).findOneBy({ orderId })), `reward for order ${orderId}`);
  const programme = (over: Record<string, unknown>) => ({
    name: '推荐官',
    enabled: true,
    criteria: null,
    rewardKind: 'points',
    rewardPoints: 300,
    rewardCouponTemplateId: null,
    commissionBps: 0,
    commissionDays: 30,
    refundWindowDays: 7,
    welcomeCouponTemplateId: welcome.id,
    ...over,
  });

  beforeAll(async () => {
    t = await startTestApp({ WECHAT_SIM_NOTIFY_TIME_SCALE: '0.001' });
    ds = t.app.get<DataSource>(getDataSourceToken());
    referrals = t.app.get(KocReferralService);
    await t.app.get(DemoSeeder).seed();
    sku = (await ds.getRepository(Sku).find({ order: { id: 'ASC' } }))[0];
    await t.createAccount({ username: 'ops-koc', password: 'ops-koc-pass', displayName: '运营', role: 'ops' });
    ops = `Bearer ${(await t.loginAccount('ops-koc', 'ops-koc-pass')).accessToken}`;
    await t.createAccount({ username: 'staff-koc', password: 'staff-koc-pass', displayName: '店员', role: 'staff', storeId: 1 });
    staffAuth = `Bearer ${(await t.loginAccount('staff-koc', 'staff-koc-pass')).accessToken}`;
    welcome = await ds
      .getRepository(CouponTemplate)
      .save(
        ds
          .getRepository(CouponTemplate)
          .create({ name: '新人礼 5 元', kind: 'fixed', amountFen: 500, thresholdFen: 0, validDays: 30, claimable: false, enabled: true }),
      );
    pointsProgramme = (await t.http().post('/api/admin/koc/programmes').set('authorization', ops).send(programme({})).expect(201)).body.id;
    commissionProgramme = (
      await t
        .http()
        .post('/api/admin/koc/programmes')
        .set('authorization', ops)
        .send(programme({ name: '分佣推荐官', rewardKind: 'commission', rewardPoints: 0, commissionBps: 1000, welcomeCouponTemplateId: null }))
        .expect(201)
    ).body.id;
    kocA = await login('koc-a');
    kocK = await login('koc-k');
    await t
      .http()
      .post('/api/admin/koc/members')
      .set('authorization', ops)
      .send({ programmeId: pointsProgramme, memberIds: [kocA.id] })
      .expect(200);
    await t
      .http()
      .post('/api/admin/koc/members')
      .set('authorization', ops)
      .send({ programmeId: commissionProgramme, memberIds: [kocK.id] })
      .expect(200);
  });
  afterAll(() => t?.close());

  it('refuses a bad programme and an unknown member, writing nothing', async () => {
    await t
      .http()
      .post('/api/admin/koc/programmes')
      .set('authorization', ops)
      .send(programme({ commissionBps: 9000 }))
      .expect(400);
    await t
      .http()
      .post('/api/admin/koc/programmes')
      .set('authorization', ops)
      .send(programme({ rewardKind: 'commission', commissionBps: 0 }))
      .expect(400);
    await t
      .http()
      .post('/api/admin/koc/programmes')
      .set('authorization', ops)
      .send(programme({ criteria: { kind: 'group', match: 'all', conditions: [{ kind: 'fact', field: 'nope', op: 'eq', value: 1 }] } }))
      .expect(400);
    await t
      .http()
      .post('/api/admin/koc/members')
      .set('authorization', ops)
      .send({ programmeId: pointsProgramme, memberIds: [99999999] })
      .expect(404);
    expect((await t.http().get('/api/admin/koc/programmes').set('authorization', ops).expect(200)).body.items).toHaveLength(2);
  });

  it('a referral reward is paid once, after the refund window, instead of the plain referral points; the invitee gets the welcome coupon', async () => {
    const b = await login('koc-invitee-b', `r${kocA.id}`);
    expect(await ds.getRepository(KocReferral).findOneBy({ inviteeId: b.id })).toMatchObject({ kocMemberId: kocA.id, programmeId: pointsProgramme });
    expect(await ds.getRepository(Coupon).countBy({ memberId: b.id, templateId: welcome.id })).toBe(1);
    // A second login through the same poster binds nothing again and gives no second coupon.
    await login('koc-invitee-b', `r${kocA.id}`);
    expect(await ds.getRepository(Coupon).countBy({ memberId: b.id, templateId: welcome.id })).toBe(1);

    await fund(b);
    const before = await points(kocA);
    const first = await buy(b);
    expect(first.status).toBe('paid');
    await buy(b);
    const reward = await rewardOf(first.orderId);
    expect(reward).toMatchObject({ kind: 'points', status: 'pending', rewardPoints: 300, kocMemberId: kocA.id });
    await drain();
    expect(await ds.getRepository(KocReward).countBy({ inviteeId: b.id })).toBe(1);
    // Not yet past the window: nothing credited; and the plain referral (200 points at once) was not paid either.
    expect(await referrals.creditDue(new Date())).toEqual({ credited: 0, cancelled: 0 });
    expect(await points(kocA)).toBe(before);

    // Two job runs at once past the window: credited once.
    const runs = await Promise.all([referrals.creditDue(later()), referrals.creditDue(later()), referrals.creditDue(later())]);
    expect(runs.reduce((s, r) => s + r.credited, 0)).toBe(1);
    expect(await points(kocA)).toBe(before + 300);
    expect(await ds.getRepository(PointsEntry).countBy({ memberId: kocA.id, refType: 'koc_reward' })).toBe(1);
    expect(await ds.getRepository(KocReward).findOneByOrFail({ id: reward.id })).toMatchObject({ status: 'credited', creditedPoints: 300 });
  });

  it('no binding for a self-referral, a repeat (already bound) or a circular referral', async () => {
    // Self: the KOC opens their own poster.
    await login('koc-a', `r${kocA.id}`);
    expect(await ds.getRepository(KocReferral).countBy({ inviteeId: kocA.id })).toBe(0);

    // Circular: C is invited by A and made a KOC; A (no paid order yet) then opens C's poster.
    const c = await login('koc-invitee-c', `r${kocA.id}`);
    expect(await ds.getRepository(KocReferral).countBy({ inviteeId: c.id, kocMemberId: kocA.id })).toBe(1);
    await t
      .http()
      .post('/api/admin/koc/members')
      .set('authorization', ops)
      .send({ programmeId: pointsProgramme, memberIds: [c.id] })
      .expect(200);
    await login('koc-a', `r${c.id}`);
    expect(await ds.getRepository(KocReferral).countBy({ inviteeId: kocA.id })).toBe(0);
    // Deeper: D invited by C; A → … → D would close A → C → D → A.
    const d = await login('koc-invitee-d', `r${c.id}`);
    await t
      .http()
      .post('/api/admin/koc/members')
      .set('authorization', ops)
      .send({ programmeId: pointsProgramme, memberIds: [d.id] })
      .expect(200);
    await login('koc-a', `r${d.id}`);
    expect(await ds.getRepository(KocReferral).countBy({ inviteeId: kocA.id })).toBe(0);

    // Repeat: C (bound to A) opens K's poster: still A's.
    await login('koc-invitee-c', `r${kocK.id}`);
    expect(await ds.getRepository(KocReferral).findBy({ inviteeId: c.id })).toEqual([expect.objectContaining({ kocMemberId: kocA.id })]);
    // A scene naming a member who is not a KOC binds nothing (the plain referral keeps working through registerScene).
    const notKoc = await login('koc-plain-inviter');
    const e = await login('koc-plain-e', `r${notKoc.id}`);
    expect(await ds.getRepository(KocReferral).countBy({ inviteeId: e.id })).toBe(0);
    // A member who already paid an order is not new: B (paid above, bound to A) cannot be taken over, and a paid non-invitee neither.
    await fund(e);
    await buy(e);
    await login('koc-plain-e', `r${kocK.id}`);
    expect(await ds.getRepository(KocReferral).countBy({ inviteeId: e.id })).toBe(0);
  });

  it('no reward for an order refunded in full within the window', async () => {
    const f = await login('koc-invitee-f', `r${kocA.id}`);
    await fund(f);
    const before = await points(kocA);
    const order = await buy(f);
    const reward = await rewardOf(order.orderId);
    await refund(f, order.orderId, 1);
    await waitFor(
      async () => (await drain(), (await ds.getRepository(KocReward).findOneByOrFail({ id: reward.id })).refundedFen >= reward.paidFen),
      'refund seen',
    );
    await Promise.all([referrals.creditDue(later()), referrals.creditDue(later())]);
    expect(await ds.getRepository(KocReward).findOneByOrFail({ id: reward.id })).toMatchObject({ status: 'cancelled', creditedPoints: 0 });
    expect(await points(kocA)).toBe(before);
  });

  it('commission: a share of each paid order credited once past the window, clawed back in part by a later partial refund', async () => {
    const g = await login('koc-invitee-g', `r${kocK.id}`);
    await fund(g);
    const before = await points(kocK);
    const order = await buy(g, 2);
    const reward = await rewardOf(order.orderId);
    expect(reward).toMatchObject({ kind: 'commission', commissionBps: 1000, status: 'pending' });
    const paid = reward.paidFen;
    const share = Math.floor((paid * 1000) / 10000);
    const runs = await Promise.all([referrals.creditDue(later()), referrals.creditDue(later())]);
    expect(runs.reduce((s, r) => s + r.credited, 0)).toBe(1);
    const credited = await ds.getRepository(KocReward).findOneByOrFail({ id: reward.id });
    expect(credited).toMatchObject({ status: 'credited', creditedFen: share });
    expect(credited.creditedPoints).toBeGreaterThan(0);
    expect(await points(kocK)).toBe(before + credited.creditedPoints);

    // One of the two units refunded after crediting: the commission on it goes back, once.
    await refund(g, order.orderId, 1);
    await waitFor(async () => (await drain(), (await ds.getRepository(KocReward).findOneByOrFail({ id: reward.id })).clawedBackPoints > 0), 'clawback');
    await drain();
    const after = await ds.getRepository(KocReward).findOneByOrFail({ id: reward.id });
    const keepFen = Math.floor(((paid - after.refundedFen) * 1000) / 10000);
    expect(after.clawedBackFen).toBe(share - keepFen);
    expect(after.creditedPoints - after.clawedBackPoints).toBe(Math.floor((credited.creditedPoints * keepFen) / share));
    expect(await points(kocK)).toBe(before + after.creditedPoints - after.clawedBackPoints);
    expect(await ds.getRepository(PointsEntry).countBy({ memberId: kocK.id, refType: 'koc_reward', kind: 'clawback' })).toBe(1);

    const board = (await t.http().get('/api/admin/koc/leaderboard').set('authorization', ops).expect(200)).body.items;
    expect(board.find((r: { kocMemberId: number }) => r.kocMemberId === kocK.id)).toMatchObject({
      creditedPoints: after.creditedPoints - after.clawedBackPoints,
      invitees: 1,
    });
  });

  it('criteria: the members a segment definition selects become KOCs of the programme (by the segment SQL), twice-run safe', async () => {
    const fan = await login('koc-criteria-fan');
    const tagId = (await t.http().post('/api/admin/tags').set('authorization', ops).send({ name: '种草达人' }).expect(201)).body.id;
    await t
      .http()
      .post(`/api/admin/tags/${tagId}/members`)
      .set('authorization', ops)
      .send({ memberIds: [fan.id] })
      .expect(200);
    await t.app.get(MemberFactService).refreshAll();
    const criteria = { kind: 'group', match: 'all', conditions: [{ kind: 'tag', op: 'hasAny', tagIds: [tagId] }] };
    const id = (
      await t
        .http()
        .post('/api/admin/koc/programmes')
        .set('authorization', ops)
        .send(programme({ name: '达人计划', criteria }))
        .expect(201)
    ).body.id;
    const runs = await Promise.all([
      t.http().post('/api/admin/koc/apply-criteria').set('authorization', ops).expect(200),
      t.http().post('/api/admin/koc/apply-criteria').set('authorization', ops).expect(200),
    ]);
    expect(runs.reduce((s, r) => s + r.body.added, 0)).toBe(1);
    const kocs = (await t.http().get('/api/admin/koc/members').set('authorization', ops).expect(200)).body.items;
    expect(kocs.filter((k: { programmeId: number }) => k.programmeId === id)).toEqual([expect.objectContaining({ memberId: fan.id, source: 'criteria' })]);
    expect((await t.http().get('/api/koc/centre').set('authorization', fan.auth).expect(200)).body).toMatchObject({ isKoc: true, scene: `r${fan.id}` });
    // Switched off by hand, the centre is empty again.
    await t.http().put(`/api/admin/koc/members/${fan.id}`).set('authorization', ops).send({ enabled: false }).expect(200);
    expect((await t.http().get('/api/koc/centre').set('authorization', fan.auth).expect(200)).body.isKoc).toBe(false);
  });

  it('authz: a member sees only their own KOC centre; poster only for a KOC; admin routes only for ops', async () => {
    const centreA = (await t.http().get('/api/koc/centre').set('authorization', kocA.auth).expect(200)).body;
    expect(centreA.isKoc).toBe(true);
    expect(centreA.scene).toBe(`r${kocA.id}`);
    const inviteeIds = centreA.invitees.map((i: { memberId: number }) => i.memberId);
    const ownInvitees = (await ds.getRepository(KocReferral).findBy({ kocMemberId: kocA.id })).map((r) => r.inviteeId);
    expect(inviteeIds.sort()).toEqual(ownInvitees.sort());
    expect(centreA.rewards.every((r: { kocMemberId: number }) => r.kocMemberId === kocA.id)).toBe(true);
    const poster = (await t.http().get('/api/koc/poster').set('authorization', kocA.auth).expect(200)).body;
    expect(poster.image).toMatch(/^data:image\/png;base64,/);
    const calls = (await t.http().get('/__wechat/sim/calls').expect(200)).body;
    expect(JSON.stringify(calls)).toContain(`r${kocA.id}`);

    const plain = await login('koc-plain-h');
    expect((await t.http().get('/api/koc/centre').set('authorization', plain.auth).expect(200)).body).toMatchObject({
      isKoc: false,
      invitees: [],
      rewards: [],
    });
    await t.http().get('/api/koc/poster').set('authorization', plain.auth).expect(403);
    for (const auth of [plain.auth, kocA.auth, staffAuth]) {
      await t.http().get('/api/admin/koc/leaderboard').set('authorization', auth).expect(403);
      await t
        .http()
        .post('/api/admin/koc/members')
        .set('authorization', auth)
        .send({ programmeId: pointsProgramme, memberIds: [plain.id] })
        .expect(403);
    }
    await t.http().get('/api/koc/centre').set('authorization', ops).expect(403);
    await t.http().get('/api/koc/centre').expect(401);
    expect((await t.http().get('/api/admin/koc/rewards').set('authorization', ops).expect(200)).body.items.length).toBeGreaterThan(0);
    expect((await t.http().get('/api/admin/koc/members').set('authorization', ops).expect(200)).body.items.length).toBeGreaterThanOrEqual(4);
  });
});
