import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AdminMemberDetail, AdminMemberListItem, AuditLogView, Page } from '@mall/shared';
import { Sku } from '@mall/server/catalog/sku.entity';
import { MembershipPlan, MembershipPurchase } from '@mall/server/membership/membership.entity';
import { ShopOrder } from '@mall/server/order/order.entity';
import { DemoSeeder, DEMO_STAFF_PASSWORD } from '@mall/server/seed/demo-seeder';
import { AccountService } from '@mall/server/account/account.service';
import { BindingService } from '@mall/server/store/binding.service';
import { startTestApp, TestApp } from '../helpers/test-app';
import { simPay, waitFor } from '../helpers/wechat-pay';

describe('admin members: search by phone or nickname, the member 360 detail, birthday changes audited, role checks', () => {
  let t: TestApp;
  let ds: DataSource;
  let ops: string;
  let finance: string;
  let admin: string;
  let manager: string;
  let alice: { id: number; auth: string };
  let bob: { id: number; auth: string };

  beforeAll(async () => {
    t = await startTestApp({ WECHAT_SIM_NOTIFY_TIME_SCALE: '0.001' });
    ds = t.app.get<DataSource>(getDataSourceToken());
    await t.app.get(DemoSeeder).seed();
    await t.createAccount({ username: 'am-ops', password: 'am-ops-pass', displayName: '运营小周', role: 'ops' });
    await t.createAccount({ username: 'am-fin', password: 'am-fin-pass', displayName: '财务小吴', role: 'finance' });
    ops = `Bearer ${(await t.loginAccount('am-ops', 'am-ops-pass')).accessToken}`;
    finance = `Bearer ${(await t.loginAccount('am-fin', 'am-fin-pass')).accessToken}`;
    admin = `Bearer ${(await t.loginAccount('admin')).accessToken}`;
    manager = `Bearer ${(await t.loginAccount('manager1', DEMO_STAFF_PASSWORD)).accessToken}`;

    const login = async (user: string) => {
      const m = await t.loginMember(user);
      return { id: m.member.id, auth: `Bearer ${m.accessToken}` };
    };
    alice = await login('am-alice');
    bob = await login('am-bob');
    await t.http().post('/api/members/me/phone').set('authorization', alice.auth).send({ code: '13912345678:am1' }).expect(201);
    await t
      .http()
      .patch('/api/members/me')
      .set('authorization', alice.auth)
      .send({ nickname: '爱丽丝', gender: 'female', region: '上海市 静安区' })
      .expect(200);
    await t.http().patch('/api/members/me').set('authorization', bob.auth).send({ nickname: '鲍勃' }).expect(200);
  });
  afterAll(() => t?.close());

  const search = async (auth: string, query: string) =>
    (await t.http().get(`/api/admin/members?${query}`).set('authorization', auth).expect(200)).body as Page<AdminMemberListItem>;

  it('finds a member by phone digits or part of the nickname, and names a set of ids in one call; the phone stays masked', async () => {
    const byPhone = await search(ops, 'keyword=13912345678');
    expect(byPhone.items.map((m) => m.id)).toEqual([alice.id]);
    expect(byPhone.items[0]).toMatchObject({ nickname: '爱丽丝', phoneMasked: '139****5678' });
    expect(JSON.stringify(byPhone)).not.toContain('13912345678');
    expect((await search(finance, 'keyword=5678')).items.map((m) => m.id)).toEqual([alice.id]);
    expect((await search(ops, `keyword=${encodeURIComponent('丽')}`)).items.map((m) => m.id)).toEqual([alice.id]);
    expect((await search(ops, `keyword=${encodeURIComponent('鲍')}`)).items.map((m) => m.id)).toEqual([bob.id]);
    expect((await search(ops, `keyword=${encodeURIComponent('查无此人')}`)).total).toBe(0);

    const named = await search(ops, `ids=${bob.id},${alice.id},999999`);
    expect(named.items.map((m) => [m.id, m.nickname]).sort()).toEqual(
      [
        [alice.id, '爱丽丝'],
        [bob.id, '鲍勃'],
      ].sort(),
    );
    const bad = await t.http().get('/api/admin/members?ids=1,x').set('authorization', ops).expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
  });

  it('the detail reads every domain through its service: tier, SVIP, wallet split, points, coupons, store and guide, recent orders', async () => {
    // Money and points through the admin APIs that move them, so the detail reads real ledgers.
    await t
      .http()
      .post(`/api/admin/wallets/${alice.id}/adjustments`)
      .set('authorization', finance)
      .set('idempotency-key', 'am-wallet-1')
      .send({ deltaPrincipalFen: 50000, deltaBonusFen: 3000, reason: '测试充值' })
      .expect(201);
    await t
      .http()
      .post(`/api/admin/points/members/${alice.id}/adjustments`)
      .set('authorization', ops)
      .set('idempotency-key', 'am-points-1')
      .send({ points: 321, reason: '测试积分' })
      .expect(201);
    const centre = (await t.http().get('/api/coupons/centre').set('authorization', alice.auth).expect(200)).body.items as {
      templateId: number;
      canClaim: boolean;
    }[];
    const claimable = centre.find((c) => c.canClaim)!;
    await t.http().post('/api/coupons/claim').set('authorization', alice.auth).send({ templateId: claimable.templateId }).expect(201);

    const staff1 = (await t.app.get(AccountService).list()).find((a) => a.username === 'staff1')!;
    await t.app.get(BindingService).bind(alice.id, staff1.storeId!, staff1.id, 'scan');

    const sku = (await ds.getRepository(Sku).find({ order: { id: 'ASC' } }))[0];
    const order = (
      await t
        .http()
        .post('/api/orders')
        .set('authorization', alice.auth)
        .send({ lines: [{ skuId: sku.id, quantity: 1 }], balanceToUse: 53000, fulfilment: 'pickup', storeId: staff1.storeId })
        .expect(201)
    ).body;

    const plan = (await ds.getRepository(MembershipPlan).find({ order: { sortOrder: 'ASC' } }))[0];
    const bought = (await t.http().post('/api/membership/purchases').set('authorization', alice.auth).send({ planId: plan.id, payWith: 'wechat' }).expect(201))
      .body;
    await simPay(t, bought.outTradeNo);
    await waitFor(async () => (await ds.getRepository(MembershipPurchase).findOneByOrFail({ id: bought.purchaseId })).status === 'paid', 'SVIP paid');

    const wallet = (await t.http().get(`/api/admin/wallets/${alice.id}`).set('authorization', finance).expect(200)).body;
    const detail = (await t.http().get(`/api/admin/members/${alice.id}`).set('authorization', ops).expect(200)).body as AdminMemberDetail;
    expect(detail.profile).toMatchObject({
      id: alice.id,
      nickname: '爱丽丝',
      phoneMasked: '139****5678',
      gender: 'female',
      region: '上海市 静安区',
      birthday: null,
    });
    expect(JSON.stringify(detail)).not.toContain('13912345678');
    expect(detail.svip).toMatchObject({ status: 'active', planName: plan.name });
    expect(detail.wallet).toEqual({ principalFen: wallet.principal, bonusFen: wallet.bonus, totalFen: wallet.principal + wallet.bonus });
    // The order was paid from the balance: ¥530 credited less what the order took.
    const placed = await ds.getRepository(ShopOrder).findOneByOrFail({ id: order.orderId });
    expect(placed.balanceFen).toBeGreaterThan(0);
    expect(detail.wallet.totalFen).toBe(53000 - placed.balanceFen);
    expect(detail.points.balance).toBe((await t.http().get(`/api/admin/points/members/${alice.id}`).set('authorization', ops).expect(200)).body.balance);
    expect(detail.points.balance).toBeGreaterThanOrEqual(321);
    expect(detail.coupons).toEqual({ available: expect.any(Number), total: expect.any(Number) });
    expect(detail.coupons.total).toBeGreaterThanOrEqual(1);
    expect(detail.coupons.available).toBeGreaterThanOrEqual(1);
    expect(detail.binding).toMatchObject({ storeId: staff1.storeId, staffAccountId: staff1.id, staffName: staff1.displayName });
    expect(detail.recentOrders).toHaveLength(1);
    expect(detail.recentOrders[0]).toMatchObject({
      id: order.orderId,
      status: 'paid',
      statusText: '待自提',
      payableFen: placed.payableFen,
      orderNo: placed.orderNo,
    });
    expect(detail.tier.name).toBeTruthy();

    // Finance may read it too; a member without any of it reads as empty, not as an error.
    const empty = (await t.http().get(`/api/admin/members/${bob.id}`).set('authorization', finance).expect(200)).body as AdminMemberDetail;
    expect(empty).toMatchObject({
      svip: { status: 'none', expiresAt: null, planName: null },
      wallet: { principalFen: 0, bonusFen: 0, totalFen: 0 },
      points: { balance: 0 },
      coupons: { available: 0, total: 0 },
      binding: null,
      recentOrders: [],
    });
    const missing = await t.http().get('/api/admin/members/999999').set('authorization', ops).expect(404);
    expect(missing.body.code).toBe('NOT_FOUND');
  });

  it('ops change a birthday with a reason: the audit log holds before, after and reason under the member; finance may not change it', async () => {
    await t.http().patch('/api/members/me').set('authorization', bob.auth).send({ birthday: '1990-03-04' }).expect(200);
    // The member cannot change it a second time themselves.
    await t.http().patch('/api/members/me').set('authorization', bob.auth).send({ birthday: '1990-04-03' }).expect(409);
    await t
      .http()
      .put(`/api/admin/members/${bob.id}/birthday`)
      .set('authorization', finance)
      .send({ birthday: '1990-04-03', reason: '会员来电更正' })
      .expect(403);
    const noReason = await t.http().put(`/api/admin/members/${bob.id}/birthday`).set('authorization', ops).send({ birthday: '1990-04-03' }).expect(400);
    expect(noReason.body.code).toBe('VALIDATION_FAILED');
    const changed = await t
      .http()
      .put(`/api/admin/members/${bob.id}/birthday`)
      .set('authorization', ops)
      .send({ birthday: '1990-04-03', reason: '会员来电更正' })
      .expect(200);
    expect(changed.body.birthday).toBe('1990-04-03');
    expect((await t.http().get(`/api/admin/members/${bob.id}`).set('authorization', ops).expect(200)).body.profile.birthday).toBe('1990-04-03');

    const logs = (await t.http().get(`/api/admin/audit-logs?targetType=member&targetId=${bob.id}`).set('authorization', finance).expect(200)).body as {
      items: AuditLogView[];
    };
    expect(logs.items).toHaveLength(1);
    expect(logs.items[0]).toMatchObject({
      action: 'member.birthday.change',
      actor: { role: 'ops', displayName: '运营小周' },
      target: { type: 'member', id: String(bob.id) },
      details: { before: '1990-03-04', after: '1990-04-03', reason: '会员来电更正' },
    });
  });

  it('store roles and members cannot call the admin member endpoints; the super admin can', async () => {
    for (const path of ['/api/admin/members?keyword=139', `/api/admin/members/${alice.id}`]) {
      expect((await t.http().get(path).set('authorization', manager)).status).toBe(403);
      expect((await t.http().get(path).set('authorization', alice.auth)).status).toBe(403);
      expect((await t.http().get(path)).status).toBe(401);
      expect((await t.http().get(path).set('authorization', admin)).status).toBe(200);
    }
    const asMember = await t
      .http()
      .put(`/api/admin/members/${alice.id}/birthday`)
      .set('authorization', alice.auth)
      .send({ birthday: '2000-01-01', reason: '自己改' });
    expect(asMember.status).toBe(403);
    expect((await t.http().get(`/api/admin/members/${alice.id}`).set('authorization', ops).expect(200)).body.profile.birthday).toBeNull();
  });
});
