import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource, LessThanOrEqual } from 'typeorm';
import { Sku } from '@mall/server/catalog/sku.entity';
import { GroupBuyJobs } from '@mall/server/group-buy/group-buy.jobs';
import { GroupBuyGroup, GroupBuyMember } from '@mall/server/group-buy/group-buy.entity';
import { AfterSale } from '@mall/server/order/order.entity';
import { PaymentReconciler } from '@mall/server/payment/payment-reconciler';
import { PointsLedgerService } from '@mall/server/points/points-ledger.service';
import { DemoSeeder } from '@mall/server/seed/demo-seeder';
import { expectLedgerAuditPasses } from '../helpers/ledger-audit';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { simPay, waitFor } from '../helpers/wechat-pay';

const HOUR = 3_600_000;

describe('group buys: deals, opening and joining by paying, completion, audience rules, failure refunds to every source once', () => {
  let t: TestApp;
  let ds: DataSource;
  let ops: string;
  let sku: Sku;
  /** The failure test's own SKU, so other tests' groups failing at the same time do not move its stock. */
  let failSku: Sku;
  let seq = 0;

  beforeAll(async () => {
    t = await startTestApp({ WECHAT_SIM_NOTIFY_TIME_SCALE: '0.001', PAYMENT_TTL_SECONDS: '120' });
    ds = t.app.get<DataSource>(getDataSourceToken());
    await t.app.get(DemoSeeder).seed();
    await t.createAccount({ username: 'ops-gb', password: 'ops-gb-pass', displayName: '运营', role: 'ops' });
    ops = `Bearer ${(await t.loginAccount('ops-gb', 'ops-gb-pass')).accessToken}`;
    [sku, failSku] = await ds.getRepository(Sku).find({ where: { enabled: true }, order: { priceFen: 'DESC' } });
    expect(failSku.priceFen - 1000).toBeGreaterThanOrEqual(10_000); // the 满 100 减 20 coupon applies
  });
  afterAll(() => t?.close());

  interface Buyer {
    auth: string;
    id: number;
    addressId: number;
  }

  const buyer = async (name: string, phone?: string): Promise<Buyer> => {
    const login = await t.loginMember(`${name}-${++seq}`);
    const auth = `Bearer ${login.accessToken}`;
    if (phone)
      await t
        .http()
        .post('/api/members/me/phone')
        .set('authorization', auth)
        .send({ code: `${phone}:gb${seq}` })
        .expect(201);
    const address = (
      await t
        .http()
        .post('/api/addresses')
        .set('authorization', auth)
        .send({ name: '王五', phone: '13900139000', region: '上海市 浦东新区', detail: '世纪大道 1 号', isDefault: true })
        .expect(201)
    ).body;
    return { auth, id: login.member.id, addressId: address.id };
  };

  const dealBody = (over: object = {}) => ({
    name: '三人拼团',
    skuId: sku.id,
    groupPriceFen: Math.floor(sku.priceFen / 2),
    leaderDiscountFen: 100,
    groupSize: 3,
    timeLimitMinutes: 60,
    audience: 'everyone',
    allowRejoin: false,
    startsAt: new Date(Date.now() - HOUR).toISOString(),
    endsAt: new Date(Date.now() + 48 * HOUR).toISOString(),
    ...over,
  });
  const createDeal = async (over: object = {}) =>
    (await t.http().post('/api/admin/group-buys/deals').set('authorization', ops).send(dealBody(over)).expect(201)).body;

  const open = (b: Buyer, dealId: number, extra: object = {}) =>
    t
      .http()
      .post(`/api/group-buys/deals/${dealId}/open`)
      .set('authorization', b.auth)
      .send({ fulfilment: 'delivery', addressId: b.addressId, ...extra });
  const join = (b: Buyer, groupId: number, extra: object = {}) =>
    t
      .http()
      .post(`/api/group-buys/groups/${groupId}/join`)
      .set('authorization', b.auth)
      .send({ fulfilment: 'delivery', addressId: b.addressId, ...extra });
  const order = async (b: Buyer, orderId: number) => (await t.http().get(`/api/orders/${orderId}`).set('authorization', b.auth).expect(200)).body;
  const payAndWait = async (b: Buyer, result: { orderId: number; outTradeNo: string | null }) => {
    if (result.outTradeNo) await simPay(t, result.outTradeNo);
    await waitFor(async () => (await order(b, result.orderId)).status === 'paid', `order ${result.orderId} paid`);
  };
  const group = async (b: Buyer, id: number) => (await t.http().get(`/api/group-buys/groups/${id}`).set('authorization', b.auth).expect(200)).body;
  const ship = (orderId: number, lineId: number) =>
    t
      .http()
      .post(`/api/admin/orders/${orderId}/shipments`)
      .set('authorization', ops)
      .send({ carrierCode: 'SF', trackingNo: `SF${Date.now()}${++seq}`.slice(0, 15), lines: [{ orderLineId: lineId, quantity: 1 }] });

  it('validates deals: price below normal, leader discount below the group price, size 2–10, end after start; edits are saved', async () => {
    const bad = async (over: object, field: string) => {
      const res = await t.http().post('/api/admin/group-buys/deals').set('authorization', ops).send(dealBody(over)).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(res.body.details)).toContain(field);
    };
    await bad({ groupPriceFen: sku.priceFen }, 'groupPriceFen');
    await bad({ leaderDiscountFen: Math.floor(sku.priceFen / 2) }, 'leaderDiscountFen');
    await bad({ groupSize: 11 }, 'groupSize');
    await bad({ groupSize: 1 }, 'groupSize');
    await bad({ endsAt: new Date(Date.now() - 2 * HOUR).toISOString() }, 'endsAt');
    await bad({ groupPriceFen: 12.5 }, 'groupPriceFen');
    const before = (await t.http().get('/api/admin/group-buys/deals').set('authorization', ops).expect(200)).body.items.length;
    expect(before).toBe(0);
    const deal = await createDeal({ name: '编辑前' });
    const edited = (
      await t
        .http()
        .put(`/api/admin/group-buys/deals/${deal.id}`)
        .set('authorization', ops)
        .send(dealBody({ name: '编辑后', groupSize: 4 }))
        .expect(200)
    ).body;
    expect(edited).toMatchObject({ name: '编辑后', groupSize: 4, leaderPriceFen: Math.floor(sku.priceFen / 2) - 100 });
    await t
      .http()
      .put(`/api/admin/group-buys/deals/${deal.id}`)
      .set('authorization', ops)
      .send(dealBody({ enabled: false }))
      .expect(200);
    const member = await buyer('nobody');
    await t.http().post('/api/admin/group-buys/deals').set('authorization', member.auth).send(dealBody()).expect(403);
    expect((await open(member, deal.id)).status).toBe(422);
  });

  it('a group opens when the leader pays, members join by paying, the Nth payment completes it; orders ship only then', async () => {
    const deal = await createDeal();
    const [leader, second, third, late] = [await buyer('leader'), await buyer('second'), await buyer('third'), await buyer('late')];
    const opened = (await open(leader, deal.id).expect(201)).body;
    // An unpaid group is nobody's to join or see.
    await t.http().get(`/api/group-buys/groups/${opened.groupId}`).set('authorization', second.auth).expect(404);
    expect((await join(second, opened.groupId).expect(404)).body.code).toBe('NOT_FOUND');
    expect((await order(leader, opened.orderId)).lines[0].unitPriceFen).toBe(Math.floor(sku.priceFen / 2) - 100);
    await payAndWait(leader, opened);
    const g1 = await group(second, opened.groupId);
    expect(g1).toMatchObject({ status: 'open', paidCount: 1, groupSize: 3, members: [{ role: 'leader' }], mine: null });
    expect(Date.parse(g1.expiresAt) - Date.now()).toBeGreaterThan(59 * 60_000);

    const j2 = (await join(second, opened.groupId).expect(201)).body;
    // Not twice in the same group while the deal forbids it.
    expect((await join(second, opened.groupId).expect(409)).body.code).toBe('GROUP_BUY_ALREADY_IN');
    await payAndWait(second, j2);
    // Paid but the group is not complete: not shippable, no after-sale yet.
    const leaderOrder = await order(leader, opened.orderId);
    expect((await ship(opened.orderId, leaderOrder.lines[0].id).expect(409)).body.code).toBe('GROUP_BUY_NOT_COMPLETED');
    const sale = await t
      .http()
      .post(`/api/orders/${opened.orderId}/after-sales`)
      .set('authorization', leader.auth)
      .send({ lines: [{ lineId: leaderOrder.lines[0].id, quantity: 1 }], reason: '不想要了' });
    expect([sale.status, sale.body.code]).toEqual([409, 'GROUP_BUY_NOT_COMPLETED']);

    const j3 = (await join(third, opened.groupId).expect(201)).body;
    // The last slot is held by the third member's unpaid order: nobody else gets it.
    expect((await join(late, opened.groupId).expect(409)).body.code).toBe('GROUP_BUY_FULL');
    await payAndWait(third, j3);
    const done = await group(third, opened.groupId);
    expect(done).toMatchObject({ status: 'completed', paidCount: 3, heldCount: 3, mine: { memberStatus: 'paid', role: 'member' } });
    expect(done.members.map((m: { role: string }) => m.role)).toEqual(['leader', 'member', 'member']);
    expect((await join(late, opened.groupId).expect(409)).body.code).toBe('GROUP_BUY_FULL');
    await ship(opened.orderId, leaderOrder.lines[0].id).expect(201);

    const mine = (await t.http().get('/api/group-buys/mine').set('authorization', leader.auth).expect(200)).body.items;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ role: 'leader', memberStatus: 'paid', group: { status: 'completed' } });
    const list = (await t.http().get('/api/group-buys/deals').set('authorization', late.auth).expect(200)).body.items;
    expect(list.find((d: { id: number }) => d.id === deal.id)).toMatchObject({ groupSize: 3, openGroups: [] });
    const stats = (await t.http().get('/api/admin/group-buys/stats').set('authorization', ops).expect(200)).body.items;
    expect(stats.find((s: { dealId: number }) => s.dealId === deal.id)).toMatchObject({
      groupsCompleted: 1,
      groupsOpen: 0,
      paidMembers: 3,
      successBps: 10_000,
    });
  });

  it('an unpaid slot is given back when its order is cancelled; a member may rejoin when the deal allows it', async () => {
    const deal = await createDeal({ allowRejoin: true, groupSize: 4 });
    const [leader, other] = [await buyer('rj-leader'), await buyer('rj-other')];
    const opened = (await open(leader, deal.id).expect(201)).body;
    await payAndWait(leader, opened);
    const a = (await join(other, opened.groupId).expect(201)).body;
    expect((await group(other, opened.groupId)).heldCount).toBe(2);
    await t.http().post(`/api/orders/${a.orderId}/cancel`).set('authorization', other.auth).expect(200);
    await waitFor(async () => (await group(other, opened.groupId)).heldCount === 1, 'slot released');
    const b = (await join(other, opened.groupId).expect(201)).body;
    await payAndWait(other, b);
    const c = (await join(other, opened.groupId).expect(201)).body; // allowRejoin: a second slot of the same member
    await payAndWait(other, c);
    expect((await group(leader, opened.groupId)).paidCount).toBe(3);
  });

  it('拉新团: a bound phone and no earlier paid order, one per phone number however many accounts', async () => {
    const deal = await createDeal({ audience: 'new_member', groupSize: 2, name: '拉新团' });
    const noPhone = await buyer('np');
    const r1 = (await open(noPhone, deal.id).expect(422)).body;
    expect([r1.code, r1.details.reason]).toEqual(['GROUP_BUY_NOT_ELIGIBLE', 'NEEDS_PHONE']);

    const veteran = await buyer('vet', '13700000001');
    const normal = await createDeal({ name: '普通团', groupSize: 2 });
    const bought = (await open(veteran, normal.id).expect(201)).body;
    await payAndWait(veteran, bought);
    const r2 = (await open(veteran, deal.id).expect(422)).body;
    expect(r2.details.reason).toBe('NOT_NEW_MEMBER');

    const first = await buyer('phone-a', '13700000002');
    const twin = await buyer('phone-b', '13700000002');
    const opened = (await open(first, deal.id).expect(201)).body;
    // The same person with a second account: refused while the first slot is held …
    expect((await open(twin, deal.id).expect(422)).body.code).toBe('GROUP_BUY_PHONE_USED');
    await payAndWait(first, opened);
    expect((await join(twin, opened.groupId).expect(422)).body.code).toBe('GROUP_BUY_PHONE_USED');
    const fresh = await buyer('fresh', '13700000003');
    const j = (await join(fresh, opened.groupId).expect(201)).body;
    await payAndWait(fresh, j);
    expect((await group(fresh, opened.groupId)).status).toBe('completed');
    // … and after it was paid (that account now has a paid order, and the phone is taken).
    expect((await open(twin, deal.id).expect(422)).body.code).toBe('GROUP_BUY_PHONE_USED');
  });

  it('at the time limit a group fails; every paid member gets back cash, balance, points and coupon exactly once, with two job runs at once', async () => {
    const deal = await createDeal({ groupSize: 4, name: '失败团', skuId: failSku.id, groupPriceFen: failSku.priceFen - 1000 });
    const [leader, second, holder, latePayer] = [await buyer('f-leader'), await buyer('f-second'), await buyer('f-holder'), await buyer('f-late')];
    // The leader pays with every source: balance, points, a coupon and cash.
    const recharge = (await t.http().post('/api/wallet/recharges').set('authorization', leader.auth).send({ planId: 3 }).expect(201)).body;
    await simPay(t, recharge.outTradeNo);
    await waitFor(async () => (await t.http().get('/api/wallet').set('authorization', leader.auth)).body.total > 0, 'recharge credited');
    await ds.transaction((m) =>
      t.app
        .get(PointsLedgerService)
        .earn(m, { memberId: leader.id, points: 3000, source: 'adjust', refType: 'test', refId: 'gb', idempotencyKey: `gb-pts:${leader.id}` }),
    );
    const centre = (await t.http().get('/api/coupons/centre').set('authorization', leader.auth).expect(200)).body.items;
    const template = centre.find((c: { name: string }) => c.name.includes('满 100 减 20'));
    const coupon = (await t.http().post('/api/coupons/claim').set('authorization', leader.auth).send({ templateId: template.templateId }).expect(201)).body;
    const walletBefore = (await t.http().get('/api/wallet').set('authorization', leader.auth)).body;
    const pointsBefore = (await t.http().get('/api/points').set('authorization', leader.auth)).body;
    const opened = (await open(leader, deal.id, { couponIds: [coupon.id], pointsToUse: 500, balanceToUse: 1000 }).expect(201)).body;
    await payAndWait(leader, opened);
    const paidOrder = await order(leader, opened.orderId);
    expect(paidOrder.amounts).toMatchObject({ balanceFen: 1000, pointsUsed: 500, couponDiscountFen: 2000 });
    expect(paidOrder.amounts.cashFen).toBeGreaterThan(0);

    const s = (await join(second, opened.groupId).expect(201)).body;
    await payAndWait(second, s);
    const held = (await join(holder, opened.groupId).expect(201)).body; // never paid
    const lateOrder = (await join(latePayer, opened.groupId).expect(201)).body; // pays after the group failed
    const stockBefore = (await ds.getRepository(Sku).findOneByOrFail({ id: failSku.id })).stock;

    const jobs = t.app.get(GroupBuyJobs);
    const later = new Date(Date.now() + 2 * HOUR);
    // Groups of the earlier tests still open are due at `later` too: each due group is failed by exactly one run.
    const due = await ds.getRepository(GroupBuyGroup).countBy({ status: 'open', expiresAt: LessThanOrEqual(later) });
    expect(due).toBeGreaterThanOrEqual(1);
    const runs = await Promise.all([jobs.runOnce(later), jobs.runOnce(later)]);
    expect(runs.reduce((n, r) => n + r.failed, 0)).toBe(due);
    expect((await group(leader, opened.groupId)).status).toBe('failed');
    // The held slots' orders were closed; a payment that lands afterwards is refunded in full by the payment core.
    await waitFor(async () => (await order(holder, held.orderId)).status === 'cancelled', 'held order closed');
    await waitFor(async () => (await order(latePayer, lateOrder.orderId)).status === 'cancelled', 'late order closed');
    await simPay(t, lateOrder.outTradeNo, { force: true });
    await waitFor(async () => {
      const rows: { refunded_fen: number | string; amount_fen: number | string }[] = await ds.query(
        'SELECT refunded_fen, amount_fen FROM payment WHERE out_trade_no = ?',
        [lateOrder.outTradeNo],
      );
      return Number(rows[0].refunded_fen) === Number(rows[0].amount_fen);
    }, 'late payment refunded in full');

    await waitFor(async () => {
      await Promise.all([jobs.runOnce(later), jobs.runOnce(later)]);
      const slots = await ds.getRepository(GroupBuyMember).findBy({ groupId: opened.groupId, status: 'refunded' });
      return slots.length === 2;
    }, 'both paid members refunded');
    await Promise.all([jobs.runOnce(later), jobs.runOnce(later)]);

    // Exactly one refund per paid order, each source back once.
    const sales = await ds.getRepository(AfterSale).findBy({});
    expect(sales.filter((a) => a.orderId === opened.orderId)).toHaveLength(1);
    expect(sales.filter((a) => a.orderId === s.orderId)).toHaveLength(1);
    expect((await order(leader, opened.orderId)).status).toBe('refunded');
    expect((await order(second, s.orderId)).status).toBe('refunded');
    const walletAfter = (await t.http().get('/api/wallet').set('authorization', leader.auth)).body;
    expect(walletAfter.total).toBe(walletBefore.total);
    const pointsAfter = (await t.http().get('/api/points').set('authorization', leader.auth)).body;
    expect(pointsAfter.balance).toBe(pointsBefore.balance);
    const coupons = (await t.http().get('/api/coupons/mine').set('authorization', leader.auth).expect(200)).body.items;
    expect(coupons.find((c: { id: number }) => c.id === coupon.id).status).toBe('available');
    const pay: { refunded_fen: number | string; amount_fen: number | string }[] = await ds.query(
      'SELECT refunded_fen, amount_fen FROM payment WHERE out_trade_no = ?',
      [opened.outTradeNo],
    );
    expect(Number(pay[0].refunded_fen)).toBe(Number(pay[0].amount_fen));
    // Two held units back from the closed orders, two from the refunded paid orders.
    expect((await ds.getRepository(Sku).findOneByOrFail({ id: failSku.id })).stock).toBe(stockBefore + 4);

    const mine = (await t.http().get('/api/group-buys/mine').set('authorization', leader.auth).expect(200)).body.items;
    expect(mine[0]).toMatchObject({ memberStatus: 'refunded', memberStatusLabel: '已退款', group: { status: 'failed' } });
    expect(mine[0].refundedAt).not.toBeNull();
    const stats = (await t.http().get('/api/admin/group-buys/stats').set('authorization', ops).expect(200)).body.items;
    expect(stats.find((x: { dealId: number }) => x.dealId === deal.id)).toMatchObject({ groupsFailed: 1, refundedMembers: 2, successBps: 0 });
    expect((await ds.getRepository(GroupBuyGroup).findOneByOrFail({ id: opened.groupId })).paidCount).toBe(2);

    await t.app.get(PaymentReconciler).runOnce(new Date(Date.now() + 2 * 60_000));
    await expectLedgerAuditPasses(t);
  });
});
