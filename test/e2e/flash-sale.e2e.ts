import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Sku } from '@mall/server/catalog/sku.entity';
import { FlashSaleEvent, FlashSalePurchase, FlashSaleReminder, FlashSaleReservation } from '@mall/server/flash-sale/flash-sale.entity';
import { FlashSaleService } from '@mall/server/flash-sale/flash-sale.service';
import { MembershipPlan } from '@mall/server/membership/membership.entity';
import { NotificationSend } from '@mall/server/notification/notification.entity';
import { ShopOrder, OrderLine } from '@mall/server/order/order.entity';
import { DemoSeeder } from '@mall/server/seed/demo-seeder';
import { GrowthService } from '@mall/server/tier/growth.service';
import { WalletLedgerService } from '@mall/server/wallet/wallet-ledger.service';
import { simulatedOpenid } from '@mall/server/wechat/simulator/simulator-state';
import { simSubscribeCalls } from '../helpers/notifications';
import { CommunityInvitation } from '@mall/server/community/community.entity';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { simPay, waitFor } from '../helpers/wechat-pay';

const MINUTE = 60_000;

describe('flash sales: rules, audience, early access, reminders exactly once, expiry back to deal stock', () => {
  let t: TestApp;
  let ds: DataSource;
  let service: FlashSaleService;
  let ops: string;
  let sku: Sku;
  let seq = 0;

  beforeAll(async () => {
    t = await startTestApp({ WECHAT_SIM_NOTIFY_TIME_SCALE: '0.001' });
    ds = t.app.get<DataSource>(getDataSourceToken());
    service = t.app.get(FlashSaleService);
    await t.app.get(DemoSeeder).seed();
    await t.createAccount({ username: 'ops-fs', password: 'ops-fs-pass', displayName: '运营', role: 'ops' });
    ops = `Bearer ${(await t.loginAccount('ops-fs', 'ops-fs-pass')).accessToken}`;
    sku = (await ds.getRepository(Sku).find({ where: { enabled: true }, order: { id: 'ASC' } })).find((s) => s.stock >= 100 && s.priceFen > 1000)!;
  });
  afterAll(() => t?.close());

  async function member(name: string, balanceFen = 0) {
    const user = `fs-${name}`;
    const login = await t.loginMember(user);
    if (balanceFen)
      await ds.transaction((m) =>
        t.app.get(WalletLedgerService).move(m, {
          memberId: login.member.id,
          deltaPrincipalFen: balanceFen,
          deltaBonusFen: 0,
          kind: 'adjust',
          refType: 'test',
          refId: 'seed',
          idempotencyKey: `fs-seed:${login.member.id}`,
        }),
      );
    return { id: login.member.id as number, user, auth: `Bearer ${login.accessToken}`, openid: simulatedOpenid(t.config.wechat.appId, user) };
  }

  const eventBody = (overrides: Record<string, unknown> = {}) => ({
    name: `秒杀 ${++seq}`,
    skuId: sku.id,
    dealPriceFen: Math.floor(sku.priceFen / 2),
    stockTotal: 5,
    perMemberLimit: 1,
    startAt: new Date(Date.now() - MINUTE).toISOString(),
    endAt: new Date(Date.now() + 60 * MINUTE).toISOString(),
    holdMinutes: 15,
    audience: { kind: 'everyone' },
    enabled: true,
    ...overrides,
  });
  const createEvent = async (overrides: Record<string, unknown> = {}) =>
    (await t.http().post('/api/admin/flash-sales').set('authorization', ops).send(eventBody(overrides)).expect(201)).body as { id: number };
  const buy = (auth: string, id: number, quantity = 1) =>
    t.http().post(`/api/flash-sales/${id}/orders`).set('authorization', auth).send({ quantity, fulfilment: 'pickup', storeId: 1 });
  const eventRow = (id: number) => ds.getRepository(FlashSaleEvent).findOneByOrFail({ id });

  it('admin validation: end after start, stock ≥ 1, price below normal; only ops/admin; stock never below what is taken', async () => {
    const m = await member('nosy');
    await t.http().get('/api/admin/flash-sales').set('authorization', m.auth).expect(403);
    await t.http().post('/api/admin/flash-sales').set('authorization', m.auth).send(eventBody()).expect(403);
    const refused = async (overrides: Record<string, unknown>, field: string) => {
      const res = await t.http().post('/api/admin/flash-sales').set('authorization', ops).send(eventBody(overrides)).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      if (res.body.details?.problems) expect(res.body.details.problems.map((p: { field: string }) => p.field)).toContain(field);
    };
    await refused({ endAt: new Date(Date.now() - 2 * MINUTE).toISOString() }, 'endAt');
    await refused({ stockTotal: 0 }, 'stockTotal');
    await refused({ dealPriceFen: sku.priceFen }, 'dealPriceFen');
    await refused({ dealPriceFen: sku.priceFen + 1 }, 'dealPriceFen');
    await refused({ audience: { kind: 'tier_at_least' } }, 'audience');
    expect(await ds.getRepository(FlashSaleEvent).count()).toBe(0);

    const created = (
      await t
        .http()
        .post('/api/admin/flash-sales')
        .set('authorization', ops)
        .send(eventBody({ stockTotal: 3 }))
        .expect(201)
    ).body;
    expect(created).toMatchObject({ stockTotal: 3, stockLeft: 3, reservedCount: 0, soldCount: 0, normalPriceFen: sku.priceFen });
    const buyer = await member('admin-buyer');
    await buy(buyer.auth, created.id).expect(201);
    const tooSmall = await t
      .http()
      .put(`/api/admin/flash-sales/${created.id}`)
      .set('authorization', ops)
      .send(eventBody({ name: created.name, stockTotal: 0 }))
      .expect(400);
    expect(tooSmall.body.code).toBe('VALIDATION_FAILED');
    // Ops may lower the stock to what is taken, not below.
    const grown = (
      await t
        .http()
        .put(`/api/admin/flash-sales/${created.id}`)
        .set('authorization', ops)
        .send(eventBody({ stockTotal: 1 }))
        .expect(200)
    ).body;
    expect(grown).toMatchObject({ stockTotal: 1, stockLeft: 0, reservedCount: 1 });
    const stats = (await t.http().get(`/api/admin/flash-sales/${created.id}`).set('authorization', ops).expect(200)).body;
    expect(stats).toMatchObject({ stockLeft: 0, reservedCount: 1, soldCount: 0 });
  });

  it('buying: deal price on the order, one unpaid order per member, paid → sold, limit counts pending and paid, sold out answered', async () => {
    const event = await createEvent({ stockTotal: 3, perMemberLimit: 2 });
    const a = await member('buyer-a');
    const first = (await buy(a.auth, event.id).expect(201)).body;
    expect(first.cashFen).toBe(Math.floor(sku.priceFen / 2));
    const order = await ds.getRepository(ShopOrder).findOneByOrFail({ id: first.orderId });
    expect(order).toMatchObject({ dealKind: 'flash_sale', dealRef: String(event.id), status: 'pending_payment' });
    expect((await ds.getRepository(OrderLine).findOneByOrFail({ orderId: order.id })).unitPriceFen).toBe(Math.floor(sku.priceFen / 2));
    expect(await eventRow(event.id)).toMatchObject({ stockLeft: 2, reservedCount: 1, soldCount: 0 });

    // A second order while the first is unpaid: one in-flight order per member and event.
    expect((await buy(a.auth, event.id).expect(409)).body.code).toBe('FLASH_SALE_IN_FLIGHT');
    expect(await eventRow(event.id)).toMatchObject({ stockLeft: 2, reservedCount: 1 });

    await simPay(t, first.outTradeNo);
    await waitFor(async () => (await ds.getRepository(ShopOrder).findOneByOrFail({ id: first.orderId })).status === 'paid', 'order paid');
    expect(await eventRow(event.id)).toMatchObject({ stockLeft: 2, reservedCount: 0, soldCount: 1 });
    expect((await ds.getRepository(FlashSaleReservation).findOneByOrFail({ orderId: first.orderId })).status).toBe('sold');

    // Over the limit (1 paid + 2 asked > 2).
    expect((await buy(a.auth, event.id, 2).expect(422)).body.code).toBe('FLASH_SALE_LIMIT_REACHED');
    for (const name of ['buyer-b', 'buyer-b2']) await buy((await member(name)).auth, event.id).expect(201);
    const c = await member('buyer-c');
    const ordersBefore = await ds.getRepository(ShopOrder).count();
    const soldOut = await buy(c.auth, event.id).expect(409);
    expect(soldOut.body.code).toBe('FLASH_SALE_SOLD_OUT');
    expect(await ds.getRepository(ShopOrder).count()).toBe(ordersBefore);
    expect(await eventRow(event.id)).toMatchObject({ stockLeft: 0, reservedCount: 2, soldCount: 1 });
    const view = (await t.http().get(`/api/flash-sales/${event.id}`).set('authorization', c.auth).expect(200)).body;
    expect(view).toMatchObject({ phase: 'sold_out', soldPercent: 100, stockLeft: 0 });
    expect(await service.check()).toEqual([]);
  });

  it('early access: 60 SVIP minutes buys 59 minutes before the public start; without it 422 until the start', async () => {
    const event = await createEvent({ startAt: new Date(Date.now() + 59 * MINUTE).toISOString(), endAt: new Date(Date.now() + 120 * MINUTE).toISOString() });
    const svip = await member('svip', 100_000);
    const monthly = (await ds.getRepository(MembershipPlan).find({ order: { sortOrder: 'ASC' } }))[0];
    await t.http().post('/api/membership/purchases').set('authorization', svip.auth).send({ planId: monthly.id, payWith: 'balance' }).expect(201);
    const plain = await member('plain');

    const svipView = (await t.http().get(`/api/flash-sales/${event.id}`).set('authorization', svip.auth).expect(200)).body;
    expect(svipView).toMatchObject({ earlyAccessMinutes: 60, phase: 'early_access' });
    const plainView = (await t.http().get(`/api/flash-sales/${event.id}`).set('authorization', plain.auth).expect(200)).body;
    expect(plainView).toMatchObject({ earlyAccessMinutes: 0, phase: 'upcoming' });

    const early = await buy(svip.auth, event.id).expect(201);
    expect(early.body.orderId).toBeGreaterThan(0);
    const refused = await buy(plain.auth, event.id).expect(422);
    expect(refused.body.code).toBe('FLASH_SALE_NOT_STARTED');
    expect(new Date(refused.body.details.startAt).getTime()).toBe(new Date(svipView.startAt).getTime());

    // The public start arrives (ops move it to now): the member without early access may buy.
    await t
      .http()
      .put(`/api/admin/flash-sales/${event.id}`)
      .set('authorization', ops)
      .send(eventBody({ startAt: new Date(Date.now() - 1000).toISOString(), endAt: new Date(Date.now() + 60 * MINUTE).toISOString() }))
      .expect(200);
    await buy(plain.auth, event.id).expect(201);
  });

  it('audience: SVIP only, new members only, tier at least X — others get 403 and nothing is held', async () => {
    const svipOnly = await createEvent({ audience: { kind: 'svip' } });
    const newOnly = await createEvent({ audience: { kind: 'new_members' } });
    const tier3 = await createEvent({ audience: { kind: 'tier_at_least', level: 3 } });
    const plain = await member('aud-plain');
    expect((await buy(plain.auth, svipOnly.id).expect(403)).body.code).toBe('FLASH_SALE_NOT_ELIGIBLE');
    expect((await buy(plain.auth, tier3.id).expect(403)).body.code).toBe('FLASH_SALE_NOT_ELIGIBLE');
    expect((await t.http().get(`/api/flash-sales/${tier3.id}`).set('authorization', plain.auth).expect(200)).body.eligible).toBe(false);
    expect(await eventRow(svipOnly.id)).toMatchObject({ stockLeft: 5, reservedCount: 0 });

    // A new member may buy the new-member deal once; after a paid order they are no longer new.
    const first = (await buy(plain.auth, newOnly.id).expect(201)).body;
    await simPay(t, first.outTradeNo);
    await waitFor(async () => (await ds.getRepository(ShopOrder).findOneByOrFail({ id: first.orderId })).status === 'paid', 'order paid');
    const again = await createEvent({ audience: { kind: 'new_members' } });
    expect((await buy(plain.auth, again.id).expect(403)).body.code).toBe('FLASH_SALE_NOT_ELIGIBLE');

    await ds.transaction((m) => t.app.get(GrowthService).grantLevel(m, plain.id, 3));
    await buy(plain.auth, tier3.id).expect(201);
  });

  it('a group-only deal (社群专享): hidden from and refused to members outside the group, even by direct id; joined members buy', async () => {
    const group = (
      await t.http().post('/api/admin/community/groups').set('authorization', ops).send({ type: 'event', name: '秒杀VIP群', capacity: 100 }).expect(201)
    ).body as { id: number };
    await t
      .http()
      .post('/api/admin/flash-sales')
      .set('authorization', ops)
      .send(eventBody({ audience: { kind: 'community_group', groupId: 999_999 } }))
      .expect(404);
    const groupOnly = await createEvent({ audience: { kind: 'community_group', groupId: group.id } });
    const admin = (await t.http().get('/api/admin/flash-sales').set('authorization', ops).expect(200)).body.items.find(
      (e: { id: number }) => e.id === groupOnly.id,
    );
    expect(admin.audience).toEqual({ kind: 'community_group', groupId: group.id });
    const outsider = await member('grp-out');
    const invitedOnly = await member('grp-invited');
    const joined = await member('grp-in');
    const now = new Date();
    await ds.getRepository(CommunityInvitation).insert([
      { groupId: group.id, memberId: invitedOnly.id, reason: 'benefit', eligibleAt: now, invitedAt: now },
      { groupId: group.id, memberId: joined.id, reason: 'benefit', eligibleAt: now, invitedAt: now, codeShownAt: now, joinedAt: now, joinedVia: 'member' },
    ]);
    for (const m of [outsider, invitedOnly]) {
      const list = (await t.http().get('/api/flash-sales').set('authorization', m.auth).expect(200)).body.items;
      expect(list.map((e: { id: number }) => e.id)).not.toContain(groupOnly.id);
      expect((await t.http().get(`/api/flash-sales/${groupOnly.id}`).set('authorization', m.auth).expect(403)).body.code).toBe('FLASH_SALE_NOT_ELIGIBLE');
      expect((await buy(m.auth, groupOnly.id).expect(403)).body.code).toBe('FLASH_SALE_NOT_ELIGIBLE');
    }
    expect(await eventRow(groupOnly.id)).toMatchObject({ stockLeft: 5, reservedCount: 0 });
    const view = (await t.http().get(`/api/flash-sales/${groupOnly.id}`).set('authorization', joined.auth).expect(200)).body;
    expect(view).toMatchObject({ eligible: true, audienceLabel: '社群专享：秒杀VIP群' });
    expect((await t.http().get('/api/flash-sales').set('authorization', joined.auth).expect(200)).body.items.map((e: { id: number }) => e.id)).toContain(
      groupOnly.id,
    );
    await buy(joined.auth, groupOnly.id).expect(201);
  });

  it('提醒我: consent recorded, one reminder at each member’s own start (early access included), sent exactly once by racing jobs', async () => {
    const start = new Date(Date.now() + 90 * MINUTE);
    const event = await createEvent({ startAt: start.toISOString(), endAt: new Date(start.getTime() + 60 * MINUTE).toISOString() });
    const scenes = (await t.http().get('/api/admin/notifications/scenes').set('authorization', ops).expect(200)).body.items;
    const templateId = scenes.find((s: { scene: string }) => s.scene === 'deal_reminder').templateId as string;
    expect(templateId).toBeTruthy();

    const svip = await member('rem-svip', 100_000);
    const monthly = (await ds.getRepository(MembershipPlan).find({ order: { sortOrder: 'ASC' } }))[0];
    await t.http().post('/api/membership/purchases').set('authorization', svip.auth).send({ planId: monthly.id, payWith: 'balance' }).expect(201);
    const plain = await member('rem-plain');
    for (const m of [svip, plain]) {
      const answer = await t
        .http()
        .post('/__wechat/sim/subscribe')
        .send({ user: m.user, results: { [templateId]: 'accept' } })
        .expect(200);
      const res = await t
        .http()
        .post(`/api/flash-sales/${event.id}/reminder`)
        .set('authorization', m.auth)
        .send({ subscribeResults: { [templateId]: answer.body[templateId] } })
        .expect(200);
      expect(res.body.reminded).toBe(true);
      // Tapping again changes nothing.
      await t.http().post(`/api/flash-sales/${event.id}/reminder`).set('authorization', m.auth).send({}).expect(200);
    }
    await t
      .http()
      .post(`/api/flash-sales/${event.id}/reminder`)
      .set('authorization', plain.auth)
      .send({ subscribeResults: { 'bad id!': 'accept' } })
      .expect(400);
    const reminders = await ds.getRepository(FlashSaleReminder).find({ where: { eventId: event.id }, order: { memberId: 'ASC' } });
    expect(reminders).toHaveLength(2);
    const notifyAt = (memberId: number) => reminders.find((r) => r.memberId === memberId)!.notifyAt.getTime();
    expect(notifyAt(svip.id)).toBe(start.getTime() - 60 * MINUTE);
    expect(notifyAt(plain.id)).toBe(start.getTime());
    expect((await t.http().get(`/api/flash-sales/${event.id}`).set('authorization', plain.auth).expect(200)).body.reminded).toBe(true);

    // Before anyone's start: nothing. At the SVIP member's start: only them, however many jobs race.
    expect((await service.sendDueReminders(new Date(start.getTime() - 61 * MINUTE))).sent).toBe(0);
    const atEarly = new Date(start.getTime() - 60 * MINUTE);
    await Promise.all([service.sendDueReminders(atEarly), service.sendDueReminders(atEarly), service.sendDueReminders(atEarly)]);
    const sendsOf = (memberId: number) => ds.getRepository(NotificationSend).findBy({ memberId, scene: 'deal_reminder' });
    expect(await sendsOf(svip.id)).toHaveLength(1);
    expect(await sendsOf(plain.id)).toHaveLength(0);
    await Promise.all([service.sendDueReminders(start), service.sendDueReminders(start)]);
    await service.sendDueReminders(new Date(start.getTime() + MINUTE));
    for (const m of [svip, plain]) {
      const sends = await sendsOf(m.id);
      expect(sends).toHaveLength(1);
      expect(sends[0].status).toBe('sent');
      expect(sends[0].page).toBe(`subpackages/deals/pages/flash-sale/index?id=${event.id}`);
      expect(await simSubscribeCalls(t, m.openid)).toHaveLength(1);
    }
  });

  it('expiry: an unpaid reservation past its hold time goes back to deal stock once, even with racing jobs; the member may buy again', async () => {
    const event = await createEvent({ stockTotal: 1, holdMinutes: 5 });
    const m = await member('expiring');
    const first = (await buy(m.auth, event.id).expect(201)).body;
    const other = await member('waiting');
    expect((await buy(other.auth, event.id).expect(409)).body.code).toBe('FLASH_SALE_SOLD_OUT');
    const reservation = await ds.getRepository(FlashSaleReservation).findOneByOrFail({ orderId: first.orderId });
    expect(reservation.expiresAt.getTime()).toBeGreaterThan(Date.now() + 4 * MINUTE);

    // Not yet due: nothing happens.
    expect((await service.expireDue(new Date())).expired).toBe(0);
    const due = new Date(reservation.expiresAt.getTime() + 1000);
    await Promise.all([service.expireDue(due), service.expireDue(due)]);
    expect((await ds.getRepository(FlashSaleReservation).findOneByOrFail({ id: reservation.id })).status).toBe('released');
    expect((await ds.getRepository(ShopOrder).findOneByOrFail({ id: first.orderId })).status).toBe('cancelled');
    expect(await eventRow(event.id)).toMatchObject({ stockLeft: 1, reservedCount: 0, soldCount: 0 });
    expect((await ds.getRepository(FlashSalePurchase).findOneByOrFail({ eventId: event.id, memberId: m.id })).taken).toBe(0);

    // The unit is back in the gate too: the next buyer gets it, the expired member can try again later.
    const second = (await buy(other.auth, event.id).expect(201)).body;
    // The member cancelling their own unpaid order releases it through the same handler.
    await t.http().post(`/api/orders/${second.orderId}/cancel`).set('authorization', other.auth).expect(200);
    expect(await eventRow(event.id)).toMatchObject({ stockLeft: 1, reservedCount: 0 });
    await buy(m.auth, event.id).expect(201);
    expect(await service.check()).toEqual([]);
  });

  it('the database is the backstop: a gate that over-admits (lost state, stale resync) still cannot oversell', async () => {
    const event = await createEvent({ stockTotal: 1 });
    await buy((await member('backstop-a')).auth, event.id).expect(201);
    // The gate is told there are 10 units (as a stale resync would): it admits, the conditional decrement refuses.
    await service.gate.resync({ eventId: event.id, stockLeft: 10, taken: new Map() });
    const late = await member('backstop-b');
    expect((await buy(late.auth, event.id).expect(409)).body.code).toBe('FLASH_SALE_SOLD_OUT');
    expect(await eventRow(event.id)).toMatchObject({ stockLeft: 0, reservedCount: 1 });
    expect(await ds.getRepository(FlashSaleReservation).countBy({ eventId: event.id })).toBe(1);
    // The refused unit went back to the gate.
    expect((await service.gate.peek(event.id))!.stockLeft).toBe(10);
  });

  it('per-member rate limit: a member hammering the buy button gets 429 after the budget, others are unaffected', async () => {
    const event = await createEvent({ startAt: new Date(Date.now() + 30 * MINUTE).toISOString() });
    const m = await member('hammer');
    const results = await Promise.all(Array.from({ length: 25 }, () => buy(m.auth, event.id)));
    const limited = results.filter((r) => r.status === 429);
    expect(limited).toHaveLength(25 - t.config.flashSale.buysPerMinute);
    for (const r of limited) expect(r.body.code).toBe('RATE_LIMITED');
    for (const r of results.filter((x) => x.status !== 429)) expect(r.body.code).toBe('FLASH_SALE_NOT_STARTED');
    expect((await buy((await member('calm')).auth, event.id).expect(422)).body.code).toBe('FLASH_SALE_NOT_STARTED');
  });

  it('the member list shows running and upcoming events with their phase; someone else’s order cannot be reached', async () => {
    const m = await member('lister');
    const list = (await t.http().get('/api/flash-sales').set('authorization', m.auth).expect(200)).body.items;
    expect(list.length).toBeGreaterThan(0);
    for (const item of list) expect(['upcoming', 'early_access', 'live', 'sold_out']).toContain(item.phase);
    await t.http().get('/api/flash-sales/999999').set('authorization', m.auth).expect(404);
    await t.http().get('/api/flash-sales').expect(401);
  });
});
