import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Sku } from '@mall/server/catalog/sku.entity';
import { OrderFulfilmentService } from '@mall/server/order/order-fulfilment.service';
import { Shipment, ShopOrder } from '@mall/server/order/order.entity';
import { DemoSeeder } from '@mall/server/seed/demo-seeder';
import { WalletLedgerService } from '@mall/server/wallet/wallet-ledger.service';
import { expectLedgerAuditPasses } from '../helpers/ledger-audit';
import { startTestApp, TestApp } from '../helpers/test-app';
import { simPay, waitFor } from '../helpers/wechat-pay';

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4e70000000049454e44ae426082',
  'hex',
);
const RETURN_ADDRESS = '上海市静安区南京西路 1266 号 售后组 021-00000000';

describe('fulfilment: shipments, logistics, auto-confirm; after-sales: return and refund, exchange, reject, photos', () => {
  let t: TestApp;
  let ds: DataSource;
  let ops: string;
  let coffee: Sku;
  let cookie: Sku;
  let trackingSeq = 0;

  beforeAll(async () => {
    t = await startTestApp({ WECHAT_SIM_NOTIFY_TIME_SCALE: '0.001', AFTER_SALE_RETURN_ADDRESS: RETURN_ADDRESS, ORDER_AUTO_CONFIRM_DAYS: '10' });
    ds = t.app.get<DataSource>(getDataSourceToken());
    await t.app.get(DemoSeeder).seed();
    [coffee, cookie] = await ds.getRepository(Sku).find({ order: { id: 'ASC' } });
    await t.createAccount({ username: 'ops-ship', password: 'ops-ship-pass', displayName: '运营', role: 'ops' });
    ops = `Bearer ${(await t.loginAccount('ops-ship', 'ops-ship-pass')).accessToken}`;
  });
  afterEach(() => expectLedgerAuditPasses(t));
  afterAll(() => t?.close());

  /** A fresh SF number each call (tracking numbers are unique per carrier). */
  const sfNo = () => `SF${String(1000000000000 + ++trackingSeq)}`;

  async function member(name: string, balanceFen = 0) {
    const login = await t.loginMember(name);
    const auth = `Bearer ${login.accessToken}`;
    if (balanceFen)
      await ds.transaction((m) =>
        t.app.get(WalletLedgerService).move(m, {
          memberId: login.member.id,
          deltaPrincipalFen: balanceFen,
          deltaBonusFen: 0,
          kind: 'adjust',
          refType: 'test',
          refId: 'seed',
          idempotencyKey: `seed-wallet:${login.member.id}`,
        }),
      );
    const address = (
      await t
        .http()
        .post('/api/addresses')
        .set('authorization', auth)
        .send({ name: '李四', phone: '13800138000', region: '浙江省 杭州市 西湖区', detail: '文三路 1 号', isDefault: true })
        .expect(201)
    ).body;
    return { id: login.member.id, auth, addressId: address.id as number };
  }

  /** A paid delivery order: part balance, the rest by simulated WeChat Pay. */
  async function paidOrder(m: { auth: string; addressId: number }, lines: { skuId: number; quantity: number }[], balanceToUse = 1000) {
    const created = (
      await t.http().post('/api/orders').set('authorization', m.auth).send({ lines, fulfilment: 'delivery', addressId: m.addressId, balanceToUse }).expect(201)
    ).body;
    if (created.outTradeNo) await simPay(t, created.outTradeNo);
    await waitFor(async () => (await order(m, created.orderId)).status === 'paid', 'order paid');
    return order(m, created.orderId);
  }
  const order = async (m: { auth: string }, id: number) => (await t.http().get(`/api/orders/${id}`).set('authorization', m.auth).expect(200)).body;
  const wallet = async (auth: string) => (await t.http().get('/api/wallet').set('authorization', auth).expect(200)).body;
  const stock = async (skuId: number) => (await ds.getRepository(Sku).findOneByOrFail({ id: skuId })).stock;
  const events = async (name: string, orderId: number) =>
    Number((await ds.query('SELECT COUNT(*) AS c FROM outbox_event WHERE name = ? AND payload LIKE ?', [name, `{"orderId":${orderId},%`]))[0].c);
  const ship = (orderId: number, body: object) => t.http().post(`/api/admin/orders/${orderId}/shipments`).set('authorization', ops).send(body);
  const shipAll = async (o: { id: number; lines: { id: number; quantity: number }[] }) =>
    ship(o.id, { carrierCode: 'SF', trackingNo: sfNo(), lines: o.lines.map((l) => ({ orderLineId: l.id, quantity: l.quantity })) }).expect(201);
  const sale = async (auth: string, id: number) => (await t.http().get(`/api/after-sales/${id}`).set('authorization', auth).expect(200)).body;

  it('ships in parts (部分发货 until every unit left), shows logistics to the owner only, and auto-confirms once with two job runs at once', async () => {
    const m = await member('ship-buyer', 5000);
    const nosy = await member('ship-nosy');
    const o = await paidOrder(m, [
      { skuId: coffee.id, quantity: 2 },
      { skuId: cookie.id, quantity: 1 },
    ]);
    const [coffeeLine, cookieLine] = o.lines;

    // Checked before anything moves: the carrier's number format, quantities, lines of this order.
    expect(
      (await ship(o.id, { carrierCode: 'JD', trackingNo: '773012345678901', lines: [{ orderLineId: coffeeLine.id, quantity: 1 }] }).expect(400)).body.message,
    ).toBe('这不像京东物流的单号，请核对');
    await ship(o.id, { carrierCode: 'NOPE', trackingNo: 'SF1234567890123', lines: [{ orderLineId: coffeeLine.id, quantity: 1 }] }).expect(400);
    expect((await ship(o.id, { carrierCode: 'SF', trackingNo: sfNo(), lines: [{ orderLineId: coffeeLine.id, quantity: 3 }] }).expect(400)).body).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { lineId: coffeeLine.id, remaining: 2 },
    });

    const first = (await ship(o.id, { carrierCode: 'SF', trackingNo: 'sf 1234 5678 90123', lines: [{ orderLineId: coffeeLine.id, quantity: 1 }] }).expect(201))
      .body;
    expect(first).toMatchObject({
      carrierCode: 'SF',
      carrierName: '顺丰速运',
      trackingNo: 'SF1234567890123',
      lines: [{ orderLineId: coffeeLine.id, quantity: 1 }],
    });
    let view = await order(m, o.id);
    expect(view).toMatchObject({ status: 'paid', statusText: '部分发货', partiallyShipped: true, autoConfirmAt: null });
    expect(view.lines.map((l: { shippedQuantity: number }) => l.shippedQuantity)).toEqual([1, 0]);
    // The same parcel twice is refused.
    expect(
      (await ship(o.id, { carrierCode: 'SF', trackingNo: 'SF1234567890123', lines: [{ orderLineId: cookieLine.id, quantity: 1 }] }).expect(409)).body.code,
    ).toBe('CONFLICT');

    await ship(o.id, {
      carrierCode: 'ZTO',
      trackingNo: '773012345678901',
      lines: [
        { orderLineId: coffeeLine.id, quantity: 1 },
        { orderLineId: cookieLine.id, quantity: 1 },
      ],
    }).expect(201);
    view = await order(m, o.id);
    expect(view).toMatchObject({ status: 'shipped', statusText: '待收货', partiallyShipped: false });
    expect(view.shipments.map((s: { carrierName: string }) => s.carrierName)).toEqual(['顺丰速运', '中通快递']);
    expect(Date.parse(view.autoConfirmAt) - Date.parse(view.shippedAt)).toBe(10 * 86_400_000);
    await ship(o.id, { carrierCode: 'SF', trackingNo: sfNo(), lines: [{ orderLineId: coffeeLine.id, quantity: 1 }] }).expect(409);
    expect(await events('order.shipped', o.id)).toBe(2);

    // Logistics: nothing scanned yet; three days later the simulator has delivered both parcels.
    let logistics = (await t.http().get(`/api/orders/${o.id}/logistics`).set('authorization', m.auth).expect(200)).body;
    expect(logistics.parcels.map((p: { stageText: string; events: unknown[] }) => [p.stageText, p.events.length])).toEqual([
      ['待揽收', 0],
      ['待揽收', 0],
    ]);
    const threeDaysAgo = new Date(Date.now() - 3 * 86_400_000);
    await ds.getRepository(Shipment).update({ orderId: o.id }, { shippedAt: threeDaysAgo });
    logistics = (await t.http().get(`/api/orders/${o.id}/logistics`).set('authorization', m.auth).expect(200)).body;
    expect(logistics.parcels[0]).toMatchObject({ carrierName: '中通快递', trackingNo: '773012345678901', stage: 'signed', stageText: '已签收' });
    expect(logistics.parcels[0].events.map((e: { stage: string }) => e.stage)).toEqual(['signed', 'delivering', 'in_transit', 'in_transit', 'collected']);
    expect(logistics.parcels[0].events[0].description).toContain('浙江省杭州市');
    expect(logistics.parcels[1].lines).toEqual([expect.objectContaining({ orderLineId: coffeeLine.id, quantity: 1, productName: coffeeLine.productName })]);
    await t.http().get(`/api/orders/${o.id}/logistics`).set('authorization', nosy.auth).expect(404);
    expect((await t.http().get(`/api/admin/orders/${o.id}/logistics`).set('authorization', ops).expect(200)).body.parcels).toHaveLength(2);

    // Auto-confirm: not before ORDER_AUTO_CONFIRM_DAYS; then two runs at once confirm and announce it once.
    const jobs = t.app.get(OrderFulfilmentService);
    expect(await jobs.autoConfirmDue()).toEqual({ confirmed: 0 });
    await ds.getRepository(ShopOrder).update({ id: o.id }, { shippedAt: new Date(Date.now() - 10 * 86_400_000 - 60_000) });
    const runs = await Promise.all([jobs.autoConfirmDue(), jobs.autoConfirmDue()]);
    expect(runs[0].confirmed + runs[1].confirmed).toBe(1);
    expect(await jobs.autoConfirmDue()).toEqual({ confirmed: 0 });
    expect(await order(m, o.id)).toMatchObject({ status: 'completed', statusText: '已完成' });
    expect(await events('order.completed', o.id)).toBe(1);
  });

  it('refunding the units still waiting to ship completes the shipping and puts only them back in stock', async () => {
    const m = await member('ship-cancel', 5000);
    const o = await paidOrder(m, [{ skuId: cookie.id, quantity: 2 }]);
    await ship(o.id, { carrierCode: 'SF', trackingNo: sfNo(), lines: [{ orderLineId: o.lines[0].id, quantity: 1 }] }).expect(201);
    const before = await stock(cookie.id);
    const s = (
      await t
        .http()
        .post(`/api/orders/${o.id}/after-sales`)
        .set('authorization', m.auth)
        .send({ lines: [{ lineId: o.lines[0].id, quantity: 1 }], reasonCode: 'not_shipped' })
        .expect(201)
    ).body;
    expect(s).toMatchObject({ kind: 'refund_only', kindText: '仅退款', reason: '未按时发货', status: 'pending' });
    await t.http().post(`/api/admin/after-sales/${s.id}/approve`).set('authorization', ops).send({ note: '同意' }).expect(201);
    await waitFor(async () => (await sale(m.auth, s.id)).status === 'completed', 'refunded');
    expect(await order(m, o.id)).toMatchObject({ status: 'shipped', partiallyShipped: false });
    expect(await stock(cookie.id)).toBe(before + 1);
  });

  it('return and refund through both sides: money back exactly, stock restocked once', async () => {
    const m = await member('return-buyer', 5000);
    const walletBefore = (await wallet(m.auth)).total;
    const stockBefore = await stock(coffee.id);
    const o = await paidOrder(m, [{ skuId: coffee.id, quantity: 2 }]);
    expect(o.amounts.balanceFen).toBe(1000);
    expect(o.amounts.cashFen).toBeGreaterThan(0);
    const lineId = o.lines[0].id;

    // Goods must have reached the member before they can come back.
    expect(
      (
        await t
          .http()
          .post(`/api/orders/${o.id}/after-sales`)
          .set('authorization', m.auth)
          .send({ kind: 'return_refund', lines: [{ lineId, quantity: 1 }], reasonCode: 'quality' })
          .expect(409)
      ).body.message,
    ).toBe('商品尚未发货，请选择仅退款');
    await shipAll(o);

    const photo = (await t.http().post('/api/uploads').set('authorization', m.auth).field('purpose', 'after_sale').attach('file', PNG, 'p.png').expect(201))
      .body;
    const returnOne = async (reasonCode: string, photoIds: number[] = []) => {
      const s = (
        await t
          .http()
          .post(`/api/orders/${o.id}/after-sales`)
          .set('authorization', m.auth)
          .send({ kind: 'return_refund', lines: [{ lineId, quantity: 1 }], reasonCode, reason: '杯子有裂纹', photoIds })
          .expect(201)
      ).body;
      expect(s).toMatchObject({ kind: 'return_refund', kindText: '退货退款', status: 'pending', statusText: '待审核' });
      const approved = (await t.http().post(`/api/admin/after-sales/${s.id}/approve`).set('authorization', ops).send({ note: '请寄回' }).expect(201)).body;
      expect(approved).toMatchObject({ status: 'awaiting_return', statusText: '待寄回', returnAddress: RETURN_ADDRESS, cashFen: 0 });
      // Ops cannot confirm receipt before the member sent it; nobody else can enter the tracking number.
      await t.http().post(`/api/admin/after-sales/${s.id}/receive`).set('authorization', ops).expect(409);
      const nosy = await member(`return-nosy-${s.id}`);
      await t
        .http()
        .post(`/api/after-sales/${s.id}/return-shipment`)
        .set('authorization', nosy.auth)
        .send({ carrierCode: 'YTO', trackingNo: 'YT1234567890123' })
        .expect(404);
      await t.http().get(`/api/after-sales/${s.id}`).set('authorization', nosy.auth).expect(404);
      const returning = (
        await t
          .http()
          .post(`/api/after-sales/${s.id}/return-shipment`)
          .set('authorization', m.auth)
          .send({ carrierCode: 'YTO', trackingNo: `YT${String(2000000000000 + s.id)}` })
          .expect(200)
      ).body;
      expect(returning).toMatchObject({ status: 'returning', statusText: '寄回中', returnParcel: { carrierCode: 'YTO', carrierName: '圆通速递' } });
      const received = (await t.http().post(`/api/admin/after-sales/${s.id}/receive`).set('authorization', ops).expect(201)).body;
      expect(received.receivedAt).not.toBeNull();
      await waitFor(async () => (await sale(m.auth, s.id)).status === 'completed', 'return refunded');
      // A second confirmation changes nothing.
      await t.http().post(`/api/admin/after-sales/${s.id}/receive`).set('authorization', ops).expect(409);
      return sale(m.auth, s.id);
    };

    const firstReturn = await returnOne('quality', [photo.id]);
    expect(firstReturn.photos).toEqual([{ id: photo.id, url: photo.url }]);
    expect(firstReturn.reason).toBe('质量问题：杯子有裂纹');
    expect(await stock(coffee.id)).toBe(stockBefore - 1);
    const secondReturn = await returnOne('damaged');
    expect(await order(m, o.id)).toMatchObject({ status: 'refunded' });

    // Every source got back exactly what it paid: the balance in full, the WeChat payment in full.
    expect(firstReturn.cashFen + secondReturn.cashFen).toBe(o.amounts.cashFen);
    expect(firstReturn.balanceFen + secondReturn.balanceFen).toBe(o.amounts.balanceFen);
    expect((await wallet(m.auth)).total).toBe(walletBefore);
    const [payment] = await ds.query('SELECT amount_fen, refunded_fen FROM payment WHERE id = (SELECT payment_id FROM shop_order WHERE id = ?)', [o.id]);
    expect(Number(payment.refunded_fen)).toBe(Number(payment.amount_fen));
    // Both units back in stock, one movement per request.
    expect(await stock(coffee.id)).toBe(stockBefore);
    const movements = await ds.query("SELECT ref_id, quantity FROM stock_movement WHERE kind = 'return' AND ref_type = 'after_sale' AND ref_id IN (?, ?)", [
      String(firstReturn.id),
      String(secondReturn.id),
    ]);
    expect(movements.map((r: { quantity: number }) => Number(r.quantity))).toEqual([1, 1]);
  });

  it('exchange: approve → return → received → replacement shipped; no money or stock moves', async () => {
    const m = await member('exchange-buyer', 5000);
    const o = await paidOrder(m, [{ skuId: cookie.id, quantity: 1 }]);
    await shipAll(o);
    const walletBefore = (await wallet(m.auth)).total;
    const stockBefore = await stock(cookie.id);
    const s = (
      await t
        .http()
        .post(`/api/orders/${o.id}/after-sales`)
        .set('authorization', m.auth)
        .send({ kind: 'exchange', lines: [{ lineId: o.lines[0].id, quantity: 1 }], reasonCode: 'wrong_item' })
        .expect(201)
    ).body;
    await t
      .http()
      .post(`/api/admin/after-sales/${s.id}/approve`)
      .set('authorization', ops)
      .send({ note: '可以换', returnAddress: '北京市朝阳区 售后仓' })
      .expect(201);
    expect((await sale(m.auth, s.id)).returnAddress).toBe('北京市朝阳区 售后仓');
    await t
      .http()
      .post(`/api/after-sales/${s.id}/return-shipment`)
      .set('authorization', m.auth)
      .send({ carrierCode: 'JTSDEX', trackingNo: 'JT0001234567890' })
      .expect(200);
    // The replacement waits for the goods to arrive.
    await t.http().post(`/api/admin/after-sales/${s.id}/replacement`).set('authorization', ops).send({ carrierCode: 'SF', trackingNo: sfNo() }).expect(409);
    expect((await t.http().post(`/api/admin/after-sales/${s.id}/receive`).set('authorization', ops).expect(201)).body).toMatchObject({
      status: 'received',
      statusText: '商家已收货',
    });
    const replacementNo = sfNo();
    const done = (
      await t
        .http()
        .post(`/api/admin/after-sales/${s.id}/replacement`)
        .set('authorization', ops)
        .send({ carrierCode: 'SF', trackingNo: replacementNo })
        .expect(201)
    ).body;
    expect(done).toMatchObject({
      status: 'completed',
      statusText: '已换货',
      cashFen: 0,
      balanceFen: 0,
      replacementParcel: { carrierCode: 'SF', trackingNo: replacementNo },
    });
    expect((await wallet(m.auth)).total).toBe(walletBefore);
    expect(await stock(cookie.id)).toBe(stockBefore);
    expect(Number((await ds.query('SELECT COUNT(*) AS c FROM refund WHERE out_refund_no LIKE ?', [`AS${s.id}%`]))[0].c)).toBe(0);
    expect(await order(m, o.id)).toMatchObject({ status: 'shipped' });
  });

  it('ops reject with a reason the member sees; the units can be asked for again', async () => {
    const m = await member('reject-buyer', 5000);
    const o = await paidOrder(m, [{ skuId: cookie.id, quantity: 1 }]);
    const body = { lines: [{ lineId: o.lines[0].id, quantity: 1 }], reasonCode: 'other', reason: '买错了' };
    const s = (await t.http().post(`/api/orders/${o.id}/after-sales`).set('authorization', m.auth).send(body).expect(201)).body;
    expect((await order(m, o.id)).lines[0].afterSaleQuantity).toBe(1);
    await t.http().post(`/api/admin/after-sales/${s.id}/reject`).set('authorization', ops).send({ note: '' }).expect(400);
    await t.http().post(`/api/admin/after-sales/${s.id}/reject`).set('authorization', ops).send({ note: '商品已拆封，不支持仅退款' }).expect(201);
    const mine = (await t.http().get(`/api/after-sales?orderId=${o.id}`).set('authorization', m.auth).expect(200)).body.items;
    expect(mine).toEqual([
      expect.objectContaining({ id: s.id, status: 'rejected', statusText: '已拒绝', reviewNote: '商品已拆封，不支持仅退款', reason: '买错了' }),
    ]);
    expect(
      Number(
        (await ds.query("SELECT COUNT(*) AS c FROM outbox_event WHERE name = 'after_sale.settled' AND payload LIKE ?", [`{"afterSaleId":${s.id},%`]))[0].c,
      ),
    ).toBe(1);
    expect((await order(m, o.id)).lines[0].afterSaleQuantity).toBe(0);
    await t.http().post(`/api/orders/${o.id}/after-sales`).set('authorization', m.auth).send(body).expect(201);
  });

  it('refuses photos of another member, too many photos, a reason from another kind, and more units than bought', async () => {
    const m = await member('photo-buyer', 5000);
    const other = await member('photo-other');
    const o = await paidOrder(m, [{ skuId: cookie.id, quantity: 2 }]);
    const lineId = o.lines[0].id;
    const upload = async (auth: string) =>
      (await t.http().post('/api/uploads').set('authorization', auth).field('purpose', 'after_sale').attach('file', PNG, 'p.png').expect(201)).body
        .id as number;
    const theirs = await upload(other.auth);
    const request = (body: object) => t.http().post(`/api/orders/${o.id}/after-sales`).set('authorization', m.auth).send(body);
    expect((await request({ lines: [{ lineId, quantity: 1 }], reasonCode: 'damaged', photoIds: [theirs] }).expect(400)).body).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: '图片不存在或不属于你',
    });
    const mine = await upload(m.auth);
    await request({ lines: [{ lineId, quantity: 1 }], reasonCode: 'damaged', photoIds: [mine, mine, mine, mine, mine, mine, mine] }).expect(400);
    expect((await request({ lines: [{ lineId, quantity: 1 }], reasonCode: 'size' }).expect(400)).body.message).toBe('请选择申请原因');
    await request({ lines: [{ lineId, quantity: 1 }] }).expect(400);
    expect((await request({ lines: [{ lineId, quantity: 3 }], reasonCode: 'damaged' }).expect(400)).body).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { lineId },
    });
    await t
      .http()
      .post(`/api/orders/${o.id}/after-sales`)
      .set('authorization', other.auth)
      .send({ lines: [{ lineId, quantity: 1 }], reason: 'x' })
      .expect(404);
    // Nothing was written by the refusals.
    expect((await order(m, o.id)).lines[0].afterSaleQuantity).toBe(0);
    const ok = (await request({ lines: [{ lineId, quantity: 1 }], reasonCode: 'damaged', photoIds: [mine] }).expect(201)).body;
    expect(ok.photos).toHaveLength(1);
  });
});
