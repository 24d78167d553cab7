import { generateKeyPairSync } from 'node:crypto';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PAYMENT_PURPOSES } from '@mall/shared';
import { Payment } from '@mall/server/payment/payment.entity';
import { PaymentNotifyLog } from '@mall/server/payment/payment-notify-log.entity';
import { PaymentPurposeRegistry } from '@mall/server/payment/payment-purpose';
import { PaymentReconciler } from '@mall/server/payment/payment-reconciler';
import { PaymentService } from '@mall/server/payment/payment.service';
import { RefundService } from '@mall/server/payment/refund.service';
import { Refund } from '@mall/server/payment/refund.entity';
import { WalletEntry } from '@mall/server/wallet/wallet-entry.entity';
import { RechargePlan } from '@mall/server/wallet/recharge-plan.entity';
import { Recharge } from '@mall/server/wallet/recharge.entity';
import { WalletLedgerService } from '@mall/server/wallet/wallet-ledger.service';
import { startTestApp, TestApp } from '../helpers/test-app';
import { craftNotify, postNotify, simNotifies, simPay, successTransaction, waitFor } from '../helpers/wechat-pay';

describe('payments: WeChat Pay v3 against the simulator, exactly once', () => {
  let t: TestApp;
  let ds: DataSource;
  let planId: number;
  const lateAccepted: number[] = [];
  const lateHandlerPaid: number[] = [];

  beforeAll(async () => {
    t = await startTestApp({ WECHAT_SIM_NOTIFY_TIME_SCALE: '0.001', PAYMENT_TTL_SECONDS: '60' });
    ds = t.app.get<DataSource>(getDataSourceToken());
    const plan = await ds
      .getRepository(RechargePlan)
      .save(ds.getRepository(RechargePlan).create({ name: '充 100 送 10', payFen: 10000, bonusFen: 1000, enabled: true }));
    planId = plan.id;
    // A purpose that cannot take a late payment (like a sold-out deal), to exercise the automatic refund.
    t.app.get(PaymentPurposeRegistry).register({
      purpose: 'deal',
      onPaid: async (_m, payment) => void lateHandlerPaid.push(payment.id),
      acceptsLatePayment: async (_m, payment) => {
        lateAccepted.push(payment.id);
        return false;
      },
    });
  });
  afterAll(() => t?.close());

  async function member(name: string) {
    const login = await t.loginMember(name);
    return { id: login.member.id, auth: `Bearer ${login.accessToken}` };
  }

  async function recharge(auth: string, body: Record<string, unknown> = { planId }) {
    const res = await t.http().post('/api/wallet/recharges').set('authorization', auth).send(body).expect(201);
    return res.body as { rechargeId: number; outTradeNo: string; payParams: Record<string, string> };
  }

  const payment = (outTradeNo: string) => ds.getRepository(Payment).findOneByOrFail({ outTradeNo });
  const entries = (memberId: number) => ds.getRepository(WalletEntry).countBy({ memberId });
  const balance = async (auth: string) => (await t.http().get('/api/wallet').set('authorization', auth).expect(200)).body;

  it('every payment purpose fits its column, and each has a registered handler', async () => {
    const column = t.app.get<DataSource>(getDataSourceToken()).getMetadata(Payment).findColumnWithPropertyName('purpose')!;
    for (const purpose of PAYMENT_PURPOSES.filter((p) => p !== 'deal')) {
      expect(purpose.length).toBeLessThanOrEqual(Number(column.length));
      expect(t.app.get(PaymentPurposeRegistry).get(purpose).purpose).toBe(purpose);
    }
  });

  it('creates a recharge with signed wx.requestPayment parameters and applies the simulator notify once', async () => {
    const m = await member('pay-happy');
    const r = await recharge(m.auth);
    expect(r.payParams).toMatchObject({ appId: t.config.wechat.appId, signType: 'RSA', package: expect.stringMatching(/^prepay_id=/) });
    expect((await payment(r.outTradeNo)).status).toBe('created');

    await simPay(t, r.outTradeNo);
    await waitFor(async () => (await payment(r.outTradeNo)).status === 'paid', 'payment paid');
    expect(await balance(m.auth)).toMatchObject({ principal: 10000, bonus: 1000, total: 11000 });
    const status = await t.http().get(`/api/payments/${r.outTradeNo}`).set('authorization', m.auth).expect(200);
    expect(status.body).toMatchObject({ status: 'paid', amountFen: 10000 });
    const other = await member('pay-nosy');
    await t.http().get(`/api/payments/${r.outTradeNo}`).set('authorization', other.auth).expect(404);
  });

  it('applies a notify replayed 5 times and sent 20 times concurrently exactly once', async () => {
    const m = await member('pay-replay');
    const r = await recharge(m.auth);
    await simPay(t, r.outTradeNo);
    const [sent] = await waitFor(async () => {
      const list = await simNotifies(t, r.outTradeNo);
      return list.length && list[0].delivered ? list : null;
    }, 'notify delivered');
    for (let i = 0; i < 5; i++) expect((await postNotify(t, sent.headers, sent.body)).status).toBe(204);
    const concurrent = await Promise.all(Array.from({ length: 20 }, () => postNotify(t, sent.headers, sent.body)));
    expect(concurrent.map((c) => c.status)).toEqual(Array(20).fill(204));
    expect(await entries(m.id)).toBe(1);
    expect(await balance(m.auth)).toMatchObject({ principal: 10000, bonus: 1000 });
    const logs = await ds.getRepository(PaymentNotifyLog).findBy({ outTradeNo: r.outTradeNo });
    expect(logs.filter((l) => l.outcome === 'applied')).toHaveLength(1);
    expect(logs.filter((l) => l.outcome === 'duplicate')).toHaveLength(25);
  });

  describe('rejects notifies that fail verification or do not match, applying nothing', () => {
    let m: { id: number; auth: string };
    let p: Payment;
    beforeAll(async () => {
      m = await member('pay-attacker');
      const r = await recharge(m.auth);
      p = await payment(r.outTradeNo);
    });

    const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    it.each<[string, (pay: Payment) => { headers: Record<string, string>; body: string }]>([
      ['a bad signature', (pay) => craftNotify(t, successTransaction(t, pay), { signWith: otherKey })],
      ['a stale timestamp', (pay) => craftNotify(t, successTransaction(t, pay), { timestamp: Math.floor(Date.now() / 1000) - 301 })],
      ['an unknown platform serial', (pay) => craftNotify(t, successTransaction(t, pay), { serial: 'PUB_KEY_ID_0000000000000000000000000000' })],
      ['a wrong amount', (pay) => craftNotify(t, successTransaction(t, pay, { amount: { total: 1, currency: 'CNY' } }))],
      ['a wrong mchid', (pay) => craftNotify(t, successTransaction(t, pay, { mchid: '1900000999' }))],
      ['a wrong appid', (pay) => craftNotify(t, successTransaction(t, pay, { appid: 'wx0000000000000000' }))],
      ['an unknown out_trade_no', (pay) => craftNotify(t, successTransaction(t, { ...pay, outTradeNo: 'P000000000000000000000000' }))],
      ['an altered GCM auth tag (re-signed)', (pay) => craftNotify(t, successTransaction(t, pay), { tamperTag: true })],
      ['altered associated data (re-signed)', (pay) => craftNotify(t, successTransaction(t, pay), { signedAad: 'refund' })],
    ])('%s', async (_reason, make) => {
      const { headers, body } = make(p);
      const rejectedBefore = await ds.getRepository(PaymentNotifyLog).countBy({ outcome: 'rejected' });
      const res = await postNotify(t, headers, body);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ code: 'FAIL', message: expect.any(String) });
      expect((await payment(p.outTradeNo)).status).toBe('created');
      expect(await entries(m.id)).toBe(0);
      expect(await ds.getRepository(PaymentNotifyLog).countBy({ outcome: 'rejected' })).toBe(rejectedBefore + 1);
    });

    it('still accepts the genuine notify afterwards', async () => {
      const { headers, body } = craftNotify(t, successTransaction(t, p));
      expect((await postNotify(t, headers, body)).status).toBe(204);
      expect(await entries(m.id)).toBe(1);
    });
  });

  it('marks a payment whose notify was lost as paid by reconciliation, once under two concurrent runs', async () => {
    const m = await member('pay-lost');
    const r = await recharge(m.auth);
    await simPay(t, r.outTradeNo, { notify: false });
    expect(await simNotifies(t, r.outTradeNo)).toHaveLength(0);
    const reconciler = t.app.get(PaymentReconciler);
    expect((await reconciler.runOnce(new Date())).applied).toBe(0); // too young: a notify may still come
    const later = new Date(Date.now() + 90_000);
    const reports = await Promise.all([reconciler.runOnce(later), reconciler.runOnce(later)]);
    expect(reports[0].applied + reports[1].applied).toBe(1);
    expect((await payment(r.outTradeNo)).status).toBe('paid');
    expect(await entries(m.id)).toBe(1);
  });

  it('closes an expired unpaid payment at WeChat and locally; a failed or cancelled payment credits nothing', async () => {
    const m = await member('pay-expire');
    const r = await recharge(m.auth);
    await simPay(t, r.outTradeNo, { result: 'cancel' });
    const reconciler = t.app.get(PaymentReconciler);
    const report = await reconciler.runOnce(new Date(Date.now() + 5 * 60_000));
    expect(report.closed).toBeGreaterThanOrEqual(1);
    expect((await payment(r.outTradeNo)).status).toBe('closed');
    expect((await ds.getRepository(Recharge).findOneByOrFail({ id: r.rechargeId })).status).toBe('closed');
    const order = await t.http().get(`/__wechat/sim/orders/${r.outTradeNo}`).expect(200);
    expect(order.body.trade_state ?? order.body.tradeState).toBe('CLOSED');
    expect(await entries(m.id)).toBe(0);

    const failed = await recharge(m.auth);
    await simPay(t, failed.outTradeNo, { result: 'fail' });
    expect((await payment(failed.outTradeNo)).status).toBe('created');
    expect(await entries(m.id)).toBe(0);
  });

  it('a payment that succeeds after we closed it is restored when the purpose can take it (recharge)', async () => {
    const m = await member('pay-late-recharge');
    const r = await recharge(m.auth);
    const reconciler = t.app.get(PaymentReconciler);
    await reconciler.runOnce(new Date(Date.now() + 5 * 60_000));
    expect((await payment(r.outTradeNo)).status).toBe('closed');
    await simPay(t, r.outTradeNo, { force: true });
    await waitFor(async () => (await payment(r.outTradeNo)).status === 'paid', 'late payment applied');
    expect((await payment(r.outTradeNo)).lateRefund).toBe(false);
    expect(await balance(m.auth)).toMatchObject({ principal: 10000, bonus: 1000 });
    expect(await entries(m.id)).toBe(1);
  });

  it('a payment that succeeds after we closed it is refunded in full when the purpose cannot take it, never applied', async () => {
    const m = await member('pay-late-deal');
    const service = t.app.get(PaymentService);
    const openid = (await t.http().get('/__wechat/sim/calls?api=jscode2session').expect(200)).body.items.length; // keep the simulator warm
    expect(openid).toBeGreaterThan(0);
    const created = await ds.transaction((manager) =>
      service.create(manager, {
        purpose: 'deal',
        purposeId: 'deal-1',
        memberId: m.id,
        openid: 'oDealPayer000000000000000001',
        amountFen: 5900,
        description: '秒杀',
      }),
    );
    await service.prepay(created);
    const reconciler = t.app.get(PaymentReconciler);
    await reconciler.runOnce(new Date(Date.now() + 5 * 60_000));
    expect((await payment(created.outTradeNo)).status).toBe('closed');

    await simPay(t, created.outTradeNo, { force: true });
    const refund = await waitFor(
      async () => {
        const p = await payment(created.outTradeNo);
        return p.lateRefund ? ds.getRepository(Refund).findOneBy({ paymentId: p.id, status: 'success' }) : null;
      },
      'late payment refunded',
      15_000,
    );
    expect(refund.amountFen).toBe(5900);
    expect(lateAccepted).toContain(created.id);
    expect(lateHandlerPaid).not.toContain(created.id);
    // A replay of the notify, and reconciliation, change nothing.
    const [sent] = await simNotifies(t, created.outTradeNo);
    expect((await postNotify(t, sent.headers, sent.body)).status).toBe(204);
    await reconciler.runOnce(new Date(Date.now() + 10 * 60_000));
    expect(await ds.getRepository(Refund).countBy({ paymentId: created.id })).toBe(1);
  });

  describe('refunds', () => {
    it('never refunds more than was paid, even with partial refunds racing', async () => {
      const m = await member('pay-refunds');
      const r = await recharge(m.auth);
      await simPay(t, r.outTradeNo);
      const paid = await waitFor(async () => ((await payment(r.outTradeNo)).status === 'paid' ? payment(r.outTradeNo) : null), 'paid');
      const service = t.app.get(RefundService);

      await expect(service.refund({ paymentId: paid.id, outRefundNo: 'R-over-1', amountFen: 10001, reason: 'too much' })).rejects.toMatchObject({
        code: 'REFUND_EXCEEDS_PAID',
      });
      const racing = await Promise.allSettled(
        Array.from({ length: 8 }, (_, i) => service.refund({ paymentId: paid.id, outRefundNo: `R-race-${i}`, amountFen: 3000, reason: 'race' })),
      );
      const ok = racing.filter((x) => x.status === 'fulfilled');
      expect(ok).toHaveLength(3);
      for (const x of racing) if (x.status === 'rejected') expect(x.reason).toMatchObject({ code: 'REFUND_EXCEEDS_PAID' });
      expect((await payment(r.outTradeNo)).refundedFen).toBe(9000);
      // Idempotent by out_refund_no; a different amount under the same number is refused.
      const again = await service.refund({ paymentId: paid.id, outRefundNo: 'R-race-0', amountFen: 3000, reason: 'race' });
      expect(again.outRefundNo).toBe('R-race-0');
      await expect(service.refund({ paymentId: paid.id, outRefundNo: 'R-race-0', amountFen: 1000, reason: 'x' })).rejects.toMatchObject({ code: 'CONFLICT' });
      await waitFor(async () => (await ds.getRepository(Refund).countBy({ paymentId: paid.id, status: 'success' })) === 3, 'refunds settled by notify');
      await expect(service.refund({ paymentId: paid.id, outRefundNo: 'R-last', amountFen: 1001, reason: 'x' })).rejects.toMatchObject({
        code: 'REFUND_EXCEEDS_PAID',
      });
    });

    it('finance can refund through the admin API (taking the principal back); ops and members cannot', async () => {
      const m = await member('pay-admin-refund');
      const r = await recharge(m.auth);
      await simPay(t, r.outTradeNo);
      await waitFor(async () => (await payment(r.outTradeNo)).status === 'paid', 'paid');
      await t.createAccount({ username: 'finance1', password: 'finance-pass-1', displayName: '财务', role: 'finance' });
      await t.createAccount({ username: 'ops2', password: 'ops-pass-2', displayName: '运营', role: 'ops' });
      const finance = await t.loginAccount('finance1', 'finance-pass-1');
      const ops = await t.loginAccount('ops2', 'ops-pass-2');
      const url = `/api/admin/payments/${r.outTradeNo}/refunds`;
      await t
        .http()
        .post(url)
        .set('authorization', `Bearer ${ops.accessToken}`)
        .set('idempotency-key', 'ops-try-0001')
        .send({ amountFen: 100, reason: 'x' })
        .expect(403);
      await t.http().post(url).set('authorization', m.auth).set('idempotency-key', 'mem-try-0001').send({ amountFen: 100, reason: 'x' }).expect(403);
      const first = await t
        .http()
        .post(url)
        .set('authorization', `Bearer ${finance.accessToken}`)
        .set('idempotency-key', 'fin-refund-0001')
        .send({ amountFen: 5000, reason: '客户申请' })
        .expect(201);
      const second = await t
        .http()
        .post(url)
        .set('authorization', `Bearer ${finance.accessToken}`)
        .set('idempotency-key', 'fin-refund-0001')
        .send({ amountFen: 5000, reason: '客户申请' })
        .expect(201);
      expect(second.body.outRefundNo).toBe(first.body.outRefundNo);
      expect(await balance(m.auth)).toMatchObject({ principal: 5000, bonus: 500 });
      const list = await t.http().get('/api/admin/payments?purpose=recharge&status=paid').set('authorization', `Bearer ${finance.accessToken}`).expect(200);
      expect(list.body.items.some((p: { outTradeNo: string; refundedFen: number }) => p.outTradeNo === r.outTradeNo && p.refundedFen === 5000)).toBe(true);
      const checks = await t.app.get(WalletLedgerService).check(m.id);
      expect(checks[0].consistent).toBe(true);
    });
  });

  describe('Idempotency-Key on value-moving requests', () => {
    it('a retried recharge returns the first result; a reused key with another body is refused; concurrent retries create one', async () => {
      const m = await member('pay-idem');
      const first = await t
        .http()
        .post('/api/wallet/recharges')
        .set('authorization', m.auth)
        .set('idempotency-key', 'recharge-key-0001')
        .send({ planId })
        .expect(201);
      const retry = await t
        .http()
        .post('/api/wallet/recharges')
        .set('authorization', m.auth)
        .set('idempotency-key', 'recharge-key-0001')
        .send({ planId })
        .expect(201);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.body).toEqual(first.body);
      const other = await t
        .http()
        .post('/api/wallet/recharges')
        .set('authorization', m.auth)
        .set('idempotency-key', 'recharge-key-0001')
        .send({ amount: 2000 })
        .expect(422);
      expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');

      const before = await ds.getRepository(Recharge).countBy({ memberId: m.id });
      const burst = await Promise.all(
        Array.from({ length: 10 }, () =>
          t.http().post('/api/wallet/recharges').set('authorization', m.auth).set('idempotency-key', 'recharge-key-burst').send({ amount: 3000 }),
        ),
      );
      expect(burst.map((b) => b.status)).toEqual(Array(10).fill(201));
      expect(new Set(burst.map((b) => b.body.outTradeNo)).size).toBe(1);
      expect(await ds.getRepository(Recharge).countBy({ memberId: m.id })).toBe(before + 1);
      // Keys belong to their caller: another member's identical key is a new request.
      const stranger = await member('pay-idem-2');
      const theirs = await t
        .http()
        .post('/api/wallet/recharges')
        .set('authorization', stranger.auth)
        .set('idempotency-key', 'recharge-key-0001')
        .send({ planId })
        .expect(201);
      expect(theirs.body.outTradeNo).not.toBe(first.body.outTradeNo);
    });
  });
});
