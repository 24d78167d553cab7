import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { beijingDate, type DealReport, type FlashSalePerformanceRow, type GroupBuyPerformanceRow } from '@mall/shared';
import { AuditLog } from '@mall/server/audit/audit-log.entity';
import { Sku } from '@mall/server/catalog/sku.entity';
import { GroupBuyJobs } from '@mall/server/group-buy/group-buy.jobs';
import { GroupBuyMember } from '@mall/server/group-buy/group-buy.entity';
import { DemoSeeder } from '@mall/server/seed/demo-seeder';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { simPay, waitFor } from '../helpers/wechat-pay';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * The deal performance report on a seeded scenario: every figure is compared with a count the test
 * makes itself — from what it did, and from raw SQL over the orders, slots and reservations.
 */
describe('deal performance report: flash sales and group buys, figures equal independent counts; CSV; who may read', () => {
  let t: TestApp;
  let ds: DataSource;
  let ops: string;
  let finance: string;
  let manager: string;
  let sku: Sku;
  let gbSku: Sku;
  let seq = 0;
  const today = beijingDate();

  beforeAll(async () => {
    t = await startTestApp({ WECHAT_SIM_NOTIFY_TIME_SCALE: '0.001', PAYMENT_TTL_SECONDS: '120' });
    ds = t.app.get<DataSource>(getDataSourceToken());
    await t.app.get(DemoSeeder).seed();
    for (const [username, role] of [
      ['dr-ops', 'ops'],
      ['dr-fin', 'finance'],
      ['dr-mgr', 'store_manager'],
    ] as const)
      await t.createAccount({ username, password: `${username}-pass`, displayName: username, role, storeId: role === 'store_manager' ? 1 : null });
    ops = `Bearer ${(await t.loginAccount('dr-ops', 'dr-ops-pass')).accessToken}`;
    finance = `Bearer ${(await t.loginAccount('dr-fin', 'dr-fin-pass')).accessToken}`;
    manager = `Bearer ${(await t.loginAccount('dr-mgr', 'dr-mgr-pass')).accessToken}`;
    const skus = await ds.getRepository(Sku).find({ where: { enabled: true }, order: { priceFen: 'DESC' } });
    sku = skus.find((s) => s.stock >= 100 && s.priceFen > 1000)!;
    gbSku = skus.find((s) => s.id !== sku.id && s.stock >= 20)!;
  });
  afterAll(() => t?.close());

  const member = async (name: string) => {
    const login = await t.loginMember(`dr-${name}-${++seq}`);
    const auth = `Bearer ${login.accessToken}`;
    const address = (
      await t
        .http()
        .post('/api/addresses')
        .set('authorization', auth)
        .send({ name: '钱七', phone: '13900139000', region: '上海市 黄浦区', detail: '人民大道 1 号', isDefault: true })
        .expect(201)
    ).body;
    return { auth, id: login.member.id as number, addressId: address.id as number };
  };
  type Buyer = Awaited<ReturnType<typeof member>>;
  const pay = async (b: Buyer, r: { orderId: number; outTradeNo: string | null }) => {
    if (r.outTradeNo) await simPay(t, r.outTradeNo);
    await waitFor(async () => (await t.http().get(`/api/orders/${r.orderId}`).set('authorization', b.auth)).body.status === 'paid', `order ${r.orderId} paid`);
  };
  const createFlashSale = async (name: string, over: object = {}) =>
    (
      await t
        .http()
        .post('/api/admin/flash-sales')
        .set('authorization', ops)
        .send({
          name,
          skuId: sku.id,
          dealPriceFen: Math.floor(sku.priceFen / 2),
          stockTotal: 10,
          perMemberLimit: 2,
          startAt: new Date(Date.now() - MINUTE).toISOString(),
          endAt: new Date(Date.now() + HOUR).toISOString(),
          holdMinutes: 15,
          audience: { kind: 'everyone' },
          enabled: true,
          ...over,
        })
        .expect(201)
    ).body as { id: number };
  const buyFlash = async (b: Buyer, id: number, quantity: number) =>
    (await t.http().post(`/api/flash-sales/${id}/orders`).set('authorization', b.auth).send({ quantity, fulfilment: 'pickup', storeId: 1 }).expect(201)).body;
  const view = (b: Buyer, productId: number) =>
    t
      .http()
      .post('/api/events')
      .set('authorization', b.auth)
      .send({ events: [{ id: `dr-view-${++seq}`, type: 'view', objectId: productId }] })
      .expect(202);
  const report = async (auth: string, from = today, to = today) =>
    (await t.http().get(`/api/admin/deal-report?from=${from}&to=${to}`).set('authorization', auth).expect(200)).body as DealReport;
  const sql = async (query: string, params: unknown[]) => Number(Object.values((await ds.query(query, params))[0] as object)[0] ?? 0);

  let flashId: number;
  let warmupId: number;
  let pastId: number;
  let dealId: number;
  let failedRefundFen = 0;

  it('seeds the scenario: two flash sales, one group-buy deal with a completed, a failed and an unpaid group', async () => {
    const [a, b, c] = [await member('a'), await member('b'), await member('c')];
    warmupId = (await createFlashSale('预热秒杀')).id;
    flashId = (await createFlashSale('主秒杀')).id;
    pastId = (
      await createFlashSale('上月秒杀', { startAt: new Date(Date.now() - 40 * DAY).toISOString(), endAt: new Date(Date.now() - 39 * DAY).toISOString() })
    ).id;
    // b pays in the warm-up sale first: in the main sale b is a returning buyer, not a new member.
    await pay(b, await buyFlash(b, warmupId, 1));
    await pay(a, await buyFlash(a, flashId, 2));
    await pay(b, await buyFlash(b, flashId, 1));
    await buyFlash(c, flashId, 1); // never paid: a reservation, no order paid
    for (const m of [a, b, c, a]) await view(m, sku.productId);

    dealId = (
      await t
        .http()
        .post('/api/admin/group-buys/deals')
        .set('authorization', ops)
        .send({
          name: '两人团',
          skuId: gbSku.id,
          groupPriceFen: Math.floor(gbSku.priceFen / 2),
          leaderDiscountFen: 0,
          groupSize: 2,
          timeLimitMinutes: 60,
          audience: 'everyone',
          allowRejoin: false,
          startsAt: new Date(Date.now() - HOUR).toISOString(),
          endsAt: new Date(Date.now() + 48 * HOUR).toISOString(),
        })
        .expect(201)
    ).body.id;
    const [l1, m1, l2, l3] = [await member('l1'), await member('m1'), await member('l2'), await member('l3')];
    const open = (b: Buyer) =>
      t.http().post(`/api/group-buys/deals/${dealId}/open`).set('authorization', b.auth).send({ fulfilment: 'delivery', addressId: b.addressId }).expect(201);
    const g1 = (await open(l1)).body;
    await pay(l1, g1);
    const j1 = (
      await t
        .http()
        .post(`/api/group-buys/groups/${g1.groupId}/join`)
        .set('authorization', m1.auth)
        .send({ fulfilment: 'delivery', addressId: m1.addressId })
        .expect(201)
    ).body;
    await pay(m1, j1);
    const g2 = (await open(l2)).body;
    await pay(l2, g2);
    await open(l3); // never paid: a held slot of a pending group
    await view(l1, gbSku.productId);

    const jobs = t.app.get(GroupBuyJobs);
    const later = new Date(Date.now() + 2 * HOUR);
    await waitFor(async () => {
      await jobs.runOnce(later);
      return (await ds.getRepository(GroupBuyMember).countBy({ groupId: g2.groupId, status: 'refunded' })) === 1;
    }, 'failed group refunded');
    failedRefundFen = (await ds.getRepository(GroupBuyMember).findOneByOrFail({ groupId: g2.groupId })).refundedFen;
    expect(failedRefundFen).toBeGreaterThan(0);
  });

  it('flash-sale figures equal the counts the test makes itself and raw SQL over orders and reservations', async () => {
    const r = await report(finance);
    expect(r.flashSales.map((f) => f.id).sort()).toEqual([warmupId, flashId].sort()); // last month's sale is outside the days
    const main = r.flashSales.find((f) => f.id === flashId)!;
    const paidSql = `FROM shop_order o JOIN flash_sale_reservation r ON r.order_id = o.id WHERE r.event_id = ? AND o.paid_at IS NOT NULL`;
    expect(main).toMatchObject<Partial<FlashSalePerformanceRow>>({
      name: '主秒杀',
      stockTotal: 10,
      views: 4,
      reservations: 3,
      paidOrders: 2,
      unitsSold: 3,
      sellThroughBps: 3000,
      refundOrders: 0,
      refundFen: 0,
      uniqueBuyers: 2,
      newMembers: 1,
    });
    expect(main.reservations).toBe(await sql('SELECT COUNT(*) FROM flash_sale_reservation WHERE event_id = ?', [flashId]));
    expect(main.paidOrders).toBe(await sql(`SELECT COUNT(*) ${paidSql}`, [flashId]));
    expect(main.revenueFen).toBe(await sql(`SELECT SUM(o.payable_fen) ${paidSql}`, [flashId]));
    expect(main.revenueFen).toBe(3 * Math.floor(sku.priceFen / 2)); // pickup: no shipping
    expect(main.unitsSold).toBe(
      await sql(
        `SELECT SUM(l.quantity) FROM order_line l JOIN flash_sale_reservation r ON r.order_id = l.order_id WHERE r.event_id = ? AND r.status = 'sold'`,
        [flashId],
      ),
    );
    expect(main.uniqueBuyers).toBe(await sql(`SELECT COUNT(DISTINCT o.member_id) ${paidSql}`, [flashId]));
    const warm = r.flashSales.find((f) => f.id === warmupId)!;
    expect(warm).toMatchObject({ reservations: 1, paidOrders: 1, unitsSold: 1, uniqueBuyers: 1, newMembers: 1, sellThroughBps: 1000 });

    const wide = await report(ops, beijingDate(new Date(Date.now() - 45 * DAY)), today);
    expect(wide.flashSales.find((f) => f.id === pastId)).toMatchObject({ reservations: 0, paidOrders: 0, revenueFen: 0, views: 0, sellThroughBps: 0 });
    const before = await report(ops, beijingDate(new Date(Date.now() - 45 * DAY)), beijingDate(new Date(Date.now() - 30 * DAY)));
    expect(before.flashSales.map((f) => f.id)).toEqual([pastId]);
    expect(before.groupBuys).toEqual([]);
  });

  it('group-buy figures: groups opened / completed / failed, completion rate, refunds and buyers equal independent counts', async () => {
    const g = (await report(ops)).groupBuys.find((d) => d.id === dealId)!;
    const paidSql = `FROM shop_order o JOIN group_buy_member m ON m.order_id = o.id WHERE m.deal_id = ? AND o.paid_at IS NOT NULL`;
    expect(g).toMatchObject<Partial<GroupBuyPerformanceRow>>({
      name: '两人团',
      groupSize: 2,
      views: 1,
      reservations: 4,
      paidOrders: 3,
      unitsSold: 2,
      sellThroughBps: null,
      groupsOpened: 2,
      groupsCompleted: 1,
      groupsFailed: 1,
      completionBps: 5000,
      refundOrders: 1,
      refundFen: failedRefundFen,
      uniqueBuyers: 3,
      newMembers: 3,
    });
    expect(g.reservations).toBe(await sql('SELECT COUNT(*) FROM group_buy_member WHERE deal_id = ?', [dealId]));
    expect(g.paidOrders).toBe(await sql(`SELECT COUNT(*) ${paidSql}`, [dealId]));
    expect(g.revenueFen).toBe(await sql(`SELECT SUM(o.payable_fen) ${paidSql}`, [dealId]));
    expect(g.refundFen).toBe(
      await sql(
        `SELECT SUM(a.cash_fen + a.balance_fen) FROM after_sale a JOIN group_buy_member m ON m.order_id = a.order_id WHERE m.deal_id = ? AND a.status = 'completed'`,
        [dealId],
      ),
    );
    expect(g.groupsOpened).toBe(await sql('SELECT COUNT(*) FROM group_buy_group WHERE deal_id = ? AND opened_at IS NOT NULL', [dealId]));
  });

  it('CSV: UTF-8 with a BOM, Chinese headers, one row per deal with the same figures; the export is audited', async () => {
    const res = await t.http().get(`/api/admin/deal-report/export.csv?from=${today}&to=${today}`).set('authorization', finance).buffer(true).expect(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain(`deal-report-${today}-${today}.csv`);
    expect(res.text.charCodeAt(0)).toBe(0xfeff);
    const lines = res.text.slice(1).trim().split(/\r?\n/);
    const header = lines[0].split(',');
    expect(header.slice(0, 3)).toEqual(['类型', '活动ID', '活动名称']);
    expect(lines).toHaveLength(1 + 3);
    const row = (id: number, kind: string) =>
      Object.fromEntries(
        lines
          .map((l) => l.split(','))
          .find((c) => c[0] === kind && Number(c[1]) === id)!
          .map((v, i) => [header[i], v]),
      );
    const main = row(flashId, '秒杀');
    expect(main).toMatchObject({ 活动名称: '主秒杀', 支付订单: '2', 售出件数: '3', 售罄率: '30.00%', 新客: '1', 开团数: '' });
    const deal = row(dealId, '拼团');
    expect(deal).toMatchObject({ 开团数: '2', 成团数: '1', 失败团数: '1', 成团率: '50.00%', 售罄率: '—' });
    expect(Number(deal['退款金额(元)']) * 100).toBeCloseTo(failedRefundFen, 6);
    const audit = await ds.getRepository(AuditLog).findBy({ action: 'deal_report.export' });
    expect(audit).toHaveLength(1);
  });

  it('brand roles read it (admin, ops, finance); store managers and members get 403; bad ranges 400', async () => {
    await t.http().get(`/api/admin/deal-report?from=${today}&to=${today}`).set('authorization', manager).expect(403);
    await t.http().get(`/api/admin/deal-report/export.csv?from=${today}&to=${today}`).set('authorization', manager).expect(403);
    const m = await member('nosy');
    await t.http().get(`/api/admin/deal-report?from=${today}&to=${today}`).set('authorization', m.auth).expect(403);
    await t.http().get(`/api/admin/deal-report?from=${today}&to=${today}`).expect(401);
    const bad = await t.http().get(`/api/admin/deal-report?from=${today}&to=2020-01-01`).set('authorization', ops).expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    await t.http().get('/api/admin/deal-report?from=2026-13-01&to=2026-12-01').set('authorization', ops).expect(400);
  });

  it('虚拟成团 (off by default): at the time limit a group not full completes with virtual members, shown as such and counted in the report', async () => {
    const plain = (await t.http().get(`/api/admin/group-buys/deals/${dealId}`).set('authorization', ops).expect(200)).body;
    expect(plain.fillWithVirtual).toBe(false);
    const virtualDeal = (
      await t
        .http()
        .post('/api/admin/group-buys/deals')
        .set('authorization', ops)
        .send({
          name: '三人团虚拟成团',
          skuId: gbSku.id,
          groupPriceFen: Math.floor(gbSku.priceFen / 2),
          leaderDiscountFen: 0,
          groupSize: 3,
          timeLimitMinutes: 60,
          audience: 'everyone',
          allowRejoin: false,
          fillWithVirtual: true,
          startsAt: new Date(Date.now() - HOUR).toISOString(),
          endsAt: new Date(Date.now() + 48 * HOUR).toISOString(),
        })
        .expect(201)
    ).body;
    expect(virtualDeal.fillWithVirtual).toBe(true);
    const [leader, holder] = [await member('v-leader'), await member('v-holder')];
    const opened = (
      await t
        .http()
        .post(`/api/group-buys/deals/${virtualDeal.id}/open`)
        .set('authorization', leader.auth)
        .send({ fulfilment: 'delivery', addressId: leader.addressId })
        .expect(201)
    ).body;
    await pay(leader, opened);
    const held = (
      await t
        .http()
        .post(`/api/group-buys/groups/${opened.groupId}/join`)
        .set('authorization', holder.auth)
        .send({ fulfilment: 'delivery', addressId: holder.addressId })
        .expect(201)
    ).body; // never paid
    const jobs = t.app.get(GroupBuyJobs);
    const later = new Date(Date.now() + 2 * HOUR);
    const runs = await Promise.all([jobs.runOnce(later), jobs.runOnce(later)]);
    expect(runs.reduce((n, r) => n + r.filled, 0)).toBe(1);
    const group = (await t.http().get(`/api/group-buys/groups/${opened.groupId}`).set('authorization', leader.auth).expect(200)).body;
    // One paid member; the two missing slots (the unpaid holder's too) are virtual, and the holder's order is closed.
    expect(group).toMatchObject({ status: 'completed', paidCount: 1, virtualCount: 2, mine: { memberStatus: 'paid' } });
    expect(group.members).toHaveLength(1);
    await waitFor(
      async () => (await t.http().get(`/api/orders/${held.orderId}`).set('authorization', holder.auth)).body.status === 'cancelled',
      'held order closed',
    );
    await Promise.all([jobs.runOnce(later), jobs.runOnce(later)]);
    expect((await t.http().get(`/api/group-buys/groups/${opened.groupId}`).set('authorization', leader.auth).expect(200)).body.virtualCount).toBe(2);

    const row = (await report(ops)).groupBuys.find((d) => d.id === virtualDeal.id)!;
    expect(row).toMatchObject({
      groupsOpened: 1,
      groupsCompleted: 1,
      groupsFailed: 0,
      virtualMembers: 2,
      groupsCompletedWithVirtual: 1,
      paidOrders: 1,
      unitsSold: 1,
      reservations: 2,
      refundOrders: 0,
    });
    expect(row.virtualMembers).toBe(await sql('SELECT SUM(virtual_count) FROM group_buy_group WHERE deal_id = ?', [virtualDeal.id]));
    expect((await report(ops)).groupBuys.find((d) => d.id === dealId)).toMatchObject({ virtualMembers: 0, groupsCompletedWithVirtual: 0 });
    const csv = (await t.http().get(`/api/admin/deal-report/export.csv?from=${today}&to=${today}`).set('authorization', ops).buffer(true).expect(200)).text;
    const lines = csv.slice(1).trim().split(/\r?\n/);
    const header = lines[0].split(',');
    const cells = lines.map((l) => l.split(',')).find((c) => c[0] === '拼团' && Number(c[1]) === virtualDeal.id)!;
    expect(cells[header.indexOf('虚拟成员')]).toBe('2');
  });
});
