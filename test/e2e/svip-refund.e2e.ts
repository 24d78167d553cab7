import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Sku } from '@mall/server/catalog/sku.entity';
import { CouponTemplate } from '@mall/server/coupon/coupon-template.entity';
import { MembershipPlan, MembershipPurchase } from '@mall/server/membership/membership.entity';
import { Refund } from '@mall/server/payment/refund.entity';
import { DemoSeeder } from '@mall/server/seed/demo-seeder';
import { BenefitGrantService } from '@mall/server/tier/benefit-grant.service';
import { WalletLedgerService } from '@mall/server/wallet/wallet-ledger.service';
import { startTestApp, TestApp } from '../helpers/test-app';
import { simPay, waitFor } from '../helpers/wechat-pay';
import { expectLedgerAuditPasses } from '../helpers/ledger-audit';

describe('SVIP refunds per plan policy, finance refunds, and monthly packs of SVIP plans', () => {
  let t: TestApp;
  let ds: DataSource;
  let plans: MembershipPlan[];
  let ops: string;
  let finance: string;

  beforeAll(async () => {
    t = await startTestApp({ WECHAT_SIM_NOTIFY_TIME_SCALE: '0.001' });
    ds = t.app.get<DataSource>(getDataSourceToken());
    await t.app.get(DemoSeeder).seed();
    plans = await ds.getRepository(MembershipPlan).find({ order: { sortOrder: 'ASC' } });
    await t.createAccount({ username: 'fin-svr', password: 'fin-svr-pass', displayName: '财务', role: 'finance' });
    await t.createAccount({ username: 'ops-svr', password: 'ops-svr-pass', displayName: '运营', role: 'ops' });
    finance = `Bearer ${(await t.loginAccount('fin-svr', 'fin-svr-pass')).accessToken}`;
    ops = `Bearer ${(await t.loginAccount('ops-svr', 'ops-svr-pass')).accessToken}`;
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
          idempotencyKey: `svr-seed:${login.member.id}`,
        }),
      );
    }
    return { id: login.member.id, auth: `Bearer ${login.accessToken}` };
  }
  const buyByWechat = async (auth: string, planId: number) => {
    const p = (await t.http().post('/api/membership/purchases').set('authorization', auth).send({ planId, payWith: 'wechat' }).expect(201)).body;
    await simPay(t, p.outTradeNo);
    await waitFor(async () => (await ds.getRepository(MembershipPurchase).findOneByOrFail({ id: p.purchaseId })).status === 'paid', 'purchase paid');
    return p as { purchaseId: number; priceFen: number };
  };
  const quoteOf = async (auth: string, purchaseId: number) =>
    (await t.http().get(`/api/membership/purchases/${purchaseId}/refund-quote`).set('authorization', auth).expect(200)).body;

  it('deduct_savings: the quote keeps back exactly what the SVIP prices saved, and WeChat refunds the rest', async () => {
    const plan = plans[2]; // the year card, ¥168
    await t.http().patch(`/api/admin/membership/plans/${plan.id}`).set('authorization', ops).send({ refundPolicy: 'deduct_savings' }).expect(200);
    const m = await member('svr-deduct', 100000);
    const bought = await buyByWechat(m.auth, plan.id);
    expect(await quoteOf(m.auth, bought.purchaseId)).toEqual({ refundable: true, amountFen: bought.priceFen, deductedFen: 0, reason: null });

    // Tea: ¥168, member ¥148, SVIP 88折 ¥147.84: the SVIP price wins and its saving against the list price is the plan's.
    const tea = (await ds.getRepository(Sku).find({ order: { id: 'ASC' } }))[2];
    const order = (
      await t
        .http()
        .post('/api/orders')
        .set('authorization', m.auth)
        .send({ lines: [{ skuId: tea.id, quantity: 1 }], balanceToUse: 100000, fulfilment: 'pickup', storeId: 1 })
        .expect(201)
    ).body;
    const view = (await t.http().get(`/api/orders/${order.orderId}`).set('authorization', m.auth).expect(200)).body;
    const saved = view.savings.filter((x: { source: { type: string } }) => x.source.type === 'plan').reduce((a: number, x: { fen: number }) => a + x.fen, 0);
    expect(saved).toBe(16800 - 14784);

    const quote = await quoteOf(m.auth, bought.purchaseId);
    expect(quote).toEqual({ refundable: true, amountFen: bought.priceFen - saved, deductedFen: saved, reason: null });
    // A stale preview is refused with the new amount and changes nothing.
    const stale = await t
      .http()
      .post(`/api/membership/purchases/${bought.purchaseId}/refund`)
      .set('authorization', m.auth)
      .send({ expectedAmountFen: bought.priceFen })
      .expect(409);
    expect(stale.body).toMatchObject({ code: 'PRICE_CHANGED', details: { amountFen: bought.priceFen - saved } });
    expect((await ds.getRepository(MembershipPurchase).findOneByOrFail({ id: bought.purchaseId })).status).toBe('paid');

    const done = (
      await t
        .http()
        .post(`/api/membership/purchases/${bought.purchaseId}/refund`)
        .set('authorization', m.auth)
        .send({ expectedAmountFen: quote.amountFen, reason: '不常用' })
        .expect(200)
    ).body;
    expect(done).toMatchObject({ status: 'refunded', refundedFen: bought.priceFen - saved, refundReason: '不常用' });
    const refund = await waitFor(async () => {
      const r = await ds.getRepository(Refund).findOneBy({ outRefundNo: `M${bought.purchaseId}R` });
      return r?.status === 'success' ? r : null;
    }, 'refund succeeded');
    expect(refund.amountFen).toBe(bought.priceFen - saved);
    const summary = (await t.http().get('/api/membership').set('authorization', m.auth).expect(200)).body;
    expect(summary.status).toBe('none');
    expect(summary.purchases[0]).toMatchObject({ id: bought.purchaseId, statusText: '已退款', refundedFen: bought.priceFen - saved, refundQuote: null });
    // A second request finds it refunded.
    const again = await t
      .http()
      .post(`/api/membership/purchases/${bought.purchaseId}/refund`)
      .set('authorization', m.auth)
      .send({ expectedAmountFen: quote.amountFen })
      .expect(422);
    expect(again.body.code).toBe('MEMBERSHIP_REFUND_NOT_ALLOWED');
    await t.http().patch(`/api/admin/membership/plans/${plan.id}`).set('authorization', ops).send({ refundPolicy: 'full_if_unused' }).expect(200);
  });

  it('none: the member cannot refund, nor see or refund another member’s purchase; finance refunds with a reason, audited', async () => {
    const plan = plans[1];
    await t.http().patch(`/api/admin/membership/plans/${plan.id}`).set('authorization', ops).send({ refundPolicy: 'none' }).expect(200);
    const m = await member('svr-none', 10000);
    const other = await member('svr-other');
    const bought = (await t.http().post('/api/membership/purchases').set('authorization', m.auth).send({ planId: plan.id, payWith: 'balance' }).expect(201))
      .body;
    expect(await quoteOf(m.auth, bought.purchaseId)).toMatchObject({ refundable: false, reason: '该会员方案不支持退款' });
    await t.http().post(`/api/membership/purchases/${bought.purchaseId}/refund`).set('authorization', m.auth).send({ expectedAmountFen: 0 }).expect(422);
    await t.http().get(`/api/membership/purchases/${bought.purchaseId}/refund-quote`).set('authorization', other.auth).expect(404);
    await t.http().post(`/api/membership/purchases/${bought.purchaseId}/refund`).set('authorization', other.auth).send({ expectedAmountFen: 0 }).expect(404);

    // Ops may see purchases but not refund; finance needs a reason and cannot exceed what was paid.
    await t.http().post(`/api/admin/membership/purchases/${bought.purchaseId}/refund`).set('authorization', ops).send({ reason: '客诉' }).expect(403);
    await t.http().post(`/api/admin/membership/purchases/${bought.purchaseId}/refund`).set('authorization', finance).send({}).expect(400);
    const over = await t
      .http()
      .post(`/api/admin/membership/purchases/${bought.purchaseId}/refund`)
      .set('authorization', finance)
      .send({ reason: '客诉', amountFen: bought.priceFen + 1 })
      .expect(422);
    expect(over.body.code).toBe('REFUND_EXCEEDS_PAID');
    const done = (
      await t
        .http()
        .post(`/api/admin/membership/purchases/${bought.purchaseId}/refund`)
        .set('authorization', finance)
        .send({ reason: '客诉补偿', amountFen: 2000 })
        .expect(200)
    ).body;
    expect(done).toMatchObject({ status: 'refunded', refundedFen: 2000, refundReason: '客诉补偿' });
    expect((await t.http().get('/api/wallet').set('authorization', m.auth).expect(200)).body.principal).toBe(10000 - bought.priceFen + 2000);
    const list = (await t.http().get(`/api/admin/membership/purchases?memberId=${m.id}`).set('authorization', ops).expect(200)).body;
    expect(list).toMatchObject({ total: 1, items: [{ id: bought.purchaseId, memberId: m.id, refundedFen: 2000, statusText: '已退款' }] });
    const audit = (await t.http().get('/api/admin/audit-logs?action=membership_purchase.refund').set('authorization', finance).expect(200)).body;
    expect(audit.items.find((a: { target: { id: string } }) => String(a.target.id) === String(bought.purchaseId))).toBeDefined();
    await t.http().patch(`/api/admin/membership/plans/${plan.id}`).set('authorization', ops).send({ refundPolicy: 'full_if_unused' }).expect(200);
    await expectLedgerAuditPasses(t);
  });

  it('a monthly coupon pack on an SVIP plan reaches its running members once a month, however often the job runs', async () => {
    const plan = plans[0];
    const template = await ds
      .getRepository(CouponTemplate)
      .save(
        ds
          .getRepository(CouponTemplate)
          .create({ name: 'SVIP 月度券', kind: 'fixed', amountFen: 500, thresholdFen: 3000, validDays: 31, claimable: false, enabled: true }),
      );
    const pack = (
      await t
        .http()
        .post('/api/admin/benefits')
        .set('authorization', ops)
        .send({ name: 'SVIP 月度券包', spec: { type: 'monthly_coupon_pack', couponTemplateIds: [template.id] } })
        .expect(201)
    ).body;
    await t
      .http()
      .post('/api/admin/benefit-attachments')
      .set('authorization', ops)
      .send({ sourceType: 'plan', sourceId: plan.id, benefitId: pack.id })
      .expect(204);
    const svip = await member('svr-pack', 10000);
    const plain = await member('svr-plain');
    await t.http().post('/api/membership/purchases').set('authorization', svip.auth).send({ planId: plan.id, payWith: 'balance' }).expect(201);
    const packsOf = async (auth: string) =>
      (await t.http().get('/api/coupons/mine').set('authorization', auth).expect(200)).body.items.filter((c: { name: string }) => c.name === 'SVIP 月度券')
        .length;

    const grants = t.app.get(BenefitGrantService);
    await Promise.all([grants.run(), grants.run()]);
    await grants.run();
    expect(await packsOf(svip.auth)).toBe(1);
    expect(await packsOf(plain.auth)).toBe(0);
    // The period (a month) has ended 40 days on: no pack for a month without SVIP.
    await grants.run(new Date(Date.now() + 40 * 86_400_000));
    expect(await packsOf(svip.auth)).toBe(1);
  });
});
