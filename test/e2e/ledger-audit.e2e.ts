import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AUDIT_CHECKS, LedgerAuditService, type AuditCheck } from '@mall/server/integrity/ledger-audit.service';
import { Sku } from '@mall/server/catalog/sku.entity';
import { MembershipPlan } from '@mall/server/membership/membership.entity';
import { PaymentReconciler } from '@mall/server/payment/payment-reconciler';
import { PointsLedgerService } from '@mall/server/points/points-ledger.service';
import { DemoSeeder } from '@mall/server/seed/demo-seeder';
import { expectLedgerAuditPasses } from '../helpers/ledger-audit';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { simPay, waitFor } from '../helpers/wechat-pay';

const CLI = path.resolve(__dirname, '..', '..', 'server', 'dist', 'cli.js');

describe('ledger audit: every invariant holds after real traffic, and a corrupted row is caught', () => {
  let t: TestApp;
  let ds: DataSource;
  let ops: string;

  beforeAll(async () => {
    t = await startTestApp({ WECHAT_SIM_NOTIFY_TIME_SCALE: '0.001', PAYMENT_TTL_SECONDS: '120' });
    ds = t.app.get<DataSource>(getDataSourceToken());
    await t.app.get(DemoSeeder).seed();
    await t.createAccount({ username: 'ops-audit', password: 'ops-audit-pass', displayName: '运营', role: 'ops' });
    ops = `Bearer ${(await t.loginAccount('ops-audit', 'ops-audit-pass')).accessToken}`;
  });
  afterAll(() => t?.close());

  const audit = () => t.app.get(LedgerAuditService).run();
  const failing = async (): Promise<AuditCheck[]> => (await audit()).violations.map((v) => v.check);

  it('passes after recharges, mixed-source orders, partial and full refunds, a cancel, SVIP, points-mall and a late payment', async () => {
    const login = await t.loginMember('audit-buyer');
    const auth = `Bearer ${login.accessToken}`;
    const memberId = login.member.id;
    const recharge = (await t.http().post('/api/wallet/recharges').set('authorization', auth).send({ planId: 3 }).expect(201)).body;
    await simPay(t, recharge.outTradeNo);
    await waitFor(async () => (await t.http().get('/api/wallet').set('authorization', auth)).body.total > 0, 'recharge credited');
    await ds.transaction((m) =>
      t.app
        .get(PointsLedgerService)
        .earn(m, { memberId, points: 3000, source: 'adjust', refType: 'test', refId: 'seed', idempotencyKey: `audit-pts:${memberId}` }),
    );

    const [sku] = await ds.getRepository(Sku).find({ order: { id: 'ASC' } });
    const address = (
      await t
        .http()
        .post('/api/addresses')
        .set('authorization', auth)
        .send({ name: '李四', phone: '13900139000', region: '北京市 朝阳区', detail: '建国路 1 号', isDefault: true })
        .expect(201)
    ).body;
    const buy = async (quantity: number, extra: object) =>
      (
        await t
          .http()
          .post('/api/orders')
          .set('authorization', auth)
          .send({ lines: [{ skuId: sku.id, quantity }], fulfilment: 'delivery', addressId: address.id, ...extra })
          .expect(201)
      ).body;
    const centre = (await t.http().get('/api/coupons/centre').set('authorization', auth).expect(200)).body.items;
    const coupon = (
      await t
        .http()
        .post('/api/coupons/claim')
        .set('authorization', auth)
        .send({ templateId: centre.find((c: { name: string }) => c.name.includes('满 100 减 20')).templateId })
        .expect(201)
    ).body;
    const mixed = await buy(3, { couponIds: [coupon.id], pointsToUse: 1000, balanceToUse: 5000 });
    await simPay(t, mixed.outTradeNo);
    await waitFor(async () => (await t.http().get(`/api/orders/${mixed.orderId}`).set('authorization', auth)).body.status === 'paid', 'paid');
    const view = (await t.http().get(`/api/orders/${mixed.orderId}`).set('authorization', auth)).body;
    for (const quantity of [1, 2]) {
      const sale = (
        await t
          .http()
          .post(`/api/orders/${mixed.orderId}/after-sales`)
          .set('authorization', auth)
          .send({ lines: [{ lineId: view.lines[0].id, quantity }], reason: '审计' })
          .expect(201)
      ).body;
      await t.http().post(`/api/admin/after-sales/${sale.id}/approve`).set('authorization', ops).send({ note: 'ok' }).expect(201);
      await waitFor(
        async () =>
          (await t.http().get('/api/admin/after-sales').set('authorization', ops)).body.items.find((a: { id: number }) => a.id === sale.id).status ===
          'completed',
        'refund done',
      );
    }
    const cancelled = await buy(1, { balanceToUse: 1000 });
    await t.http().post(`/api/orders/${cancelled.orderId}/cancel`).set('authorization', auth).expect(200);
    for (const _ of [1, 2]) expect((await buy(1, { balanceToUse: 7900 })).status).toBe('paid'); // 69 + 10 shipping

    const [plan] = await ds.getRepository(MembershipPlan).find({ order: { sortOrder: 'ASC' } });
    await t.http().post('/api/membership/purchases').set('authorization', auth).send({ planId: plan.id, payWith: 'balance' }).expect(201);
    const svip = (await t.http().post('/api/membership/purchases').set('authorization', auth).send({ planId: plan.id, payWith: 'wechat' }).expect(201)).body;
    await simPay(t, svip.outTradeNo);
    await waitFor(async () => (await t.http().get('/api/membership').set('authorization', auth)).body.periods.length === 2, 'second period');

    const items = (await t.http().get('/api/points/mall').set('authorization', auth).expect(200)).body.items;
    await t
      .http()
      .post(`/api/points/mall/${items.find((i: { cashFen: number }) => i.cashFen === 0).id}/redeem`)
      .set('authorization', auth)
      .expect(201);
    const withCash = (
      await t
        .http()
        .post(`/api/points/mall/${items.find((i: { cashFen: number }) => i.cashFen > 0).id}/redeem`)
        .set('authorization', auth)
        .expect(201)
    ).body;
    await simPay(t, withCash.outTradeNo);
    await waitFor(async () => (await t.http().get('/api/points/redemptions').set('authorization', auth)).body.items[0].status === 'issued', 'redeemed');

    // An order whose payment expired and was closed, then paid late: refunded in full automatically.
    const late = await buy(1, {});
    await t.app.get(PaymentReconciler).runOnce(new Date(Date.now() + 10 * 60_000));
    await simPay(t, late.outTradeNo, { force: true });
    await waitFor(async () => {
      const rows: { refunded_fen: number | string }[] = await ds.query('SELECT refunded_fen FROM payment WHERE out_trade_no = ?', [late.outTradeNo]);
      return Number(rows[0].refunded_fen) > 0;
    }, 'late payment refunded');
    await t.app.get(PaymentReconciler).runOnce(new Date(Date.now() + 2 * 60_000));

    const report = await expectLedgerAuditPasses(t);
    expect(report.counts).toEqual(Object.fromEntries(AUDIT_CHECKS.map((c) => [c, 0])));
  });

  /** Each corruption breaks exactly the invariant it aims at; the audit names it; the row is put back. */
  const corruptions: [AuditCheck, string, string][] = [
    [
      'wallet_balance',
      'UPDATE wallet SET bonus_fen = bonus_fen + 1 WHERE member_id = (SELECT MIN(member_id) FROM wallet_entry)',
      'UPDATE wallet SET bonus_fen = bonus_fen - 1 WHERE member_id = (SELECT MIN(member_id) FROM wallet_entry)',
    ],
    [
      'points_balance',
      'UPDATE points_account SET balance_points = balance_points + 5 WHERE member_id = (SELECT MIN(member_id) FROM points_entry)',
      'UPDATE points_account SET balance_points = balance_points - 5 WHERE member_id = (SELECT MIN(member_id) FROM points_entry)',
    ],
    [
      'stock_ledger',
      'UPDATE sku SET stock = stock + 1 WHERE id = (SELECT MIN(sku_id) FROM stock_movement)',
      'UPDATE sku SET stock = stock - 1 WHERE id = (SELECT MIN(sku_id) FROM stock_movement)',
    ],
    [
      'refunds_within_paid',
      "UPDATE payment SET refunded_fen = refunded_fen + 1 WHERE id = (SELECT MIN(payment_id) FROM refund WHERE status = 'success')",
      "UPDATE payment SET refunded_fen = refunded_fen - 1 WHERE id = (SELECT MIN(payment_id) FROM refund WHERE status = 'success')",
    ],
    // (MySQL cannot update a table it selects from in a subquery, hence the derived tables `x`.)
    [
      'refunds_per_source',
      'UPDATE order_line SET refunded_cash_fen = refunded_cash_fen + cash_fen + 1 WHERE id = (SELECT id FROM (SELECT MIN(id) AS id FROM order_line WHERE refunded_quantity > 0) x)',
      'UPDATE order_line SET refunded_cash_fen = refunded_cash_fen - cash_fen - 1 WHERE id = (SELECT id FROM (SELECT MIN(id) AS id FROM order_line WHERE refunded_quantity > 0) x)',
    ],
    [
      'payment_applied_once',
      "UPDATE recharge SET status = 'closed' WHERE id = (SELECT id FROM (SELECT MIN(id) AS id FROM recharge WHERE status = 'paid') x)",
      "UPDATE recharge SET status = 'paid' WHERE id = (SELECT id FROM (SELECT MIN(id) AS id FROM recharge WHERE status = 'closed' AND paid_at IS NOT NULL) x)",
    ],
    [
      'svip_periods',
      "UPDATE membership_account SET expires_at = NULL WHERE member_id = (SELECT MIN(member_id) FROM membership_period WHERE status = 'active')",
      "UPDATE membership_account SET expires_at = (SELECT MAX(p.ends_at) FROM membership_period p WHERE p.member_id = membership_account.member_id AND p.status = 'active')",
    ],
    ['late_payment_refunded', 'UPDATE payment SET refunded_fen = 0 WHERE late_refund = 1', ''],
  ];

  it.each(corruptions)('a corrupted row breaks %s and the audit says so', async (check, corrupt, restore) => {
    const before = await audit();
    expect(before.ok).toBe(true);
    const late: { id: number; refunded_fen: number }[] =
      check === 'late_payment_refunded' ? await ds.query('SELECT id, refunded_fen FROM payment WHERE late_refund = 1') : [];
    await ds.query(corrupt);
    expect(await failing()).toContain(check);
    if (restore) await ds.query(restore);
    for (const r of late) await ds.query('UPDATE payment SET refunded_fen = ? WHERE id = ?', [r.refunded_fen, r.id]);
    await expectLedgerAuditPasses(t);
  });

  it('a coupon used by two orders is caught', async () => {
    // The coupon the (since refunded) mixed order used, named by two live orders at once.
    const [withCoupon]: { coupons: string }[] = await ds.query("SELECT coupons FROM shop_order WHERE coupons <> '[]' ORDER BY id LIMIT 1");
    const live: { id: number; coupons: string }[] = await ds.query("SELECT id, coupons FROM shop_order WHERE status = 'paid' ORDER BY id LIMIT 2");
    expect([JSON.parse(withCoupon.coupons).length, live.length]).toEqual([1, 2]);
    for (const o of live) await ds.query('UPDATE shop_order SET coupons = ? WHERE id = ?', [withCoupon.coupons, o.id]);
    expect(await failing()).toContain('coupon_used_once');
    for (const o of live) await ds.query('UPDATE shop_order SET coupons = ? WHERE id = ?', [o.coupons, o.id]);
    await expectLedgerAuditPasses(t);
  });

  it('`node server/dist/cli.js audit-ledger` exits 0 on a sound ledger and 1, naming the check, on a broken one', async () => {
    const env = { ...process.env, DATABASE_URL: t.db.url, LOG_LEVEL: 'silent', NODE_ENV: 'test' };
    const ok = spawnSync(process.execPath, [CLI, 'audit-ledger'], { env, encoding: 'utf8' });
    expect([ok.status, ok.stdout]).toEqual([0, expect.stringContaining('ledger audit passed')]);
    await ds.query('UPDATE sku SET stock = stock + 3 WHERE id = (SELECT MIN(sku_id) FROM stock_movement)');
    const broken = spawnSync(process.execPath, [CLI, 'audit-ledger'], { env, encoding: 'utf8' });
    expect(broken.status).toBe(1);
    expect(broken.stdout).toMatch(/✖ stock_ledger: 1 violation/);
    await ds.query('UPDATE sku SET stock = stock - 3 WHERE id = (SELECT MIN(sku_id) FROM stock_movement)');
  });
});
