import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Account } from '@mall/server/account/account.entity';
import { AuditLog } from '@mall/server/audit/audit-log.entity';
import { Sku } from '@mall/server/catalog/sku.entity';
import { CouponService } from '@mall/server/coupon/coupon.service';
import { Coupon } from '@mall/server/coupon/coupon.entity';
import { CouponTemplate } from '@mall/server/coupon/coupon-template.entity';
import { MemberQrService } from '@mall/server/member/member-qr.service';
import { MembershipPlan } from '@mall/server/membership/membership.entity';
import { PointsLedgerService } from '@mall/server/points/points-ledger.service';
import { PointsMallItem } from '@mall/server/points/points-mall.entity';
import { DemoSeeder } from '@mall/server/seed/demo-seeder';
import { Attribution, BindingHistory, MemberBinding, WriteOff } from '@mall/server/store/binding.entity';
import { Store } from '@mall/server/store/store.entity';
import { WalletLedgerService } from '@mall/server/wallet/wallet-ledger.service';
import { startTestApp, TestApp } from '../helpers/test-app';
import { simPay, waitFor } from '../helpers/wechat-pay';

describe('stores and staff: scan-to-bind, attribution, transfers, write-off, performance', () => {
  let t: TestApp;
  let ds: DataSource;
  let admin: string;
  let ops: string;
  let storeA: Store;
  let storeB: Store;
  let coffee: Sku;
  const staff: Record<string, { id: number; auth: string }> = {};

  beforeAll(async () => {
    t = await startTestApp({ WECHAT_SIM_NOTIFY_TIME_SCALE: '0.001' });
    ds = t.app.get<DataSource>(getDataSourceToken());
    await t.app.get(DemoSeeder).seed();
    [coffee] = await ds.getRepository(Sku).find({ order: { id: 'ASC' } });
    admin = `Bearer ${(await t.loginAccount('admin')).accessToken}`;
    await t.createAccount({ username: 'ops-staff', password: 'ops-staff-pass', displayName: '运营', role: 'ops' });
    ops = `Bearer ${(await t.loginAccount('ops-staff', 'ops-staff-pass')).accessToken}`;
    storeA = await ds.getRepository(Store).findOneByOrFail({ id: 1 });
    storeB = (
      await t
        .http()
        .post('/api/admin/stores')
        .set('authorization', ops)
        .send({ name: '静安嘉里店', address: '上海市静安区南京西路 1515 号', openingHours: '10:00-22:00' })
        .expect(201)
    ).body;
    for (const [username, role, storeId] of [
      ['a-manager', 'store_manager', storeA.id],
      ['a-guide1', 'staff', storeA.id],
      ['a-guide2', 'staff', storeA.id],
      ['b-manager', 'store_manager', storeB.id],
      ['b-guide', 'staff', storeB.id],
    ] as const) {
      await t.createAccount({ username, password: `${username}-pass`, displayName: username, role, storeId });
      const login = await t.loginAccount(username, `${username}-pass`);
      staff[username] = { id: login.account.id, auth: `Bearer ${login.accessToken}` };
    }
  });
  afterAll(() => t?.close());

  async function member(name: string, balanceFen = 0) {
    const login = await t.loginMember(name);
    if (balanceFen) {
      await ds.transaction((m) =>
        t.app.get(WalletLedgerService).move(m, {
          memberId: login.member.id,
          deltaPrincipalFen: balanceFen,
          deltaBonusFen: 0,
          kind: 'adjust',
          refType: 'test',
          refId: 'seed',
          idempotencyKey: `staff-seed:${login.member.id}`,
        }),
      );
    }
    return { id: login.member.id, auth: `Bearer ${login.accessToken}` };
  }
  const qrOf = async (auth: string): Promise<string> => (await t.http().get('/api/members/me/qr').set('authorization', auth).expect(200)).body.token;
  const scan = (who: string, qrToken: string) => t.http().post('/api/staff/bindings').set('authorization', staff[who].auth).send({ qrToken });
  const payPickupOrder = async (auth: string) => {
    const order = (
      await t
        .http()
        .post('/api/orders')
        .set('authorization', auth)
        .send({ lines: [{ skuId: coffee.id, quantity: 1 }], balanceToUse: 100000, fulfilment: 'pickup', storeId: storeA.id })
        .expect(201)
    ).body;
    expect(order.status).toBe('paid');
    return order as { orderId: number; orderNo: string };
  };

  it('links a staff WeChat with a one-time invitation code, then signs in with wx.login alone', async () => {
    const invite = (await t.http().post(`/api/admin/accounts/${staff['a-guide1'].id}/invites`).set('authorization', admin).expect(201)).body;
    expect(invite.code).toMatch(/^[A-Z2-9]{8}$/);
    await t.http().post(`/api/admin/accounts/${staff['a-guide1'].id}/invites`).set('authorization', ops).expect(403);

    const notLinked = await t.http().post('/api/staff/auth/login').send({ code: 'guide1-wechat:c1' }).expect(404);
    expect(notLinked.body.code).toBe('STAFF_NOT_LINKED');
    const linked = (await t.http().post('/api/staff/auth/link').send({ inviteCode: invite.code, code: 'guide1-wechat:c2' }).expect(200)).body;
    expect(linked.account).toMatchObject({ id: staff['a-guide1'].id, role: 'staff', storeId: storeA.id });
    expect(linked.store.name).toBe(storeA.name);
    const reused = await t.http().post('/api/staff/auth/link').send({ inviteCode: invite.code, code: 'someone-else:c3' }).expect(422);
    expect(reused.body.code).toBe('STAFF_INVITE_INVALID');
    const again = (await t.http().post('/api/staff/auth/login').send({ code: 'guide1-wechat:c4' }).expect(200)).body;
    expect(again.account.id).toBe(staff['a-guide1'].id);
    await t.http().get('/api/staff/members').set('authorization', `Bearer ${again.accessToken}`).expect(200);
    await t.http().post('/api/staff/auth/link').send({ inviteCode: 'abc', code: 'x:y' }).expect(400);
    // A member token is not a staff token.
    const m = await member('not-staff');
    await t.http().get('/api/staff/members').set('authorization', m.auth).expect(403);
  });

  it('two staff scanning the same member at once: exactly one binding, the other is told it is protected', async () => {
    const m = await member('race-member');
    const [tokenA, tokenB] = [await qrOf(m.auth), await qrOf(m.auth)];
    const [r1, r2] = await Promise.all([scan('a-guide1', tokenA), scan('b-guide', tokenB)]);
    expect([r1.status, r2.status]).toEqual([200, 200]);
    expect([r1.body.outcome, r2.body.outcome].sort()).toEqual(['bound', 'protected']);
    expect(await ds.getRepository(MemberBinding).countBy({ memberId: m.id })).toBe(1);
    expect(await ds.getRepository(BindingHistory).countBy({ memberId: m.id })).toBe(1);

    // Many at once on the service itself: still one binding and one history row.
    const m2 = await member('race-member-2');
    const tokens = await Promise.all(Array.from({ length: 6 }, () => qrOf(m2.auth)));
    const results = await Promise.all(tokens.map((token, i) => scan(i % 2 ? 'a-guide2' : 'b-guide', token)));
    expect(results.map((r) => r.body.outcome).filter((o) => o === 'bound')).toHaveLength(1);
    expect(await ds.getRepository(BindingHistory).countBy({ memberId: m2.id })).toBe(1);
  });

  it('refuses replayed, expired and forged codes; a coupon code is not a member code', async () => {
    const m = await member('qr-guard');
    const token = await qrOf(m.auth);
    expect((await scan('a-guide1', token).expect(200)).body.outcome).toBe('bound');
    expect((await scan('a-guide1', token).expect(409)).body.code).toBe('QR_TOKEN_USED');
    const expired = t.app.get(MemberQrService).issue(m.id, Date.now() - 120_000).token;
    expect((await scan('a-guide1', expired).expect(422)).body.code).toBe('QR_TOKEN_EXPIRED');
    const [prefix, body] = (await qrOf(m.auth)).split('.');
    expect((await scan('a-guide1', `${prefix}.${body}.${'A'.repeat(43)}`).expect(422)).body.code).toBe('QR_TOKEN_INVALID');
    await scan('a-guide1', 'x').expect(400);
    expect(await ds.getRepository(BindingHistory).countBy({ memberId: m.id })).toBe(1);
  });

  it('shows staff a summary with a masked phone; other stores and other guides get 403', async () => {
    const m = await member('summary-member', 50000);
    await t
      .http()
      .post('/api/members/me/phone')
      .set('authorization', m.auth)
      .send({ code: `13912345678:${Date.now()}` })
      .expect(201);
    const bound = (await scan('a-guide1', await qrOf(m.auth)).expect(200)).body;
    expect(bound.member).toMatchObject({ memberId: m.id, phoneMasked: '139****5678', balanceFen: 50000 });
    expect(JSON.stringify(bound)).not.toContain('13912345678');
    expect(bound.member.tags).toEqual(expect.arrayContaining(['储值会员', '未下单', '新会员']));
    expect(bound.member.binding).toMatchObject({ storeId: storeA.id, staffAccountId: staff['a-guide1'].id, via: 'scan' });

    await t.http().get(`/api/staff/members/${m.id}`).set('authorization', staff['a-guide1'].auth).expect(200);
    await t.http().get(`/api/staff/members/${m.id}`).set('authorization', staff['a-manager'].auth).expect(200);
    await t.http().get(`/api/staff/members/${m.id}`).set('authorization', staff['a-guide2'].auth).expect(403);
    await t.http().get(`/api/staff/members/${m.id}`).set('authorization', staff['b-manager'].auth).expect(403);
    const bList = (await t.http().get('/api/staff/members').set('authorization', staff['b-manager'].auth).expect(200)).body.items;
    expect(bList.map((r: { memberId: number }) => r.memberId)).not.toContain(m.id);
    const aList = (await t.http().get('/api/staff/members').set('authorization', staff['a-guide1'].auth).expect(200)).body.items;
    expect(aList.find((r: { memberId: number }) => r.memberId === m.id).phoneMasked).toBe('139****5678');
  });

  it('a transferred member’s later orders go to the new guide, earlier ones stay; managers transfer only in their store', async () => {
    const m = await member('transfer-member', 200000);
    await scan('a-guide1', await qrOf(m.auth)).expect(200);
    const first = await payPickupOrder(m.auth);

    await t
      .http()
      .post('/api/staff/transfers')
      .set('authorization', staff['a-guide1'].auth)
      .send({ fromStaffId: staff['a-guide1'].id, toStaffId: staff['a-guide2'].id })
      .expect(403);
    await t
      .http()
      .post('/api/staff/transfers')
      .set('authorization', staff['b-manager'].auth)
      .send({ fromStaffId: staff['a-guide1'].id, toStaffId: staff['b-guide'].id, memberId: m.id })
      .expect(403);
    await t
      .http()
      .post('/api/staff/transfers')
      .set('authorization', staff['a-manager'].auth)
      .send({ fromStaffId: staff['a-guide1'].id, toStaffId: staff['b-guide'].id, memberId: m.id })
      .expect(403);
    const moved = (
      await t
        .http()
        .post('/api/staff/transfers')
        .set('authorization', staff['a-manager'].auth)
        .send({ fromStaffId: staff['a-guide1'].id, toStaffId: staff['a-guide2'].id, memberId: m.id })
        .expect(200)
    ).body;
    expect(moved.moved).toBe(1);
    const second = await payPickupOrder(m.auth);

    const credit = async (orderId: number) => (await ds.getRepository(Attribution).findOneByOrFail({ kind: 'order', refId: String(orderId) })).staffAccountId;
    expect(await credit(first.orderId)).toBe(staff['a-guide1'].id);
    expect(await credit(second.orderId)).toBe(staff['a-guide2'].id);
    const history = (await t.http().get(`/api/admin/bindings?memberId=${m.id}`).set('authorization', ops).expect(200)).body.items;
    expect(history.map((h: { action: string }) => h.action)).toEqual(['transfer', 'bind']);
    expect(history[0]).toMatchObject({ staffName: 'a-guide2', fromStaffName: 'a-guide1', byName: 'a-manager' });

    // 离职继承: everything a leaver has moves at once.
    const leaverMembers = await ds.getRepository(MemberBinding).countBy({ staffAccountId: staff['a-guide1'].id });
    const all = (
      await t
        .http()
        .post('/api/admin/transfers')
        .set('authorization', ops)
        .send({ storeId: storeA.id, fromStaffId: staff['a-guide1'].id, toStaffId: staff['a-guide2'].id })
        .expect(201)
    ).body;
    expect(all.moved).toBe(leaverMembers);
    expect(await ds.getRepository(MemberBinding).countBy({ staffAccountId: staff['a-guide1'].id })).toBe(0);
  });

  it('counts GMV, recharges and SVIP sales per guide; staff see their own row, managers the store', async () => {
    const m = await member('perf-member', 300000);
    await scan('b-guide', await qrOf(m.auth)).expect(200);
    const order = (
      await t
        .http()
        .post('/api/orders')
        .set('authorization', m.auth)
        .send({ lines: [{ skuId: coffee.id, quantity: 2 }], balanceToUse: 100000, fulfilment: 'pickup', storeId: storeB.id })
        .expect(201)
    ).body;
    expect(order.status).toBe('paid');
    const [plan] = await ds.getRepository(MembershipPlan).find({ order: { sortOrder: 'ASC' } });
    const svip = (await t.http().post('/api/membership/purchases').set('authorization', m.auth).send({ planId: plan.id, payWith: 'balance' }).expect(201)).body;
    const recharge = (await t.http().post('/api/wallet/recharges').set('authorization', m.auth).send({ amount: 20000 }).expect(201)).body;
    await simPay(t, recharge.outTradeNo);
    await waitFor(async () => (await ds.getRepository(Attribution).findOneBy({ kind: 'recharge', memberId: m.id })) !== null, 'recharge attributed');

    const report = (await t.http().get('/api/staff/performance').set('authorization', staff['b-manager'].auth).expect(200)).body;
    const guide = report.rows.find((r: { staffAccountId: number }) => r.staffAccountId === staff['b-guide'].id);
    const gmv = (await ds.getRepository(Attribution).findOneByOrFail({ kind: 'order', refId: String(order.orderId) })).amountFen;
    expect(guide).toMatchObject({ newBindings: expect.any(Number), gmvFen: gmv, svipFen: svip.priceFen, rechargeFen: 20000 });
    expect(guide.gmvFen).toBeGreaterThan(0);
    expect(report.rows.map((r: { staffAccountId: number }) => r.staffAccountId)).toEqual(expect.arrayContaining([staff['b-manager'].id, staff['b-guide'].id]));
    const own = (await t.http().get('/api/staff/performance').set('authorization', staff['b-guide'].auth).expect(200)).body;
    expect(own.rows).toHaveLength(1);
    expect(own.rows[0].staffAccountId).toBe(staff['b-guide'].id);
    const board = (await t.http().get('/api/admin/leaderboard').set('authorization', ops).expect(200)).body;
    expect(board.stores.find((s: { storeId: number }) => s.storeId === storeB.id).gmvFen).toBeGreaterThanOrEqual(gmv);
    await t.http().get('/api/admin/leaderboard').set('authorization', staff['b-manager'].auth).expect(403);
    await t.http().get('/api/staff/performance?from=yesterday').set('authorization', staff['b-guide'].auth).expect(400);
  });

  it('writes off a pickup, a points gift and a coupon exactly once, in the right store only', async () => {
    const m = await member('write-off-member', 100000);
    const order = await payPickupOrder(m.auth);
    const view = (await t.http().get(`/api/orders/${order.orderId}`).set('authorization', m.auth).expect(200)).body;

    expect(
      (await t.http().post('/api/staff/write-offs').set('authorization', staff['b-guide'].auth).send({ code: view.pickupCode }).expect(403)).body.code,
    ).toBe('FORBIDDEN');
    const attempts = await Promise.all(
      [1, 2].map(() => t.http().post('/api/staff/write-offs').set('authorization', staff['a-guide2'].auth).send({ code: view.pickupCode })),
    );
    expect(attempts.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(attempts.find((r) => r.status === 409)!.body.code).toBe('WRITE_OFF_DONE');
    expect((await t.http().get(`/api/orders/${order.orderId}`).set('authorization', m.auth)).body.status).toBe('completed');

    await ds.transaction((mgr) =>
      t.app
        .get(PointsLedgerService)
        .earn(mgr, { memberId: m.id, points: 500, source: 'test', refType: 'test', refId: 'wo', idempotencyKey: `wo-points:${m.id}` }),
    );
    const gift = await ds
      .getRepository(PointsMallItem)
      .save(ds.getRepository(PointsMallItem).create({ name: '门店帆布袋', pricePoints: 100, stock: 5, enabled: true }));
    const redemption = (await t.http().post(`/api/points/mall/${gift.id}/redeem`).set('authorization', m.auth).expect(201)).body;
    const giftDone = (
      await t
        .http()
        .post('/api/staff/write-offs')
        .set('authorization', staff['b-guide'].auth)
        .send({ code: `G${redemption.pickupCode}` })
        .expect(200)
    ).body;
    expect(giftDone).toMatchObject({ kind: 'points_gift', memberId: m.id });
    await t
      .http()
      .post('/api/staff/write-offs')
      .set('authorization', staff['b-guide'].auth)
      .send({ code: `G${redemption.pickupCode}` })
      .expect(409);

    const template = await ds.getRepository(CouponTemplate).findOneByOrFail({ claimable: true });
    const coupon = await ds.transaction((mgr) => t.app.get(CouponService).issue(mgr, m.id, template.id, 'test', `wo-coupon:${m.id}`));
    const other = await member('someone-else');
    await t.http().post(`/api/coupons/${coupon!.id}/store-code`).set('authorization', other.auth).expect(404);
    const code = (await t.http().post(`/api/coupons/${coupon!.id}/store-code`).set('authorization', m.auth).expect(200)).body.token;
    await scan('a-guide1', code).expect(422);
    const used = (await t.http().post('/api/staff/write-offs').set('authorization', staff['a-guide2'].auth).send({ code }).expect(200)).body;
    expect(used).toMatchObject({ kind: 'coupon', title: template.name });
    expect((await ds.getRepository(Coupon).findOneByOrFail({ id: coupon!.id })).status).toBe('used');
    expect((await t.http().post('/api/staff/write-offs').set('authorization', staff['a-guide2'].auth).send({ code }).expect(409)).body.code).toBe(
      'QR_TOKEN_USED',
    );
    await t.http().post(`/api/coupons/${coupon!.id}/store-code`).set('authorization', m.auth).expect(422);

    expect(await ds.getRepository(WriteOff).countBy({ memberId: m.id })).toBe(3);
    const mine = (await t.http().get('/api/staff/write-offs').set('authorization', staff['a-guide2'].auth).expect(200)).body.items;
    expect(mine.map((w: { kind: string }) => w.kind)).toEqual(expect.arrayContaining(['coupon', 'order_pickup']));
    expect(mine.some((w: { kind: string }) => w.kind === 'points_gift')).toBe(false);
    expect((await t.http().post('/api/staff/write-offs').set('authorization', staff['a-guide2'].auth).send({ code: 'hello' }).expect(400)).body.code).toBe(
      'VALIDATION_FAILED',
    );
  });

  it('a poster code carries the staff scene; a new member opening it is bound, a forged scene binds nobody', async () => {
    await t.http().delete('/__wechat/sim/calls').expect(204);
    const poster = (await t.http().get('/api/staff/poster').set('authorization', staff['b-guide'].auth).expect(200)).body;
    expect(poster.image).toMatch(/^data:image\/png;base64,iVBOR/);
    const calls = (await t.http().get('/__wechat/sim/calls?api=getwxacodeunlimit').expect(200)).body.items;
    expect(JSON.stringify(calls)).toContain(`s${storeB.id}u${staff['b-guide'].id}`);

    const viaPoster = (
      await t
        .http()
        .post('/api/auth/wechat/login')
        .send({ code: 'poster-newbie:c1', scene: `s${storeB.id}u${staff['b-guide'].id}` })
        .expect(200)
    ).body;
    expect(await ds.getRepository(MemberBinding).findOneByOrFail({ memberId: viaPoster.member.id })).toMatchObject({
      storeId: storeB.id,
      staffAccountId: staff['b-guide'].id,
      via: 'poster',
    });
    const mine = (await t.http().get('/api/members/me/store').set('authorization', `Bearer ${viaPoster.accessToken}`).expect(200)).body;
    expect(mine).toMatchObject({ store: { id: storeB.id }, guide: { name: 'b-guide' } });

    // A staff id from another store keeps only the store; an unknown store binds nothing.
    const mixed = (
      await t
        .http()
        .post('/api/auth/wechat/login')
        .send({ code: 'poster-mixed:c1', scene: `s${storeB.id}u${staff['a-guide2'].id}` })
        .expect(200)
    ).body;
    expect(await ds.getRepository(MemberBinding).findOneByOrFail({ memberId: mixed.member.id })).toMatchObject({ storeId: storeB.id, staffAccountId: null });
    const forged = (await t.http().post('/api/auth/wechat/login').send({ code: 'poster-forged:c1', scene: 's99999u1' }).expect(200)).body;
    expect(await ds.getRepository(MemberBinding).countBy({ memberId: forged.member.id })).toBe(0);
    await t.http().get('/api/admin/stores/1/poster').set('authorization', ops).expect(200);
  });

  it('follows the binding policy ops configure: rebind after protection, or keep the first binding for good', async () => {
    await t
      .http()
      .put('/api/admin/binding-policy')
      .set('authorization', staff['a-manager'].auth)
      .send({ protectionDays: 0, rebindAfterProtection: true })
      .expect(403);
    await t.http().put('/api/admin/binding-policy').set('authorization', ops).send({ protectionDays: -1, rebindAfterProtection: true }).expect(400);
    await t.http().put('/api/admin/binding-policy').set('authorization', ops).send({ protectionDays: 0, rebindAfterProtection: true }).expect(200);
    const m = await member('policy-member');
    expect((await scan('a-guide2', await qrOf(m.auth)).expect(200)).body.outcome).toBe('bound');
    const taken = (await scan('b-guide', await qrOf(m.auth)).expect(200)).body;
    expect(taken.outcome).toBe('rebound');
    expect(taken.member.binding).toMatchObject({ storeId: storeB.id, staffAccountId: staff['b-guide'].id });

    await t.http().put('/api/admin/binding-policy').set('authorization', ops).send({ protectionDays: 0, rebindAfterProtection: false }).expect(200);
    expect((await scan('a-guide2', await qrOf(m.auth)).expect(200)).body.outcome).toBe('protected');
    expect(await ds.getRepository(MemberBinding).findOneByOrFail({ memberId: m.id })).toMatchObject({ staffAccountId: staff['b-guide'].id });
    const history = (await t.http().get(`/api/admin/bindings?memberId=${m.id}`).set('authorization', ops).expect(200)).body.items;
    expect(history.map((h: { action: string }) => h.action)).toEqual(['rebind', 'bind']);
    expect((await t.http().get('/api/admin/binding-policy').set('authorization', ops).expect(200)).body).toEqual({
      protectionDays: 0,
      rebindAfterProtection: false,
    });
    expect(await ds.getRepository(AuditLog).countBy({ action: 'binding_policy.update' })).toBe(2);
    await t.http().put('/api/admin/binding-policy').set('authorization', ops).send({ protectionDays: 90, rebindAfterProtection: true }).expect(200);
  });

  it('a deactivated guide loses staff mode at once, even with a valid token', async () => {
    await ds.getRepository(Account).update({ id: staff['a-guide1'].id }, { active: false });
    await t.http().get('/api/staff/members').set('authorization', staff['a-guide1'].auth).expect(401);
  });
});
