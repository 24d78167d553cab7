import type { DataSource } from 'typeorm';
import { Sku } from '@mall/server/catalog/sku.entity';
import { CouponTemplate } from '@mall/server/coupon/coupon-template.entity';
import { MembershipPlan } from '@mall/server/membership/membership.entity';
import { PaymentReconciler } from '@mall/server/payment/payment-reconciler';
import { PointsMallItem } from '@mall/server/points/points-mall.entity';
import { RechargePlan } from '@mall/server/wallet/recharge-plan.entity';
import { expectLedgerAuditPasses } from '../helpers/ledger-audit';
import type { TestApp } from '../helpers/test-app';
import { simPay, waitFor } from '../helpers/wechat-pay';
import { burst, count, raceMember, startRaceApp } from './race-helpers';

describe('races: balance, points, coupons, stock and every per-member limit hold under concurrent requests (MariaDB)', () => {
  let t: TestApp;
  let ds: DataSource;
  let sku: Sku;
  let plans: MembershipPlan[];

  beforeAll(async () => {
    ({ t, ds } = await startRaceApp({ PAYMENT_TTL_SECONDS: '120' }));
    [sku] = await ds.getRepository(Sku).find({ order: { id: 'ASC' } });
    plans = await ds.getRepository(MembershipPlan).find({ order: { sortOrder: 'ASC' } });
  });
  afterAll(() => t?.close());
  afterEach(() => expectLedgerAuditPasses(t));

  const orderCount = async (memberId: number) => Number((await ds.query('SELECT COUNT(*) AS c FROM shop_order WHERE member_id = ?', [memberId]))[0].c);
  const wallet = async (auth: string) => (await t.http().get('/api/wallet').set('authorization', auth).expect(200)).body;
  const points = async (auth: string) => (await t.http().get('/api/points').set('authorization', auth).expect(200)).body.balance;
  const pickup = (extra: object) => ({ lines: [{ skuId: sku.id, quantity: 1 }], fulfilment: 'pickup', storeId: 1, ...extra });

  it('10 checkouts spending the same balance: only what the balance covers is placed; the rest write nothing', async () => {
    const m = await raceMember(t, 'race-balance', { balanceFen: 12000 });
    const price = (await t.http().post('/api/orders/preview').set('authorization', m.auth).send(pickup({})).expect(200)).body.breakdown.payableFen;
    const results = await burst(10, () =>
      t
        .http()
        .post('/api/orders')
        .set('authorization', m.auth)
        .send(pickup({ balanceToUse: price })),
    );
    const placed = Math.floor(12000 / price);
    expect(count(results, 201)).toBe(placed);
    for (const r of results.filter((x) => x.status !== 201)) expect(r.body).toMatchObject({ code: 'WALLET_INSUFFICIENT_BALANCE' });
    expect(await orderCount(m.id)).toBe(placed);
    expect((await wallet(m.auth)).total).toBe(12000 - placed * price);
  });

  it('10 checkouts spending the same points: one is placed', async () => {
    const m = await raceMember(t, 'race-points', { points: 3000, balanceFen: 100000 });
    const results = await burst(10, () =>
      t
        .http()
        .post('/api/orders')
        .set('authorization', m.auth)
        .send(pickup({ pointsToUse: 2000 })),
    );
    expect(count(results, 201)).toBe(1);
    for (const r of results.filter((x) => x.status !== 201)) expect(r.body).toMatchObject({ code: 'POINTS_INSUFFICIENT' });
    expect(await points(m.auth)).toBe(1000);
    expect(await orderCount(m.id)).toBe(1);
  });

  it('10 checkouts with the same coupon: one locks it', async () => {
    const m = await raceMember(t, 'race-coupon');
    const template = await ds
      .getRepository(CouponTemplate)
      .save(
        ds
          .getRepository(CouponTemplate)
          .create({ name: '无门槛 5 元', kind: 'fixed', amountFen: 500, thresholdFen: 0, validDays: 7, claimable: true, enabled: true }),
      );
    const coupon = (await t.http().post('/api/coupons/claim').set('authorization', m.auth).send({ templateId: template.id }).expect(201)).body;
    const results = await burst(10, () =>
      t
        .http()
        .post('/api/orders')
        .set('authorization', m.auth)
        .send(pickup({ couponIds: [coupon.id] })),
    );
    expect(count(results, 201)).toBe(1);
    for (const r of results.filter((x) => x.status !== 201)) expect(r.body).toMatchObject({ code: 'COUPON_UNAVAILABLE' });
    expect(await orderCount(m.id)).toBe(1);
  });

  it('coupon claims racing the total and the per-member limit never pass either', async () => {
    const template = await ds.getRepository(CouponTemplate).save(
      ds.getRepository(CouponTemplate).create({
        name: '限量 5 张',
        kind: 'fixed',
        amountFen: 300,
        thresholdFen: 0,
        validDays: 7,
        totalQuantity: 5,
        perMemberLimit: 2,
        claimable: true,
        enabled: true,
      }),
    );
    const members = await Promise.all(Array.from({ length: 6 }, (_, i) => raceMember(t, `race-claim-${i}`)));
    const results = await burst(18, (i) =>
      t
        .http()
        .post('/api/coupons/claim')
        .set('authorization', members[i % 6].auth)
        .send({ templateId: template.id }),
    );
    expect(count(results, 201)).toBe(5);
    for (const r of results.filter((x) => x.status !== 201)) expect(['COUPON_UNAVAILABLE', 'COUPON_LIMIT_REACHED']).toContain(r.body.code);
    const perMember = await ds.query('SELECT member_id, COUNT(*) AS c FROM coupon WHERE template_id = ? GROUP BY member_id', [template.id]);
    expect(perMember.reduce((s: number, r: { c: number }) => s + Number(r.c), 0)).toBe(5);
    for (const r of perMember) expect(Number(r.c)).toBeLessThanOrEqual(2);
    expect(Number((await ds.query('SELECT issued_count FROM coupon_template WHERE id = ?', [template.id]))[0].issued_count)).toBe(5);
  });

  it('points-mall redemptions beyond the balance and beyond the per-member limit are refused', async () => {
    const m = await raceMember(t, 'race-redeem', { points: 1000 });
    const item = await ds
      .getRepository(PointsMallItem)
      .save(ds.getRepository(PointsMallItem).create({ name: '贴纸', pricePoints: 300, stock: 100, enabled: true, sortOrder: 9 }));
    const results = await burst(10, () => t.http().post(`/api/points/mall/${item.id}/redeem`).set('authorization', m.auth));
    expect(count(results, 201)).toBe(3);
    expect(await points(m.auth)).toBe(100);
    const limited = await ds
      .getRepository(PointsMallItem)
      .save(ds.getRepository(PointsMallItem).create({ name: '限兑杯', pricePoints: 10, stock: 100, perMemberLimit: 2, enabled: true, sortOrder: 10 }));
    const rich = await raceMember(t, 'race-redeem-limit', { points: 5000 });
    const limitedResults = await burst(10, () => t.http().post(`/api/points/mall/${limited.id}/redeem`).set('authorization', rich.auth));
    expect(count(limitedResults, 201)).toBe(2);
    for (const r of limitedResults.filter((x) => x.status !== 201)) expect(r.body).toMatchObject({ code: 'POINTS_LIMIT_REACHED' });
    expect((await ds.getRepository(PointsMallItem).findOneByOrFail({ id: limited.id })).stock).toBe(98);
  });

  it('SVIP: 10 concurrent balance purchases get the first-purchase price once; the rest pay the list price or are told it changed', async () => {
    const m = await raceMember(t, 'race-svip-balance', { balanceFen: 100000 });
    const monthly = plans[0];
    const results = await burst(10, () =>
      t.http().post('/api/membership/purchases').set('authorization', m.auth).send({ planId: monthly.id, payWith: 'balance' }),
    );
    const paid = results.filter((r) => r.status === 201).map((r) => r.body as { priceFen: number; status: string });
    expect(paid.filter((p) => p.priceFen === monthly.firstPurchasePriceFen)).toHaveLength(1);
    expect(paid.every((p) => p.status === 'paid' && (p.priceFen === monthly.firstPurchasePriceFen || p.priceFen === monthly.priceFen))).toBe(true);
    // Whoever saw the first-purchase price but lost the claim pays nothing and is told the new price.
    for (const r of results.filter((x) => x.status !== 201))
      expect(r).toMatchObject({ status: 409, body: { code: 'PRICE_CHANGED', details: { priceFen: monthly.priceFen } } });
    expect((await wallet(m.auth)).total).toBe(100000 - paid.reduce((s, p) => s + p.priceFen, 0));
    const firstPriced = await ds.query('SELECT COUNT(*) AS c FROM membership_purchase WHERE member_id = ? AND first_price = 1 AND status = ?', [m.id, 'paid']);
    expect(Number(firstPriced[0].c)).toBe(1);
  });

  it('SVIP: sequential unpaid WeChat purchases do not all get the first-purchase price; an expired one gives it back', async () => {
    const m = await raceMember(t, 'race-svip-unpaid');
    const monthly = plans[0];
    const buy = async () =>
      (await t.http().post('/api/membership/purchases').set('authorization', m.auth).send({ planId: monthly.id, payWith: 'wechat' }).expect(201)).body;
    const first = await buy();
    const second = await buy();
    const third = await buy();
    expect([first.priceFen, second.priceFen, third.priceFen]).toEqual([monthly.firstPurchasePriceFen, monthly.priceFen, monthly.priceFen]);
    // All three expire unpaid: the first-price claim comes back with the first one.
    await t.app.get(PaymentReconciler).runOnce(new Date(Date.now() + 10 * 60_000));
    const fourth = await buy();
    expect(fourth.priceFen).toBe(monthly.firstPurchasePriceFen);
    // The first, paid late although the fourth now holds the first price: refunded in full, not granted.
    await simPay(t, first.outTradeNo, { force: true });
    await waitFor(
      async () =>
        Number((await ds.query('SELECT refunded_fen FROM payment WHERE out_trade_no = ?', [first.outTradeNo]))[0].refunded_fen) ===
        monthly.firstPurchasePriceFen,
      'late first-price purchase refunded',
    );
    await simPay(t, fourth.outTradeNo);
    await waitFor(async () => (await t.http().get('/api/membership').set('authorization', m.auth)).body.status === 'active', 'fourth paid');
    const firstPriced = await ds.query(
      'SELECT COUNT(*) AS c FROM membership_period p JOIN membership_purchase u ON u.id = p.purchase_id WHERE u.member_id = ? AND u.first_price = 1',
      [m.id],
    );
    expect(Number(firstPriced[0].c)).toBe(1);
    await t.app.get(PaymentReconciler).runOnce(new Date(Date.now() + 2 * 60_000));
  });

  it('a recharge plan limited to once per member is bought once however the requests arrive; an unpaid one that expires frees the slot', async () => {
    const plan = await ds
      .getRepository(RechargePlan)
      .save(ds.getRepository(RechargePlan).create({ name: '新人充 100 送 30', payFen: 10000, bonusFen: 3000, perMemberLimit: 1, enabled: true, sortOrder: 9 }));
    const m = await raceMember(t, 'race-recharge-once');
    const results = await burst(10, () => t.http().post('/api/wallet/recharges').set('authorization', m.auth).send({ planId: plan.id }));
    expect(count(results, 201)).toBe(1);
    for (const r of results.filter((x) => x.status !== 201)) expect(r.body).toMatchObject({ code: 'RECHARGE_LIMIT_REACHED' });
    expect((await t.http().post('/api/wallet/recharges').set('authorization', m.auth).send({ planId: plan.id })).status).toBe(422);
    const options = (await t.http().get('/api/wallet/plans').set('authorization', m.auth).expect(200)).body.plans;
    expect(options.find((p: { id: number }) => p.id === plan.id).remainingForMe).toBe(0);
    await t
      .http()
      .post(`/api/wallet/recharges/${results.find((r) => r.status === 201)!.body.rechargeId}/cancel`)
      .set('authorization', m.auth)
      .expect(200);
    const again = (await t.http().post('/api/wallet/recharges').set('authorization', m.auth).send({ planId: plan.id }).expect(201)).body;
    await simPay(t, again.outTradeNo);
    await waitFor(async () => (await wallet(m.auth)).total === 13000, 'credited once');
    expect((await t.http().post('/api/wallet/recharges').set('authorization', m.auth).send({ planId: plan.id })).body.code).toBe('RECHARGE_LIMIT_REACHED');
  });
});
