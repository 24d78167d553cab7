import type { DataSource } from 'typeorm';
import { Sku } from '@mall/server/catalog/sku.entity';
import { PointsMallItem } from '@mall/server/points/points-mall.entity';
import { expectLedgerAuditPasses } from '../helpers/ledger-audit';
import type { TestApp } from '../helpers/test-app';
import { simPay, waitFor } from '../helpers/wechat-pay';
import { burst, count, raceMember, startRaceApp } from './race-helpers';

describe('races: after-sales, withdrawals, the payment PIN and a cancel racing the payment (MariaDB)', () => {
  let t: TestApp;
  let ds: DataSource;
  let ops: string;
  let finance: string;
  let sku: Sku;

  beforeAll(async () => {
    ({ t, ds, ops, finance } = await startRaceApp());
    [sku] = await ds.getRepository(Sku).find({ order: { id: 'ASC' } });
  });
  afterAll(() => t?.close());
  afterEach(() => expectLedgerAuditPasses(t));

  async function paidOrder(name: string, quantity: number) {
    const m = await raceMember(t, name, { balanceFen: 100000 });
    const order = (
      await t
        .http()
        .post('/api/orders')
        .set('authorization', m.auth)
        .send({ lines: [{ skuId: sku.id, quantity }], fulfilment: 'pickup', storeId: 1, balanceToUse: 3000 })
        .expect(201)
    ).body;
    await simPay(t, order.outTradeNo);
    await waitFor(async () => (await t.http().get(`/api/orders/${order.orderId}`).set('authorization', m.auth)).body.status === 'paid', 'paid');
    const view = (await t.http().get(`/api/orders/${order.orderId}`).set('authorization', m.auth)).body;
    return { m, order, lineId: view.lines[0].id as number };
  }

  it('10 concurrent after-sale requests on one order create one; the same line twice beyond what was bought, or more units than bought, is refused', async () => {
    const { m, order, lineId } = await paidOrder('race-after-sale', 3);
    const tooMany = await t
      .http()
      .post(`/api/orders/${order.orderId}/after-sales`)
      .set('authorization', m.auth)
      .send({ lines: [{ lineId, quantity: 4 }], reason: 'x' })
      .expect(400);
    expect(tooMany.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { lineId } });
    const twice = await t
      .http()
      .post(`/api/orders/${order.orderId}/after-sales`)
      .set('authorization', m.auth)
      .send({
        lines: [
          { lineId, quantity: 2 },
          { lineId, quantity: 2 },
        ],
        reason: 'x',
      })
      .expect(400);
    expect(twice.body.message).toBe('退款数量超过可退数量');
    const results = await burst(10, () =>
      t
        .http()
        .post(`/api/orders/${order.orderId}/after-sales`)
        .set('authorization', m.auth)
        .send({ lines: [{ lineId, quantity: 1 }], reason: '并发' }),
    );
    expect(count(results, 201)).toBe(1);
    for (const r of results.filter((x) => x.status !== 201)) expect(r).toMatchObject({ status: 409, body: { code: 'CONFLICT' } });
    expect(Number((await ds.query("SELECT COUNT(*) AS c FROM after_sale WHERE order_id = ? AND status = 'pending'", [order.orderId]))[0].c)).toBe(1);
  });

  it('10 concurrent approvals of one after-sale refund once; later requests can never refund more than was paid', async () => {
    const { m, order, lineId } = await paidOrder('race-approve', 2);
    const sale = (
      await t
        .http()
        .post(`/api/orders/${order.orderId}/after-sales`)
        .set('authorization', m.auth)
        .send({ lines: [{ lineId, quantity: 2 }], reason: '全退' })
        .expect(201)
    ).body;
    const approvals = await burst(10, () => t.http().post(`/api/admin/after-sales/${sale.id}/approve`).set('authorization', ops).send({ note: 'ok' }));
    expect(count(approvals, 201)).toBe(1);
    for (const r of approvals.filter((x) => x.status !== 201)) expect(r).toMatchObject({ status: 409, body: { code: 'ORDER_STATE_CONFLICT' } });
    await waitFor(async () => (await t.http().get(`/api/orders/${order.orderId}`).set('authorization', m.auth)).body.status === 'refunded', 'refunded in full');
    const more = await t
      .http()
      .post(`/api/orders/${order.orderId}/after-sales`)
      .set('authorization', m.auth)
      .send({ lines: [{ lineId, quantity: 1 }], reason: '再退' })
      .expect(409);
    expect(more.body.code).toBe('ORDER_STATE_CONFLICT');
    const refunded = await ds.query('SELECT refunded_fen, amount_fen FROM payment WHERE out_trade_no = ?', [order.outTradeNo]);
    expect(Number(refunded[0].refunded_fen)).toBe(Number(refunded[0].amount_fen));
    expect((await t.http().get('/api/wallet').set('authorization', m.auth)).body.total).toBe(100000);
  });

  it('8 concurrent withdrawal requests leave one pending', async () => {
    const m = await raceMember(t, 'race-withdraw');
    const recharge = (await t.http().post('/api/wallet/recharges').set('authorization', m.auth).send({ planId: 1 }).expect(201)).body;
    await simPay(t, recharge.outTradeNo);
    await waitFor(async () => (await t.http().get('/api/wallet').set('authorization', m.auth)).body.principal === 10000, 'credited');
    const results = await burst(8, () => t.http().post('/api/wallet/withdrawals').set('authorization', m.auth).send({ reason: '不用了' }));
    expect(count(results, 201)).toBe(1);
    for (const r of results.filter((x) => x.status !== 201)) expect(r).toMatchObject({ status: 409, body: { code: 'CONFLICT' } });
    expect(Number((await ds.query("SELECT COUNT(*) AS c FROM withdrawal WHERE member_id = ? AND status = 'pending'", [m.id]))[0].c)).toBe(1);
    const id = results.find((r) => r.status === 201)!.body.id;
    const approvals = await burst(5, () => t.http().post(`/api/admin/withdrawals/${id}/approve`).set('authorization', finance).send({ note: '同意' }));
    expect(count(approvals, 201)).toBe(1);
    await waitFor(
      async () => Number((await ds.query("SELECT COUNT(*) AS c FROM refund WHERE status = 'success' AND out_refund_no LIKE ?", [`W${id}P%`]))[0].c) === 1,
      'withdrawal refunded',
    );
    expect((await t.http().get('/api/wallet').set('authorization', m.auth)).body).toMatchObject({ principal: 0, bonus: 0 });
  });

  it('the balance PIN: missing or wrong writes nothing; 31 parallel wrong guesses are compared at most 5 times before the lock', async () => {
    const m = await raceMember(t, 'race-pin', { balanceFen: 100000 });
    await t.http().post('/api/wallet/pin').set('authorization', m.auth).send({ pin: '135790' }).expect(204);
    const base = { lines: [{ skuId: sku.id, quantity: 4 }], fulfilment: 'pickup', storeId: 1 };
    const payable = (await t.http().post('/api/orders/preview').set('authorization', m.auth).send(base).expect(200)).body.breakdown.payableFen;
    expect(payable).toBeGreaterThanOrEqual(20000); // the default PIN threshold
    const cart = { ...base, balanceToUse: payable };
    const missing = await t.http().post('/api/orders').set('authorization', m.auth).send(cart).expect(422);
    expect(missing.body.code).toBe('WALLET_PIN_REQUIRED');
    const wrong = await t
      .http()
      .post('/api/orders')
      .set('authorization', m.auth)
      .send({ ...cart, pin: '000000' })
      .expect(422);
    expect(wrong.body).toMatchObject({ code: 'WALLET_PIN_INVALID', details: { remainingAttempts: 4 } });
    expect(Number((await ds.query('SELECT COUNT(*) AS c FROM shop_order WHERE member_id = ?', [m.id]))[0].c)).toBe(0);
    expect((await t.http().get('/api/wallet').set('authorization', m.auth)).body.total).toBe(100000);

    const guesses = await burst(31, (i) =>
      t
        .http()
        .post('/api/wallet/pin/verify')
        .set('authorization', m.auth)
        .send({ pin: String(100000 + i) }),
    );
    const compared = guesses.filter((g) => g.body && (g.body as { code?: string }).code === 'WALLET_PIN_INVALID').length;
    const locked = guesses.filter((g) => (g.body as { code?: string }).code === 'WALLET_PIN_LOCKED').length;
    // One wrong attempt was already counted: at most 4 more are compared (the 4th locks).
    expect(compared).toBeLessThanOrEqual(3);
    expect(compared + locked).toBe(31);
    const right = await t.http().post('/api/wallet/pin/verify').set('authorization', m.auth).send({ pin: '135790' }).expect(422);
    expect(right.body.code).toBe('WALLET_PIN_LOCKED');
  });

  /** Either paid (and kept) or closed with any money WeChat took refunded in full: never closed with money kept. */
  async function settledOneWay(outTradeNo: string) {
    const [p] = await ds.query('SELECT status, amount_fen, refunded_fen, late_refund FROM payment WHERE out_trade_no = ?', [outTradeNo]);
    if (p.status === 'paid' && (p.late_refund === 1 || p.late_refund === true))
      return Number(p.refunded_fen) === Number(p.amount_fen) ? 'closed-and-refunded' : 'closed-with-money';
    return p.status;
  }

  it('a member cancels an order, a recharge or a points + cash redemption while WeChat takes the payment: each ends paid or closed-and-refunded', async () => {
    const m = await raceMember(t, 'race-cancel-pay');
    const item = await ds
      .getRepository(PointsMallItem)
      .save(ds.getRepository(PointsMallItem).create({ name: '积分加钱购', pricePoints: 10, cashFen: 990, stock: 100, enabled: true, sortOrder: 11 }));
    const rich = await raceMember(t, 'race-cancel-pay-points', { points: 1000 });
    const outcomes: string[] = [];
    for (let i = 0; i < 6; i++) {
      const order = (
        await t
          .http()
          .post('/api/orders')
          .set('authorization', m.auth)
          .send({ lines: [{ skuId: sku.id, quantity: 1 }], fulfilment: 'pickup', storeId: 1 })
          .expect(201)
      ).body;
      const recharge = (await t.http().post('/api/wallet/recharges').set('authorization', m.auth).send({ planId: 1 }).expect(201)).body;
      const redemption = (await t.http().post(`/api/points/mall/${item.id}/redeem`).set('authorization', rich.auth).expect(201)).body;
      await Promise.all([
        t.http().post(`/api/orders/${order.orderId}/cancel`).set('authorization', m.auth),
        simPay(t, order.outTradeNo, { force: true }).catch(() => undefined),
        t.http().post(`/api/wallet/recharges/${recharge.rechargeId}/cancel`).set('authorization', m.auth),
        simPay(t, recharge.outTradeNo, { force: true }).catch(() => undefined),
        t.http().post(`/api/points/redemptions/${redemption.id}/cancel`).set('authorization', rich.auth),
        simPay(t, redemption.outTradeNo, { force: true }).catch(() => undefined),
      ]);
      for (const no of [order.outTradeNo, recharge.outTradeNo, redemption.outTradeNo]) {
        outcomes.push(
          await waitFor(async () => {
            const state = await settledOneWay(no);
            return state === 'paid' || state === 'closed-and-refunded' || state === 'closed' ? state : null;
          }, `payment ${no} settled`),
        );
      }
    }
    expect(outcomes).toHaveLength(18);
    for (const o of outcomes) expect(['paid', 'closed', 'closed-and-refunded']).toContain(o);
    await waitFor(async () => Number((await ds.query("SELECT COUNT(*) AS c FROM refund WHERE status = 'processing'"))[0].c) === 0, 'late refunds settled');
  });
});
