import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Sku } from '@mall/server/catalog/sku.entity';
import { MembershipPeriodRecord, MembershipPlan } from '@mall/server/membership/membership.entity';
import { MembershipService } from '@mall/server/membership/membership.service';
import { OutboxService } from '@mall/server/common/outbox/outbox.service';
import { NotificationSend } from '@mall/server/notification/notification.entity';
import { simTemplateId } from '@mall/server/wechat/simulator/sim-templates';
import { grantSubscribeConsent, simSubscribeCalls } from '../helpers/notifications';
import { DemoSeeder } from '@mall/server/seed/demo-seeder';
import { Member } from '@mall/server/member/member.entity';
import { WalletLedgerService } from '@mall/server/wallet/wallet-ledger.service';
import { startTestApp, TestApp } from '../helpers/test-app';
import { postNotify, simNotifies, simPay, waitFor } from '../helpers/wechat-pay';

describe('paid membership (SVIP): stacking, exactly-once, savings, refunds, renewal rate', () => {
  let t: TestApp;
  let ds: DataSource;
  let plans: MembershipPlan[];
  let finance: string;

  beforeAll(async () => {
    t = await startTestApp({ WECHAT_SIM_NOTIFY_TIME_SCALE: '0.001' });
    ds = t.app.get<DataSource>(getDataSourceToken());
    await t.app.get(DemoSeeder).seed();
    plans = await ds.getRepository(MembershipPlan).find({ order: { sortOrder: 'ASC' } });
    await t.createAccount({ username: 'fin-svip', password: 'fin-svip-pass', displayName: '财务', role: 'finance' });
    finance = `Bearer ${(await t.loginAccount('fin-svip', 'fin-svip-pass')).accessToken}`;
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
          idempotencyKey: `svip-seed:${login.member.id}`,
        }),
      );
    }
    return { id: login.member.id, auth: `Bearer ${login.accessToken}` };
  }
  const summary = async (auth: string) => (await t.http().get('/api/membership').set('authorization', auth).expect(200)).body;
  const periodsOf = (memberId: number) => ds.getRepository(MembershipPeriodRecord).find({ where: { memberId, status: 'active' }, order: { startsAt: 'ASC' } });

  it('stacking: buying twice gives two consecutive periods (first-purchase price once); buying after expiry starts now', async () => {
    const m = await member('svip-stack', 100000);
    const monthly = plans[0];
    const first = (await t.http().post('/api/membership/purchases').set('authorization', m.auth).send({ planId: monthly.id, payWith: 'balance' }).expect(201))
      .body;
    expect(first).toMatchObject({ status: 'paid', priceFen: 990 });
    const second = (await t.http().post('/api/membership/purchases').set('authorization', m.auth).send({ planId: plans[1].id, payWith: 'balance' }).expect(201))
      .body;
    expect(second).toMatchObject({ status: 'paid', priceFen: 4900 });
    const periods = await periodsOf(m.id);
    expect(periods).toHaveLength(2);
    expect(periods[1].startsAt.getTime()).toBe(periods[0].endsAt.getTime());
    expect((await summary(m.auth)).status).toBe('active');

    // Move both periods into the past: the next purchase starts now, not at the old end.
    await ds
      .getRepository(MembershipPeriodRecord)
      .update({ memberId: m.id }, { startsAt: new Date('2025-01-01T00:00:00Z'), endsAt: new Date('2025-02-01T00:00:00Z') });
    expect((await summary(m.auth)).status).toBe('expired');
    const before = Date.now();
    await t.http().post('/api/membership/purchases').set('authorization', m.auth).send({ planId: monthly.id, payWith: 'balance' }).expect(201);
    const latest = (await periodsOf(m.id)).at(-1)!;
    expect(latest.startsAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect((await t.http().get('/api/wallet').set('authorization', m.auth).expect(200)).body.principal).toBe(100000 - 990 - 4900 - 1900);
  });

  it('a purchase notify replayed and raced adds exactly one period', async () => {
    const m = await member('svip-notify');
    const p = (await t.http().post('/api/membership/purchases').set('authorization', m.auth).send({ planId: plans[2].id, payWith: 'wechat' }).expect(201)).body;
    expect(p).toMatchObject({ status: 'pending', payParams: { signType: 'RSA' } });
    await simPay(t, p.outTradeNo);
    const [sent] = await waitFor(async () => {
      const items = await simNotifies(t, p.outTradeNo);
      return items[0]?.delivered ? items : null;
    }, 'notify delivered');
    for (let i = 0; i < 3; i++) await postNotify(t, sent.headers, sent.body);
    await Promise.all(Array.from({ length: 10 }, () => postNotify(t, sent.headers, sent.body)));
    expect(await periodsOf(m.id)).toHaveLength(1);
    const s = await summary(m.auth);
    expect(s).toMatchObject({ status: 'active', currentPlan: { name: 'SVIP 年卡' } });
    const card = (await t.http().get('/api/members/me/card').set('authorization', m.auth).expect(200)).body;
    expect(card.benefits.some((b: { sources: { type: string }[] }) => b.sources.some((src) => src.type === 'plan'))).toBe(true);
  });

  it('shows savings equal to what its orders recorded, and refunds only while no benefit was used', async () => {
    const m = await member('svip-savings', 200000);
    const purchase = (
      await t.http().post('/api/membership/purchases').set('authorization', m.auth).send({ planId: plans[0].id, payWith: 'balance' }).expect(201)
    ).body;
    const fresh = await member('svip-refund', 5000);
    const refundable = (
      await t.http().post('/api/membership/purchases').set('authorization', fresh.auth).send({ planId: plans[0].id, payWith: 'balance' }).expect(201)
    ).body;
    const quote = (await t.http().get(`/api/membership/purchases/${refundable.purchaseId}/refund-quote`).set('authorization', fresh.auth).expect(200)).body;
    expect(quote).toEqual({ refundable: true, amountFen: 990, deductedFen: 0, reason: null });
    await t
      .http()
      .post(`/api/membership/purchases/${refundable.purchaseId}/refund`)
      .set('authorization', fresh.auth)
      .send({ expectedAmountFen: 990 })
      .expect(200);
    expect((await summary(fresh.auth)).status).toBe('none');
    expect((await t.http().get('/api/wallet').set('authorization', fresh.auth).expect(200)).body.principal).toBe(5000);

    const sku = (await ds.getRepository(Sku).find({ order: { id: 'ASC' } }))[1]; // cookies 128, member 108; SVIP 88折 = 112.64 → member price wins
    const coffee = (await ds.getRepository(Sku).find({ order: { id: 'ASC' } }))[2]; // tea 168 / 148; SVIP 88折 = 147.84 → SVIP wins
    let recorded = 0;
    for (const [s, qty] of [
      [sku, 1],
      [coffee, 2],
    ] as const) {
      const order = (
        await t
          .http()
          .post('/api/orders')
          .set('authorization', m.auth)
          .send({ lines: [{ skuId: s.id, quantity: qty }], balanceToUse: 100000, fulfilment: 'pickup', storeId: 1 })
          .expect(201)
      ).body;
      const view = (await t.http().get(`/api/orders/${order.orderId}`).set('authorization', m.auth).expect(200)).body;
      recorded += view.savings.filter((x: { source: { type: string } }) => x.source.type === 'plan').reduce((a: number, x: { fen: number }) => a + x.fen, 0);
    }
    expect(recorded).toBeGreaterThan(0);
    // The product page shows the SVIP price where the plan beats the member price.
    const tea = (await t.http().get(`/api/catalog/products/${coffee.productId}`).expect(200)).body;
    expect(tea.skus[0]).toMatchObject({ priceFen: 16800, memberPriceFen: 14800, svipPriceFen: 14784 });
    const s = await summary(m.auth);
    expect(s.period).toMatchObject({ savedFen: recorded, costFen: 990 });
    const refused = await t
      .http()
      .post(`/api/membership/purchases/${purchase.purchaseId}/refund`)
      .set('authorization', m.auth)
      .send({ expectedAmountFen: 990 })
      .expect(422);
    expect(refused.body.code).toBe('MEMBERSHIP_REFUND_NOT_ALLOWED');
  });

  it('renewal rate over a seeded cohort matches a hand count; reminders go out once', async () => {
    const svc = t.app.get(MembershipService);
    const seeded = [] as { id: number }[];
    for (let i = 0; i < 4; i++) seeded.push(await member(`svip-cohort-${i}`));
    const insert = (memberId: number, s: string, e: string, purchaseId: number) =>
      ds
        .getRepository(MembershipPeriodRecord)
        .insert({ memberId, planId: plans[0].id, purchaseId, startsAt: new Date(s), endsAt: new Date(e), priceFen: 1900, status: 'active' });
    await insert(seeded[0].id, '2025-06-01T00:00:00Z', '2025-07-01T00:00:00Z', 900001); // expired 07-01, renewed 3 days later
    await insert(seeded[0].id, '2025-07-04T00:00:00Z', '2025-08-04T00:00:00Z', 900002);
    await insert(seeded[1].id, '2025-06-05T00:00:00Z', '2025-07-05T00:00:00Z', 900003); // churned
    await insert(seeded[2].id, '2025-06-10T00:00:00Z', '2025-07-10T00:00:00Z', 900004); // renewed 20 days later: outside grace
    await insert(seeded[2].id, '2025-07-30T00:00:00Z', '2025-08-30T00:00:00Z', 900005);
    await insert(seeded[3].id, '2025-06-20T00:00:00Z', '2025-07-20T00:00:00Z', 900006); // stacked, run ends 08-20
    await insert(seeded[3].id, '2025-07-20T00:00:00Z', '2025-08-20T00:00:00Z', 900007);
    const july = await t
      .http()
      .get('/api/admin/membership/metrics?from=2025-07-01T00:00:00Z&to=2025-08-01T00:00:00Z')
      .set('authorization', finance)
      .expect(200);
    // Hand count for July: members 0, 1, 2 reached the end of a run (3 expired); only member 0 renewed within 7 days.
    expect(july.body).toMatchObject({ expiredInWindow: 3, churned: 2 });
    expect(july.body.renewalRate).toBeCloseTo(1 / 3);

    const soon = await member('svip-remind', 5000);
    await t.http().post('/api/membership/purchases').set('authorization', soon.auth).send({ planId: plans[0].id, payWith: 'balance' }).expect(201);
    const at = new Date(Date.now() + 26 * 86_400_000);
    // The demo configures the simulated account's SVIP-expiring template; the member allowed two messages.
    const templateId = simTemplateId('svip_expiring');
    await grantSubscribeConsent(t, { user: 'svip-remind', auth: soon.auth }, templateId, 2);
    await Promise.all([svc.runJobs(at), svc.runJobs(at)]);
    await svc.runJobs(at);
    const outbox = t.app.get(OutboxService);
    await Promise.all([outbox.dispatchDue(), outbox.dispatchDue()]);
    const openid = (await ds.getRepository(Member).findOneByOrFail({ id: soon.id })).openid;
    const calls = await simSubscribeCalls(t, openid);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ request: { template_id: templateId }, response: { errcode: 0 } });
    // Every member due a reminder got exactly one attempt (sent, or skipped without consent), however many runs.
    const attempts = await ds.getRepository(NotificationSend).findBy({ scene: 'svip_expiring' });
    const members = attempts.map((a) => a.memberId);
    expect(new Set(members).size).toBe(members.length);
    expect(attempts.find((a) => a.memberId === soon.id)).toMatchObject({ status: 'sent' });
  });

  it('a recharge plan that grants SVIP days adds one period under its plan, once, however often the notify arrives', async () => {
    await t.createAccount({ username: 'ops-svip', password: 'ops-svip-pass', displayName: '运营', role: 'ops' });
    const ops = `Bearer ${(await t.loginAccount('ops-svip', 'ops-svip-pass')).accessToken}`;
    const refused = await t
      .http()
      .post('/api/admin/recharge-plans')
      .set('authorization', ops)
      .send({ name: '充 2000 送月卡', payFen: 200000, bonusFen: 0, membershipDays: 30 })
      .expect(400);
    expect(refused.body.details.fields[0].field).toBe('membershipPlanId');
    const plan = (
      await t
        .http()
        .post('/api/admin/recharge-plans')
        .set('authorization', ops)
        .send({ name: '充 2000 送月卡', payFen: 200000, bonusFen: 0, membershipDays: 30, membershipPlanId: plans[0].id })
        .expect(201)
    ).body;
    expect(plan.membershipDays).toBe(30);

    const m = await member('svip-by-recharge');
    expect((await summary(m.auth)).status).toBe('none');
    const recharge = (await t.http().post('/api/wallet/recharges').set('authorization', m.auth).send({ planId: plan.id }).expect(201)).body;
    const before = Date.now();
    await simPay(t, recharge.outTradeNo);
    await waitFor(async () => (await summary(m.auth)).status === 'active', 'SVIP granted');
    for (const notify of (await simNotifies(t, recharge.outTradeNo)).slice(0, 1)) {
      await Promise.all([postNotify(t, notify.headers, notify.body), postNotify(t, notify.headers, notify.body)]);
    }
    const periods = await periodsOf(m.id);
    expect(periods).toHaveLength(1);
    expect(periods[0]).toMatchObject({ planId: plans[0].id, purchaseId: null, grantKey: `recharge:${recharge.rechargeId}`, priceFen: 0 });
    const days = (periods[0].endsAt.getTime() - periods[0].startsAt.getTime()) / 86_400_000;
    expect(days).toBe(30);
    expect(periods[0].startsAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect((await summary(m.auth)).currentPlan).toMatchObject({ id: plans[0].id });
    expect((await t.http().get('/api/wallet').set('authorization', m.auth).expect(200)).body.principal).toBe(200000);
  });
});
