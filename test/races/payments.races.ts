import type { DataSource } from 'typeorm';
import { Sku } from '@mall/server/catalog/sku.entity';
import { PaymentReconciler } from '@mall/server/payment/payment-reconciler';
import { expectLedgerAuditPasses } from '../helpers/ledger-audit';
import type { TestApp } from '../helpers/test-app';
import { craftNotify, postNotify, simDeliverNotifies, simNotifies, simPay, simRefundOutcome, waitFor } from '../helpers/wechat-pay';
import { raceMember, startRaceApp } from './race-helpers';

describe('races: payment notifies and refund outcomes through the real endpoints (MariaDB)', () => {
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

  const payment = async (outTradeNo: string) =>
    (await ds.query('SELECT status, refunded_fen, late_refund FROM payment WHERE out_trade_no = ?', [outTradeNo]))[0];
  const wallet = async (auth: string) => (await t.http().get('/api/wallet').set('authorization', auth).expect(200)).body;

  it('20 genuine first notifies race each other and a reconciliation run while the payment is still unpaid: credited once', async () => {
    const m = await raceMember(t, 'race-notify');
    const recharge = (await t.http().post('/api/wallet/recharges').set('authorization', m.auth).send({ planId: 3 }).expect(201)).body;
    await simPay(t, recharge.outTradeNo, { notify: false });
    expect((await payment(recharge.outTradeNo)).status).toBe('created');
    const reconciler = t.app.get(PaymentReconciler);
    await Promise.all([
      simDeliverNotifies(t, recharge.outTradeNo, 20),
      reconciler.runOnce(new Date(Date.now() + 90_000)),
      reconciler.runOnce(new Date(Date.now() + 90_000)),
    ]);
    await waitFor(async () => (await simNotifies(t, recharge.outTradeNo)).every((n) => n.delivered), 'all 20 notifies answered 2xx');
    expect(await simNotifies(t, recharge.outTradeNo)).toHaveLength(20);
    expect(await wallet(m.auth)).toMatchObject({ principal: 50000, bonus: 5000 });
    const credits = await ds.query("SELECT COUNT(*) AS c FROM wallet_entry WHERE member_id = ? AND kind = 'recharge'", [m.id]);
    expect(Number(credits[0].c)).toBe(1);
    // WeChat retries a notify (same id) whose answer took longer than its timeout, as can happen on a loaded
    // machine: count distinct notifies, each answered as applied or duplicate, at most one applied.
    const log = await ds.query('SELECT outcome, COUNT(*) AS c FROM payment_notify_log WHERE out_trade_no = ? GROUP BY outcome', [recharge.outTradeNo]);
    const outcomes = Object.fromEntries(log.map((r: { outcome: string; c: number }) => [r.outcome, Number(r.c)]));
    expect(Object.keys(outcomes).filter((o) => o !== 'applied' && o !== 'duplicate')).toEqual([]);
    const [distinct] = await ds.query(
      "SELECT COUNT(DISTINCT notify_id) AS c FROM payment_notify_log WHERE out_trade_no = ? AND outcome IN ('applied', 'duplicate')",
      [recharge.outTradeNo],
    );
    expect(Number(distinct.c)).toBe(20);
    expect(outcomes.applied ?? 0).toBeLessThanOrEqual(1);
  });

  async function paidOrder(name: string) {
    const m = await raceMember(t, name);
    const order = (
      await t
        .http()
        .post('/api/orders')
        .set('authorization', m.auth)
        .send({ lines: [{ skuId: sku.id, quantity: 1 }], fulfilment: 'pickup', storeId: 1 })
        .expect(201)
    ).body;
    await simPay(t, order.outTradeNo);
    await waitFor(async () => (await t.http().get(`/api/orders/${order.orderId}`).set('authorization', m.auth)).body.status === 'paid', 'paid');
    const view = (await t.http().get(`/api/orders/${order.orderId}`).set('authorization', m.auth)).body;
    return { m, order, view };
  }

  it.each(['ABNORMAL', 'CLOSED'] as const)(
    'a refund WeChat ends %s gives its reservation back exactly once, fails the after-sale and shows in the failed-refund list',
    async (outcome) => {
      const { m, order, view } = await paidOrder(`race-refund-${outcome}`);
      await simRefundOutcome(t, order.outTradeNo, outcome);
      const sale = (
        await t
          .http()
          .post(`/api/orders/${order.orderId}/after-sales`)
          .set('authorization', m.auth)
          .send({ lines: [{ lineId: view.lines[0].id, quantity: 1 }], reason: '退款' })
          .expect(201)
      ).body;
      const approved = (await t.http().post(`/api/admin/after-sales/${sale.id}/approve`).set('authorization', ops).send({ note: 'ok' }).expect(201)).body;
      expect(approved).toMatchObject({ status: 'refunding', cashFen: order.cashFen });
      await waitFor(
        async () =>
          (await t.http().get('/api/admin/after-sales?status=failed').set('authorization', ops)).body.items.some((a: { id: number }) => a.id === sale.id),
        'after-sale failed',
      );
      expect(await payment(order.outTradeNo)).toMatchObject({ status: 'paid' });
      expect(Number((await payment(order.outTradeNo)).refunded_fen)).toBe(0);
      const failed = (await t.http().get('/api/admin/refunds?status=failed').set('authorization', finance).expect(200)).body.items;
      expect(failed.find((r: { outTradeNo: string }) => r.outTradeNo === order.outTradeNo)).toMatchObject({
        status: 'failed',
        statusText: '退款失败',
        amountFen: order.cashFen,
        failureReason: expect.stringContaining(outcome),
      });

      // The REFUND notify replayed (concurrently) changes nothing more.
      const [notice] = (await simNotifies(t, order.outTradeNo)).filter((n) => n.eventType === `REFUND.${outcome}`);
      const replays = await Promise.all(Array.from({ length: 5 }, () => postNotify(t, notice.headers, notice.body)));
      expect(replays.map((r) => r.status)).toEqual([204, 204, 204, 204, 204]);
      expect(Number((await payment(order.outTradeNo)).refunded_fen)).toBe(0);
      const reservations = await ds.query(
        "SELECT COUNT(*) AS c FROM refund WHERE payment_id = (SELECT id FROM payment WHERE out_trade_no = ?) AND status = 'failed'",
        [order.outTradeNo],
      );
      expect(Number(reservations[0].c)).toBe(1);
    },
  );

  it('REFUND notifies that are forged or name an unknown refund are refused and change nothing', async () => {
    const { m, order, view } = await paidOrder('race-refund-forged');
    const sale = (
      await t
        .http()
        .post(`/api/orders/${order.orderId}/after-sales`)
        .set('authorization', m.auth)
        .send({ lines: [{ lineId: view.lines[0].id, quantity: 1 }], reason: '退款' })
        .expect(201)
    ).body;
    await simRefundOutcome(t, order.outTradeNo, 'SUCCESS');
    await t.http().post(`/api/admin/after-sales/${sale.id}/approve`).set('authorization', ops).send({ note: 'ok' }).expect(201);
    const refund = (
      await ds.query('SELECT out_refund_no FROM refund WHERE payment_id = (SELECT id FROM payment WHERE out_trade_no = ?)', [order.outTradeNo])
    )[0];
    await waitFor(
      async () => (await ds.query('SELECT status FROM refund WHERE out_refund_no = ?', [refund.out_refund_no]))[0].status === 'success',
      'refund success',
    );
    const resource = {
      mchid: t.config.wechatPay.mchId,
      out_trade_no: order.outTradeNo,
      out_refund_no: refund.out_refund_no,
      refund_id: '503x',
      refund_status: 'CLOSED',
      amount: { refund: order.cashFen, total: order.cashFen },
    };
    const forged = craftNotify(t, resource, { eventType: 'REFUND.CLOSED', tamperTag: true });
    expect((await postNotify(t, forged.headers, forged.body)).status).toBe(400);
    const unknown = craftNotify(t, { ...resource, out_refund_no: 'NO-SUCH-REFUND' }, { eventType: 'REFUND.CLOSED' });
    expect((await postNotify(t, unknown.headers, unknown.body)).status).toBe(400);
    const wrongAmount = craftNotify(t, { ...resource, amount: { refund: 1, total: order.cashFen } }, { eventType: 'REFUND.CLOSED' });
    expect((await postNotify(t, wrongAmount.headers, wrongAmount.body)).status).toBe(400);
    // A genuine CLOSED after SUCCESS is a duplicate settlement: the refund stays successful.
    const late = craftNotify(t, resource, { eventType: 'REFUND.CLOSED' });
    expect((await postNotify(t, late.headers, late.body)).status).toBe(204);
    expect((await ds.query('SELECT status FROM refund WHERE out_refund_no = ?', [refund.out_refund_no]))[0].status).toBe('success');
    expect(Number((await payment(order.outTradeNo)).refunded_fen)).toBe(order.cashFen);
    const rejected = await ds.query("SELECT COUNT(*) AS c FROM payment_notify_log WHERE out_trade_no IN (?, 'NO-SUCH-REFUND') AND outcome = 'rejected'", [
      refund.out_refund_no,
    ]);
    expect(Number(rejected[0].c)).toBeGreaterThanOrEqual(2);
  });

  it('a recharge refund by finance that WeChat closes puts the principal and bonus back once', async () => {
    const m = await raceMember(t, 'race-recharge-refund');
    const recharge = (await t.http().post('/api/wallet/recharges').set('authorization', m.auth).send({ planId: 3 }).expect(201)).body;
    await simPay(t, recharge.outTradeNo);
    await waitFor(async () => (await wallet(m.auth)).total === 55000, 'credited');
    await simRefundOutcome(t, recharge.outTradeNo, 'CLOSED');
    await t
      .http()
      .post(`/api/admin/payments/${recharge.outTradeNo}/refunds`)
      .set('authorization', finance)
      .set('idempotency-key', 'race-recharge-refund-1')
      .send({ amountFen: 20000, reason: '客户要求' })
      .expect(201);
    expect(await wallet(m.auth)).toMatchObject({ principal: 30000, bonus: 3000 });
    await waitFor(async () => (await wallet(m.auth)).total === 55000, 'wallet restored after the refund closed');
    await new Promise((r) => setTimeout(r, 300));
    expect(await wallet(m.auth)).toMatchObject({ principal: 50000, bonus: 5000 });
    expect(Number((await payment(recharge.outTradeNo)).refunded_fen)).toBe(0);
  });
});
