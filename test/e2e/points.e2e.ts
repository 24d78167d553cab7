import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PointsLedgerService } from '@mall/server/points/points-ledger.service';
import { PointsLot } from '@mall/server/points/points-lot.entity';
import { PointsMallItem } from '@mall/server/points/points-mall.entity';
import { PointsMallService } from '@mall/server/points/points-mall.service';
import { PointsReportService } from '@mall/server/points/points-report.service';
import { OutboxService } from '@mall/server/common/outbox/outbox.service';
import { NotificationSceneConfig } from '@mall/server/notification/notification.entity';
import { simTemplateId } from '@mall/server/wechat/simulator/sim-templates';
import { simulatedOpenid } from '@mall/server/wechat/simulator/simulator-state';
import { grantSubscribeConsent, simSubscribeCalls } from '../helpers/notifications';
import { RechargePlan } from '@mall/server/wallet/recharge-plan.entity';
import { CouponTemplate } from '@mall/server/coupon/coupon-template.entity';
import { Payment } from '@mall/server/payment/payment.entity';
import { startTestApp, TestApp } from '../helpers/test-app';
import { simPay, waitFor } from '../helpers/wechat-pay';

describe('points: lots, FIFO, expiry, redemption, clawback', () => {
  let t: TestApp;
  let ds: DataSource;
  let ledger: PointsLedgerService;

  beforeAll(async () => {
    t = await startTestApp({ WECHAT_SIM_NOTIFY_TIME_SCALE: '0.001' });
    ds = t.app.get<DataSource>(getDataSourceToken());
    ledger = t.app.get(PointsLedgerService);
  });
  afterAll(() => t?.close());

  async function member(name: string) {
    const login = await t.loginMember(name);
    return { id: login.member.id, auth: `Bearer ${login.accessToken}` };
  }
  const earn = (memberId: number, points: number, key: string, expiresAt?: Date) =>
    ds.transaction((m) =>
      ledger.earn(m, { memberId, points, source: 'order', refType: 'order', refId: key, idempotencyKey: `earn:${memberId}:${key}`, expiresAt }),
    );
  const consistent = async (memberId: number) => {
    const c = await ledger.check(memberId);
    expect(c.cached).toBe(c.lots);
    expect(c.cached).toBe(c.entries);
    return c.cached;
  };

  it('spends the earliest-expiring lots first and records which lots it used', async () => {
    const m = await member('pts-fifo');
    const late = new Date(Date.now() + 200 * 86_400_000);
    const early = new Date(Date.now() + 20 * 86_400_000);
    await earn(m.id, 100, 'late', late);
    await earn(m.id, 60, 'early', early);
    const takes = await ds.transaction((mgr) => ledger.spend(mgr, { memberId: m.id, points: 80, refType: 'order', refId: 'o1', idempotencyKey: 'spend:o1' }));
    const lots = await ds.getRepository(PointsLot).find({ where: { memberId: m.id }, order: { id: 'ASC' } });
    expect(takes).toEqual([
      { lotId: lots[1].id, points: 60 },
      { lotId: lots[0].id, points: 20 },
    ]);
    expect(await consistent(m.id)).toBe(80);
    const summary = (await t.http().get('/api/points').set('authorization', m.auth).expect(200)).body;
    expect(summary.balance).toBe(80);
  });

  it('two concurrent expiry runs expire each lot once', async () => {
    const m = await member('pts-expire');
    await earn(m.id, 50, 'a', new Date(Date.now() + 1000));
    await earn(m.id, 70, 'b', new Date(Date.now() + 86_400_000 * 400));
    const later = new Date(Date.now() + 5000);
    const [r1, r2] = await Promise.all([ledger.expireDue(later), ledger.expireDue(later)]);
    const mine = await ds.getRepository(PointsLot).findBy({ memberId: m.id });
    expect(mine.filter((l) => l.expiredAt !== null)).toHaveLength(1);
    expect(r1.points + r2.points).toBeGreaterThanOrEqual(50);
    expect(await consistent(m.id)).toBe(70);
    const entries = (await t.http().get('/api/points/entries').set('authorization', m.auth).expect(200)).body.items;
    expect(entries.filter((e: { kind: string }) => e.kind === 'expire')).toHaveLength(1);
  });

  it('two concurrent redemptions cannot spend the same points; stock and limits hold', async () => {
    const m = await member('pts-redeem');
    await earn(m.id, 150, 'seed');
    const item = await ds
      .getRepository(PointsMallItem)
      .save(ds.getRepository(PointsMallItem).create({ name: '定制帆布袋', pricePoints: 100, stock: 5, enabled: true }));
    const results = await Promise.all([1, 2].map(() => t.http().post(`/api/points/mall/${item.id}/redeem`).set('authorization', m.auth)));
    expect(results.map((r) => r.status).sort()).toEqual([201, 422]);
    expect(results.find((r) => r.status === 422)!.body.code).toBe('POINTS_INSUFFICIENT');
    expect(await consistent(m.id)).toBe(50);
    expect((await ds.getRepository(PointsMallItem).findOneByOrFail({ id: item.id })).stock).toBe(4);
    const records = (await t.http().get('/api/points/redemptions').set('authorization', m.auth).expect(200)).body.items;
    expect(records).toHaveLength(1);
    expect(records[0].pickupCode).toMatch(/^\d{8}$/);
  });

  it("a refunded order's points are clawed back (shortfall recorded); spent points come back as a new lot", async () => {
    const m = await member('pts-claw');
    await earn(m.id, 100, 'order-9');
    await ds.transaction((mgr) => ledger.spend(mgr, { memberId: m.id, points: 70, refType: 'order', refId: 'x', idempotencyKey: 'spend:x' }));
    const claw = await ds.transaction((mgr) =>
      ledger.clawback(mgr, { memberId: m.id, points: 100, refType: 'order', refId: 'order-9', idempotencyKey: 'claw:order-9' }),
    );
    expect(claw.shortfall).toBe(70);
    expect(await consistent(m.id)).toBe(0);
    await ds.transaction((mgr) =>
      ledger.earn(mgr, { memberId: m.id, points: 70, source: 'refund', kind: 'restore', refType: 'order', refId: 'x', idempotencyKey: 'restore:x' }),
    );
    expect(await consistent(m.id)).toBe(70);
    const again = await ds.transaction((mgr) =>
      ledger.clawback(mgr, { memberId: m.id, points: 100, refType: 'order', refId: 'order-9', idempotencyKey: 'claw:order-9' }),
    );
    expect(again.shortfall).toBe(70);
    expect(await consistent(m.id)).toBe(70);
  });

  it('completing the profile earns points once; a coupon item in the points mall issues the coupon', async () => {
    const m = await member('pts-profile');
    // The member sees the reward before earning it (the profile page's hint).
    expect((await t.http().get('/api/points').set('authorization', m.auth).expect(200)).body.profilePoints).toBe(50);
    await t
      .http()
      .patch('/api/members/me')
      .set('authorization', m.auth)
      .send({ nickname: '小满', birthday: '1996-05-20', gender: 'female', region: '上海市 徐汇区' })
      .expect(200);
    expect(await consistent(m.id)).toBe(0);
    await t.http().post('/api/members/me/phone').set('authorization', m.auth).send({ code: '13600136000:profile' }).expect(201);
    expect(await consistent(m.id)).toBe(50);
    await t.http().patch('/api/members/me').set('authorization', m.auth).send({ nickname: '小满满' }).expect(200);
    expect(await consistent(m.id)).toBe(50);

    const template = await ds
      .getRepository(CouponTemplate)
      .save(
        ds
          .getRepository(CouponTemplate)
          .create({ name: '积分兑换 5 元券', kind: 'fixed', amountFen: 500, thresholdFen: 0, validDays: 30, claimable: false, enabled: true }),
      );
    const item = await ds
      .getRepository(PointsMallItem)
      .save(ds.getRepository(PointsMallItem).create({ name: '5 元无门槛券', pricePoints: 50, stock: 10, couponTemplateId: template.id, enabled: true }));
    const redemption = (await t.http().post(`/api/points/mall/${item.id}/redeem`).set('authorization', m.auth).expect(201)).body;
    expect(redemption.pickupCode).toBeNull();
    expect(await consistent(m.id)).toBe(0);
    const coupons = (await t.http().get('/api/coupons/mine').set('authorization', m.auth).expect(200)).body.items;
    expect(coupons.map((c: { name: string }) => c.name)).toEqual(['积分兑换 5 元券']);
  });

  it('signs in once a day with a streak, and a double tap is refused', async () => {
    const m = await member('pts-sign');
    const first = await t.http().post('/api/points/sign-in').set('authorization', m.auth).expect(201);
    expect(first.body).toMatchObject({ points: 5, streak: 1 });
    const second = await t.http().post('/api/points/sign-in').set('authorization', m.auth).expect(409);
    expect(second.body.code).toBe('POINTS_ALREADY_SIGNED_IN');
    const month = first.body.day.slice(0, 7);
    const cal = (await t.http().get(`/api/points/sign-ins?month=${month}`).set('authorization', m.auth).expect(200)).body;
    expect(cal.days).toEqual([{ day: first.body.day, points: 5, streak: 1 }]);
    expect(await consistent(m.id)).toBe(5);
  });

  it('reminds once before points expire, through the WeChat subscribe message the member consented to', async () => {
    const m = await member('pts-remind');
    const templateId = simTemplateId('points_expiring');
    await ds.getRepository(NotificationSceneConfig).save({ scene: 'points_expiring', templateId, enabled: true });
    await grantSubscribeConsent(t, { user: 'pts-remind', auth: m.auth }, templateId, 2);
    await earn(m.id, 40, 'soon', new Date(Date.now() + 2 * 86_400_000));
    const service = t.app.get(PointsReportService);
    await Promise.all([service.remindExpiring(), service.remindExpiring()]);
    await service.remindExpiring();
    const outbox = t.app.get(OutboxService);
    await Promise.all([outbox.dispatchDue(), outbox.dispatchDue()]);
    const calls = await simSubscribeCalls(t, simulatedOpenid(t.config.wechat.appId, 'pts-remind'));
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ request: { template_id: templateId, data: { number1: { value: '40' } } }, response: { errcode: 0 } });
  });

  it('a recharge plan with bonus points and coupons grants them once', async () => {
    const m = await member('pts-recharge');
    const template = await ds
      .getRepository(CouponTemplate)
      .save(
        ds
          .getRepository(CouponTemplate)
          .create({ name: '充值礼券', kind: 'fixed', amountFen: 1000, thresholdFen: 0, validDays: 30, claimable: false, enabled: true }),
      );
    const soldOut = await ds.getRepository(CouponTemplate).save(
      ds.getRepository(CouponTemplate).create({
        name: '已发完',
        kind: 'fixed',
        amountFen: 500,
        thresholdFen: 0,
        validDays: 30,
        totalQuantity: 1,
        issuedCount: 1,
        claimable: false,
        enabled: true,
      }),
    );
    const plan = await ds.getRepository(RechargePlan).save(
      ds.getRepository(RechargePlan).create({
        name: '充 300 送积分',
        payFen: 30000,
        bonusFen: 0,
        bonusPoints: 300,
        couponTemplateIds: JSON.stringify([template.id, soldOut.id]),
        enabled: true,
      }),
    );
    const r = (await t.http().post('/api/wallet/recharges').set('authorization', m.auth).send({ planId: plan.id }).expect(201)).body;
    await simPay(t, r.outTradeNo);
    await waitFor(async () => (await ds.getRepository(Payment).findOneByOrFail({ outTradeNo: r.outTradeNo })).status === 'paid', 'paid');
    expect(await consistent(m.id)).toBe(300);
    // The plan's coupon is issued; the sold-out one is skipped without undoing the recharge.
    const coupons = (await t.http().get('/api/coupons/mine').set('authorization', m.auth).expect(200)).body.items;
    expect(coupons.map((c: { name: string }) => c.name)).toEqual(['充值礼券']);
    expect((await t.http().get('/api/wallet').set('authorization', m.auth).expect(200)).body.principal).toBe(30000);
  });

  it('ops adjust points (audited); finance sees the liability', async () => {
    const m = await member('pts-admin');
    await t.createAccount({ username: 'ops-pts', password: 'ops-pts-pass', displayName: '运营', role: 'ops' });
    const ops = `Bearer ${(await t.loginAccount('ops-pts', 'ops-pts-pass')).accessToken}`;
    await t
      .http()
      .post(`/api/admin/points/members/${m.id}/adjustments`)
      .set('authorization', ops)
      .set('idempotency-key', 'pts-adj-00001')
      .send({ points: 500, reason: '活动补发' })
      .expect(201);
    await t
      .http()
      .post(`/api/admin/points/members/${m.id}/adjustments`)
      .set('authorization', ops)
      .set('idempotency-key', 'pts-adj-00001')
      .send({ points: 500, reason: '活动补发' })
      .expect(201);
    expect(await consistent(m.id)).toBe(500);
    const view = (await t.http().get(`/api/admin/points/members/${m.id}`).set('authorization', ops).expect(200)).body;
    expect(view).toMatchObject({ balance: 500, consistent: true });
    const liability = (await t.http().get('/api/admin/points/liability').set('authorization', ops).expect(200)).body;
    expect(liability.outstandingPoints).toBeGreaterThanOrEqual(500);
    expect(liability.outstandingValueFen).toBe(Math.floor(liability.outstandingPoints));
    await t.http().get('/api/admin/points/liability').set('authorization', m.auth).expect(403);
  });
  it('points + cash: points and stock are held until the cash is paid; an unpaid one gives both back', async () => {
    const m = await member('pts-cash');
    await earn(m.id, 500, 'cash-seed');
    const item = await ds
      .getRepository(PointsMallItem)
      .save(ds.getRepository(PointsMallItem).create({ name: '保温杯（积分+现金）', pricePoints: 200, cashFen: 1990, stock: 3, enabled: true }));
    const pending = (await t.http().post(`/api/points/mall/${item.id}/redeem`).set('authorization', m.auth).expect(201)).body;
    expect(pending).toMatchObject({ status: 'pending_payment', cashFen: 1990, pickupCode: null });
    expect(pending.payParams.package).toMatch(/^prepay_id=/);
    expect(await consistent(m.id)).toBe(300);
    const payment = await ds.getRepository(Payment).findOneByOrFail({ outTradeNo: pending.outTradeNo });
    expect(payment).toMatchObject({ purpose: 'points_mall', amountFen: 1990 });
    const again = (await t.http().post(`/api/points/redemptions/${pending.id}/pay`).set('authorization', m.auth).expect(200)).body;
    expect(again.payParams.package).toBe(pending.payParams.package);
    await simPay(t, pending.outTradeNo);
    const issued = await waitFor(async () => {
      const items = (await t.http().get('/api/points/redemptions').set('authorization', m.auth)).body.items;
      return items.find((r: { id: number; status: string }) => r.id === pending.id && r.status === 'issued');
    }, 'redemption issued');
    expect(issued.pickupCode).toMatch(/^\d{8}$/);
    await t.http().post(`/api/points/redemptions/${pending.id}/pay`).set('authorization', m.auth).expect(409);

    // A second one the member abandons: the payment is closed, the points come back as a new lot, the stock returns.
    const second = (await t.http().post(`/api/points/mall/${item.id}/redeem`).set('authorization', m.auth).expect(201)).body;
    expect(await consistent(m.id)).toBe(100);
    expect((await ds.getRepository(PointsMallItem).findOneByOrFail({ id: item.id })).stock).toBe(1);
    const cancelled = (await t.http().post(`/api/points/redemptions/${second.id}/cancel`).set('authorization', m.auth).expect(200)).body;
    expect(cancelled.status).toBe('cancelled');
    expect(await consistent(m.id)).toBe(300);
    expect((await ds.getRepository(PointsMallItem).findOneByOrFail({ id: item.id })).stock).toBe(2);
    await t.http().post(`/api/points/redemptions/${second.id}/cancel`).set('authorization', m.auth).expect(409);
    const other = await member('pts-cash-other');
    await t.http().post(`/api/points/redemptions/${pending.id}/cancel`).set('authorization', other.auth).expect(404);
    // A replayed close changes nothing.
    await ds.transaction((mgr) => t.app.get(PointsMallService).onClosed(mgr, { purposeId: String(second.id) } as Payment));
    expect(await consistent(m.id)).toBe(300);
  });
});
