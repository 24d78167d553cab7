import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Sku } from '@mall/server/catalog/sku.entity';
import { StockMovement } from '@mall/server/catalog/stock-movement.entity';
import { StockService } from '@mall/server/catalog/stock.service';
import { Store } from '@mall/server/store/store.entity';
import { CouponTemplate } from '@mall/server/coupon/coupon-template.entity';
import { Coupon } from '@mall/server/coupon/coupon.entity';
import { Payment } from '@mall/server/payment/payment.entity';
import { PaymentReconciler } from '@mall/server/payment/payment-reconciler';
import { Refund } from '@mall/server/payment/refund.entity';
import { PointsLedgerService } from '@mall/server/points/points-ledger.service';
import { DemoSeeder } from '@mall/server/seed/demo-seeder';
import { WalletLedgerService } from '@mall/server/wallet/wallet-ledger.service';
import { startTestApp, TestApp } from '../helpers/test-app';
import { simPay, waitFor } from '../helpers/wechat-pay';

describe('mall: checkout with mixed payment, orders, after-sale refunds', () => {
  let t: TestApp;
  let ds: DataSource;
  let ops: string;
  let coffeeSku: Sku;
  let cookieSku: Sku;

  beforeAll(async () => {
    t = await startTestApp({ WECHAT_SIM_NOTIFY_TIME_SCALE: '0.001' });
    ds = t.app.get<DataSource>(getDataSourceToken());
    await t.app.get(DemoSeeder).seed();
    const skus = await ds.getRepository(Sku).find({ order: { id: 'ASC' } });
    [coffeeSku, cookieSku] = skus;
    await t.createAccount({ username: 'ops-mall', password: 'ops-mall-pass', displayName: '运营', role: 'ops' });
    ops = `Bearer ${(await t.loginAccount('ops-mall', 'ops-mall-pass')).accessToken}`;
    // Members with the member_price benefit on the base tier.
    const benefit = (
      await t
        .http()
        .post('/api/admin/benefits')
        .set('authorization', ops)
        .send({ name: '会员价', spec: { type: 'member_price' } })
        .expect(201)
    ).body;
    const baseTier = (await t.http().get('/api/admin/tiers').set('authorization', ops).expect(200)).body.items[0];
    await t
      .http()
      .post('/api/admin/benefit-attachments')
      .set('authorization', ops)
      .send({ sourceType: 'tier', sourceId: baseTier.id, benefitId: benefit.id })
      .expect(204);
  });
  afterAll(() => t?.close());

  async function member(name: string, balanceFen = 0) {
    const login = await t.loginMember(name);
    const auth = `Bearer ${login.accessToken}`;
    if (balanceFen) {
      await ds.transaction((m) =>
        t.app.get(WalletLedgerService).move(m, {
          memberId: login.member.id,
          deltaPrincipalFen: balanceFen,
          deltaBonusFen: Math.floor(balanceFen / 10),
          kind: 'adjust',
          refType: 'test',
          refId: 'seed',
          idempotencyKey: `seed-wallet:${login.member.id}`,
        }),
      );
    }
    const address = (
      await t
        .http()
        .post('/api/addresses')
        .set('authorization', auth)
        .send({ name: '张三', phone: '13800138000', region: '上海市 静安区', detail: '南京西路 1266 号', isDefault: true })
        .expect(201)
    ).body;
    return { id: login.member.id, auth, addressId: address.id as number };
  }

  const wallet = async (auth: string) => (await t.http().get('/api/wallet').set('authorization', auth).expect(200)).body;
  const points = async (auth: string) => (await t.http().get('/api/points').set('authorization', auth).expect(200)).body.balance;

  it('buys with member price + coupon + balance + WeChat Pay, then a full refund returns every source exactly', async () => {
    const m = await member('mall-buyer', 5000);
    const centre = (await t.http().get('/api/coupons/centre').set('authorization', m.auth).expect(200)).body.items;
    const newcomer = centre.find((c: { name: string }) => c.name.includes('满 100 减 20'));
    await t.http().post('/api/coupons/claim').set('authorization', m.auth).send({ templateId: newcomer.templateId }).expect(201);
    const limit = await t.http().post('/api/coupons/claim').set('authorization', m.auth).send({ templateId: newcomer.templateId }).expect(422);
    expect(limit.body.code).toBe('COUPON_LIMIT_REACHED');
    const couponId = (await t.http().get('/api/coupons/mine').set('authorization', m.auth).expect(200)).body.items[0].id;

    const cart = {
      lines: [
        { skuId: coffeeSku.id, quantity: 2 },
        { skuId: cookieSku.id, quantity: 1 },
      ],
      couponIds: [couponId],
      balanceToUse: 3000,
      fulfilment: 'delivery' as const,
    };
    const preview = (await t.http().post('/api/orders/preview').set('authorization', m.auth).send(cart).expect(200)).body;
    // Member prices 59 × 2 + 108 = 226; coupon −20; shipping +10 = 216 payable, of which 30 balance, 186 cash.
    expect(preview.breakdown).toMatchObject({
      listTotalFen: 26600,
      memberDiscountFen: 4000,
      couponDiscountFen: 2000,
      shippingFen: 1000,
      balanceFen: 3000,
      cashFen: 18600,
      payableFen: 21600,
    });

    const stockBefore = (await ds.getRepository(Sku).findOneByOrFail({ id: coffeeSku.id })).stock;
    const created = (
      await t
        .http()
        .post('/api/orders')
        .set('authorization', m.auth)
        .set('idempotency-key', 'order-key-0001')
        .send({ ...cart, addressId: m.addressId, expectedPayableFen: 21600 })
        .expect(201)
    ).body;
    expect(created).toMatchObject({ status: 'pending_payment', cashFen: 18600, payParams: { signType: 'RSA' } });
    expect((await ds.getRepository(Sku).findOneByOrFail({ id: coffeeSku.id })).stock).toBe(stockBefore - 2);
    expect(await wallet(m.auth)).toMatchObject({ total: 2500 });

    await simPay(t, created.outTradeNo);
    await waitFor(async () => (await t.http().get(`/api/orders/${created.orderId}`).set('authorization', m.auth)).body.status === 'paid', 'order paid');
    const paid = (await t.http().get(`/api/orders/${created.orderId}`).set('authorization', m.auth).expect(200)).body;
    expect(paid.pointsEarned).toBe(206);
    expect(await points(m.auth)).toBe(306); // 206 for the order + 100 first-order reward
    expect((await ds.getRepository(Coupon).findOneByOrFail({ id: couponId })).status).toBe('used');
    const other = await member('mall-nosy');
    await t.http().get(`/api/orders/${created.orderId}`).set('authorization', other.auth).expect(404);

    const lines = paid.lines.map((l: { id: number; quantity: number }) => ({ lineId: l.id, quantity: l.quantity }));
    const sale = (
      await t.http().post(`/api/orders/${created.orderId}/after-sales`).set('authorization', m.auth).send({ lines, reason: '不想要了' }).expect(201)
    ).body;
    const approved = (await t.http().post(`/api/admin/after-sales/${sale.id}/approve`).set('authorization', ops).send({ note: '同意' }).expect(201)).body;
    expect(approved).toMatchObject({ cashFen: 18600, balanceFen: 3000, status: 'refunding' });
    const payment = await ds.getRepository(Payment).findOneByOrFail({ outTradeNo: created.outTradeNo });
    await waitFor(async () => (await ds.getRepository(Refund).findOneBy({ paymentId: payment.id }))?.status === 'success', 'cash refunded');
    await waitFor(
      async () =>
        (await t.http().get('/api/admin/after-sales').set('authorization', ops)).body.items.find((a: { id: number }) => a.id === sale.id).status ===
        'completed',
      'after-sale completed',
    );
    expect(await wallet(m.auth)).toMatchObject({ principal: 5000, bonus: 500 });
    expect(await points(m.auth)).toBe(0);
    expect((await ds.getRepository(Coupon).findOneByOrFail({ id: couponId })).status).toBe('available');
    expect((await ds.getRepository(Sku).findOneByOrFail({ id: coffeeSku.id })).stock).toBe(stockBefore);
    expect((await t.http().get(`/api/orders/${created.orderId}`).set('authorization', m.auth).expect(200)).body.status).toBe('refunded');
    const checks = await t.app.get(WalletLedgerService).check(m.id);
    expect(checks[0].consistent).toBe(true);
  });

  it('refunds lines in parts: the parts add up to exactly what each source paid', async () => {
    const m = await member('mall-parts', 30000);
    const cart = { lines: [{ skuId: coffeeSku.id, quantity: 3 }], balanceToUse: 10000, fulfilment: 'pickup' as const, storeId: 1 };
    const order = (await t.http().post('/api/orders').set('authorization', m.auth).send(cart).expect(201)).body;
    await simPay(t, order.outTradeNo);
    await waitFor(async () => (await t.http().get(`/api/orders/${order.orderId}`).set('authorization', m.auth)).body.status === 'paid', 'paid');
    const view = (await t.http().get(`/api/orders/${order.orderId}`).set('authorization', m.auth)).body;
    expect(view.pickupCode).toMatch(/^\d{8}$/);
    const lineId = view.lines[0].id;
    const refunds = [];
    for (const quantity of [1, 2]) {
      const sale = (
        await t
          .http()
          .post(`/api/orders/${order.orderId}/after-sales`)
          .set('authorization', m.auth)
          .send({ lines: [{ lineId, quantity }], reason: '部分退' })
          .expect(201)
      ).body;
      refunds.push((await t.http().post(`/api/admin/after-sales/${sale.id}/approve`).set('authorization', ops).send({ note: 'ok' }).expect(201)).body);
      await waitFor(
        async () =>
          (await t.http().get('/api/admin/after-sales').set('authorization', ops)).body.items.find((a: { id: number }) => a.id === sale.id).status ===
          'completed',
        'completed',
      );
    }
    expect(refunds.reduce((s, r) => s + r.balanceFen, 0)).toBe(10000);
    expect(refunds.reduce((s, r) => s + r.cashFen, 0)).toBe(order.cashFen);
    expect(await wallet(m.auth)).toMatchObject({ principal: 30000, bonus: 3000 });
  });

  it('100 concurrent orders for a SKU with stock 10: exactly 10 are placed; cancelled ones return stock', async () => {
    await ds.transaction((m) => t.app.get(StockService).setAvailable(m, cookieSku.id, 10, { refType: 'test', refId: 'rush', key: 'rush-10' }));
    const buyers = await Promise.all(Array.from({ length: 20 }, (_, i) => member(`mall-rush-${i}`)));
    const attempts = await Promise.all(
      Array.from({ length: 100 }, (_, i) => {
        const b = buyers[i % buyers.length];
        return t
          .http()
          .post('/api/orders')
          .set('authorization', b.auth)
          .send({ lines: [{ skuId: cookieSku.id, quantity: 1 }], fulfilment: 'delivery', addressId: b.addressId });
      }),
    );
    const placed = attempts.filter((a) => a.status === 201);
    expect(placed).toHaveLength(10);
    for (const a of attempts.filter((x) => x.status !== 201)) expect(a.body.code).toBe('OUT_OF_STOCK');
    expect((await ds.getRepository(Sku).findOneByOrFail({ id: cookieSku.id })).stock).toBe(0);

    const first = placed[0].body;
    const owner = buyers[attempts.indexOf(placed[0]) % buyers.length];
    const cancelled = (await t.http().post(`/api/orders/${first.orderId}/cancel`).set('authorization', owner.auth).expect(200)).body;
    expect(cancelled.status).toBe('cancelled');
    expect((await ds.getRepository(Sku).findOneByOrFail({ id: cookieSku.id })).stock).toBe(1);
    // Unpaid orders are cancelled automatically when their payment expires.
    await t.app.get(PaymentReconciler).runOnce(new Date(Date.now() + 20 * 60_000));
    expect((await ds.getRepository(Sku).findOneByOrFail({ id: cookieSku.id })).stock).toBe(10);
  });

  it('refuses a stale preview and an expired coupon with a clear error, and writes nothing', async () => {
    const m = await member('mall-stale', 0);
    const template = await ds
      .getRepository(CouponTemplate)
      .save(
        ds
          .getRepository(CouponTemplate)
          .create({ name: '过期券', kind: 'fixed', amountFen: 500, thresholdFen: 0, validDays: 1, claimable: true, enabled: true }),
      );
    await t.http().post('/api/coupons/claim').set('authorization', m.auth).send({ templateId: template.id }).expect(201);
    const coupon = await ds.getRepository(Coupon).findOneByOrFail({ memberId: m.id, templateId: template.id });
    const cart = { lines: [{ skuId: coffeeSku.id, quantity: 1 }], couponIds: [coupon.id], fulfilment: 'delivery', addressId: m.addressId };
    const preview = (await t.http().post('/api/orders/preview').set('authorization', m.auth).send(cart).expect(200)).body;

    await ds.getRepository(Sku).update({ id: coffeeSku.id }, { memberPriceFen: 5500 });
    const stale = await t
      .http()
      .post('/api/orders')
      .set('authorization', m.auth)
      .send({ ...cart, expectedPayableFen: preview.breakdown.payableFen })
      .expect(409);
    expect(stale.body).toMatchObject({ code: 'PRICE_CHANGED', details: { payableFen: preview.breakdown.payableFen - 400 } });
    await ds.getRepository(Sku).update({ id: coffeeSku.id }, { memberPriceFen: coffeeSku.memberPriceFen });

    await ds.getRepository(Coupon).update({ id: coupon.id }, { validUntil: new Date(Date.now() - 1000) });
    const expired = await t
      .http()
      .post('/api/orders')
      .set('authorization', m.auth)
      .send({ ...cart, expectedPayableFen: preview.breakdown.payableFen })
      .expect(422);
    expect(expired.body.code).toBe('COUPON_UNAVAILABLE');
    expect((await t.http().get('/api/orders').set('authorization', m.auth).expect(200)).body.items).toHaveLength(0);
  });

  it('pays fully with points and balance (no WeChat payment) when they cover the order', async () => {
    const m = await member('mall-nocash', 20000);
    await ds.transaction((x) =>
      t.app
        .get(PointsLedgerService)
        .earn(x, { memberId: m.id, points: 5000, source: 'adjust', refType: 'test', refId: 'p', idempotencyKey: `pts-seed:${m.id}` }),
    );
    const cart = { lines: [{ skuId: coffeeSku.id, quantity: 1 }], pointsToUse: 2900, balanceToUse: 4000, fulfilment: 'pickup', storeId: 1 };
    const preview = (await t.http().post('/api/orders/preview').set('authorization', m.auth).send(cart).expect(200)).body;
    expect(preview.breakdown).toMatchObject({ pointsDeductionFen: 2900, balanceFen: 3000, cashFen: 0 });
    const order = (
      await t
        .http()
        .post('/api/orders')
        .set('authorization', m.auth)
        .send({ ...cart, balanceToUse: 3000, expectedPayableFen: 3000 })
        .expect(201)
    ).body;
    expect(order).toMatchObject({ status: 'paid', outTradeNo: null, payParams: null });
    // 5000 − 2900 spent + 30 earned + 100 first-order reward.
    expect(await points(m.auth)).toBe(2230);

    // Refunded in full: the 2900 points come back as a new lot, earned and reward points are clawed back.
    const view = (await t.http().get(`/api/orders/${order.orderId}`).set('authorization', m.auth)).body;
    const sale = (
      await t
        .http()
        .post(`/api/orders/${order.orderId}/after-sales`)
        .set('authorization', m.auth)
        .send({ lines: [{ lineId: view.lines[0].id, quantity: 1 }], reason: '退' })
        .expect(201)
    ).body;
    const done = (await t.http().post(`/api/admin/after-sales/${sale.id}/approve`).set('authorization', ops).send({ note: 'ok' }).expect(201)).body;
    expect(done).toMatchObject({ status: 'completed', cashFen: 0, balanceFen: 3000, pointsReturned: 2900 });
    expect(await points(m.auth)).toBe(5000);
    expect(await wallet(m.auth)).toMatchObject({ principal: 20000, bonus: 2000 });
    const lots = (await t.http().get('/api/points/entries').set('authorization', m.auth).expect(200)).body.items.map((e: { kind: string }) => e.kind);
    expect(lots).toEqual(expect.arrayContaining(['restore', 'clawback']));
  });
  it('referral: the inviter earns once when the invitee pays a first order, and loses it when that order is refunded in full', async () => {
    const inviter = await member('ref-inviter');
    const login = (
      await t
        .http()
        .post('/api/auth/wechat/login')
        .send({ code: 'ref-invitee:c1', scene: `r${inviter.id}` })
        .expect(200)
    ).body;
    const invitee = { id: login.member.id as number, auth: `Bearer ${login.accessToken}` };
    await ds.transaction((m) =>
      t.app.get(WalletLedgerService).move(m, {
        memberId: invitee.id,
        deltaPrincipalFen: 200000,
        deltaBonusFen: 0,
        kind: 'adjust',
        refType: 'test',
        refId: 'seed',
        idempotencyKey: `ref-seed:${invitee.id}`,
      }),
    );
    const buy = async () =>
      (
        await t
          .http()
          .post('/api/orders')
          .set('authorization', invitee.auth)
          .send({ lines: [{ skuId: coffeeSku.id, quantity: 1 }], balanceToUse: 20000, fulfilment: 'pickup', storeId: 1 })
          .expect(201)
      ).body;
    const before = await points(inviter.auth);
    const first = await buy();
    expect(first.status).toBe('paid');
    expect(await points(inviter.auth)).toBe(before + 200);
    await buy();
    expect(await points(inviter.auth)).toBe(before + 200);

    const view = (await t.http().get(`/api/orders/${first.orderId}`).set('authorization', invitee.auth).expect(200)).body;
    const sale = (
      await t
        .http()
        .post(`/api/orders/${first.orderId}/after-sales`)
        .set('authorization', invitee.auth)
        .send({ lines: view.lines.map((l: { id: number; quantity: number }) => ({ lineId: l.id, quantity: l.quantity })), reason: '不想要了' })
        .expect(201)
    ).body;
    await t.http().post(`/api/admin/after-sales/${sale.id}/approve`).set('authorization', ops).send({ note: 'ok' }).expect(201);
    await waitFor(async () => (await points(inviter.auth)) === before, 'referral reward clawed back');
  });

  it('pickup orders name an open store the member chose; a closed or unknown store is refused and nothing is written', async () => {
    const m = await member('mall-pickup', 50000);
    const second = await ds
      .getRepository(Store)
      .save(ds.getRepository(Store).create({ name: '静安店', address: '南京西路 1 号', openingHours: '10:00-22:00', active: true }));
    const context = (
      await t
        .http()
        .post('/api/orders/checkout-context')
        .set('authorization', m.auth)
        .send({ lines: [{ skuId: coffeeSku.id, quantity: 1 }], fulfilment: 'pickup' })
        .expect(200)
    ).body;
    expect(context.pickupStores.map((s: { id: number }) => s.id)).toEqual(expect.arrayContaining([1, second.id]));
    const cart = { lines: [{ skuId: coffeeSku.id, quantity: 1 }], balanceToUse: 5900, fulfilment: 'pickup' as const };
    const order = (
      await t
        .http()
        .post('/api/orders')
        .set('authorization', m.auth)
        .send({ ...cart, storeId: second.id })
        .expect(201)
    ).body;
    const view = (await t.http().get(`/api/orders/${order.orderId}`).set('authorization', m.auth).expect(200)).body;
    expect(view).toMatchObject({
      status: 'paid',
      statusText: '待自提',
      storeId: second.id,
      store: { id: second.id, name: '静安店', address: '南京西路 1 号' },
    });

    await ds.getRepository(Store).update({ id: second.id }, { active: false });
    const closed = await t
      .http()
      .post('/api/orders')
      .set('authorization', m.auth)
      .send({ ...cart, storeId: second.id })
      .expect(422);
    expect(closed.body).toMatchObject({ code: 'STORE_CLOSED', message: expect.stringContaining('静安店') });
    expect(
      (
        await t.http().post('/api/orders/checkout-context').set('authorization', m.auth).send({ lines: cart.lines, fulfilment: 'pickup' }).expect(200)
      ).body.pickupStores.map((s: { id: number }) => s.id),
    ).not.toContain(second.id);
    const unknown = await t
      .http()
      .post('/api/orders')
      .set('authorization', m.auth)
      .send({ ...cart, storeId: 99999 })
      .expect(404);
    expect(unknown.body.code).toBe('NOT_FOUND');
    expect((await t.http().get('/api/orders').set('authorization', m.auth).expect(200)).body.items).toHaveLength(1);
    expect(await wallet(m.auth)).toMatchObject({ total: 55000 - 5900 });
  });

  it('every unit of stock is accounted for: each SKU counter equals the sum of its movements, and every hold was sold or released', async () => {
    const skus = await ds.getRepository(Sku).find();
    const sums = await ds.transaction((m) => t.app.get(StockService).movementSums(m));
    for (const sku of skus) expect([sku.id, sku.stock]).toEqual([sku.id, sums.get(sku.id) ?? 0]);
    const movements = await ds.getRepository(StockMovement).find();
    const holds = movements.filter((x) => x.kind === 'hold');
    expect(holds.length).toBeGreaterThan(10);
    const settled = (h: StockMovement) =>
      movements.some((x) => x.refType === h.refType && x.refId === h.refId && x.skuId === h.skuId && (x.kind === 'sale' || x.kind === 'release'));
    const pendingOrders = new Set(
      (await t.http().get('/api/admin/orders?status=pending_payment&pageSize=100').set('authorization', ops).expect(200)).body.items.map((o: { id: number }) =>
        String(o.id),
      ),
    );
    for (const h of holds) expect([h.refId, settled(h) || pendingOrders.has(h.refId)]).toEqual([h.refId, true]);
    expect(movements.filter((x) => x.kind === 'return').length).toBeGreaterThan(0);
  });
});
