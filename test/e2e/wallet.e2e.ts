import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Payment } from '@mall/server/payment/payment.entity';
import { PaymentReconciler } from '@mall/server/payment/payment-reconciler';
import { Refund } from '@mall/server/payment/refund.entity';
import { RechargePlan } from '@mall/server/wallet/recharge-plan.entity';
import { DemoSeeder } from '@mall/server/seed/demo-seeder';
import { WalletEntry } from '@mall/server/wallet/wallet-entry.entity';
import { WalletLedgerService } from '@mall/server/wallet/wallet-ledger.service';
import { startTestApp, TestApp } from '../helpers/test-app';
import { simNotifies, simPay, waitFor } from '../helpers/wechat-pay';
import { postNotify } from '../helpers/wechat-pay';

describe('wallet: stored value as a ledger', () => {
  let t: TestApp;
  let ds: DataSource;
  let ledger: WalletLedgerService;
  let plan500: number;
  let finance: string;

  beforeAll(async () => {
    t = await startTestApp({ WECHAT_SIM_NOTIFY_TIME_SCALE: '0.001' });
    ds = t.app.get<DataSource>(getDataSourceToken());
    ledger = t.app.get(WalletLedgerService);
    const repo = ds.getRepository(RechargePlan);
    plan500 = (await repo.save(repo.create({ name: '充 500 送 50', payFen: 50000, bonusFen: 5000, enabled: true, perMemberLimit: 2, badge: '最受欢迎' }))).id;
    await repo.save(repo.create({ name: '已下架', payFen: 100, bonusFen: 0, enabled: false }));
    await t.createAccount({ username: 'finance-w', password: 'finance-pass-w', displayName: '财务', role: 'finance' });
    finance = `Bearer ${(await t.loginAccount('finance-w', 'finance-pass-w')).accessToken}`;
  });
  afterAll(() => t?.close());

  afterEach(async () => {
    const checks = await ledger.check();
    expect(checks.filter((c) => !c.consistent)).toEqual([]);
  });

  async function member(name: string) {
    const login = await t.loginMember(name);
    return { id: login.member.id, auth: `Bearer ${login.accessToken}` };
  }

  async function paidRecharge(auth: string, body: Record<string, unknown>) {
    const r = (await t.http().post('/api/wallet/recharges').set('authorization', auth).send(body).expect(201)).body;
    await simPay(t, r.outTradeNo);
    await waitFor(async () => (await ds.getRepository(Payment).findOneByOrFail({ outTradeNo: r.outTradeNo })).status === 'paid', 'recharge paid');
    return r as { rechargeId: number; outTradeNo: string };
  }

  const wallet = async (auth: string) => (await t.http().get('/api/wallet').set('authorization', auth).expect(200)).body;

  it('lists open plans with what is left for the member, and validates recharge input', async () => {
    const m = await member('w-plans');
    const options = (await t.http().get('/api/wallet/plans').set('authorization', m.auth).expect(200)).body;
    expect(options.plans.map((p: { name: string }) => p.name)).toEqual(['充 500 送 50']);
    expect(options.plans[0]).toMatchObject({ payFen: 50000, bonusFen: 5000, remainingForMe: 2, badge: '最受欢迎' });
    expect(options.custom).toMatchObject({ enabled: true, minFen: 1000, maxFen: 500000 });

    await t.http().post('/api/wallet/recharges').set('authorization', m.auth).send({}).expect(400);
    await t.http().post('/api/wallet/recharges').set('authorization', m.auth).send({ amount: 12.5 }).expect(400);
    const tooSmall = await t.http().post('/api/wallet/recharges').set('authorization', m.auth).send({ amount: 999 }).expect(422);
    expect(tooSmall.body.code).toBe('RECHARGE_AMOUNT_INVALID');
    const off = await t.http().post('/api/wallet/recharges').set('authorization', m.auth).send({ planId: 999999 }).expect(422);
    expect(off.body.code).toBe('RECHARGE_PLAN_UNAVAILABLE');
    expect(await ds.getRepository(Payment).countBy({ memberId: m.id })).toBe(0);
  });

  it('credits principal and bonus once per recharge, enforces the per-member limit, and pages the history', async () => {
    const m = await member('w-recharge');
    const r1 = await paidRecharge(m.auth, { planId: plan500 });
    await paidRecharge(m.auth, { planId: plan500 });
    const limited = await t.http().post('/api/wallet/recharges').set('authorization', m.auth).send({ planId: plan500 }).expect(422);
    expect(limited.body.code).toBe('RECHARGE_LIMIT_REACHED');
    await paidRecharge(m.auth, { amount: 1234 });
    expect(await wallet(m.auth)).toMatchObject({ principal: 101234, bonus: 10000, total: 111234, hasPin: false });

    // The notify replayed and reconciliation run twice credit nothing more.
    const [sent] = await simNotifies(t, r1.outTradeNo);
    expect((await postNotify(t, sent.headers, sent.body)).status).toBe(204);
    const later = new Date(Date.now() + 10 * 60_000);
    await Promise.all([t.app.get(PaymentReconciler).runOnce(later), t.app.get(PaymentReconciler).runOnce(later)]);
    expect((await wallet(m.auth)).total).toBe(111234);

    const page1 = (await t.http().get('/api/wallet/entries?limit=2').set('authorization', m.auth).expect(200)).body;
    expect(page1.items).toHaveLength(2);
    expect(page1.items[0]).toMatchObject({ kind: 'recharge', title: '充值', deltaPrincipal: 1234, deltaBonus: 0, principalAfter: 101234 });
    const page2 = (await t.http().get(`/api/wallet/entries?limit=2&cursor=${page1.nextCursor}`).set('authorization', m.auth).expect(200)).body;
    expect(page2.items).toHaveLength(1);
    expect(page2.nextCursor).toBeNull();
    const other = await member('w-recharge-other');
    await t.http().get(`/api/wallet/recharges/${r1.rechargeId}`).set('authorization', other.auth).expect(404);
    expect((await t.http().get(`/api/wallet/recharges/${r1.rechargeId}`).set('authorization', m.auth).expect(200)).body.status).toBe('paid');
  });

  it('a plan that grants growth and a tier applies them once with the recharge', async () => {
    await t.app.get(DemoSeeder).seed();
    const repo = ds.getRepository(RechargePlan);
    const gold = (await repo.save(repo.create({ name: '充 2000 升金卡', payFen: 200000, bonusFen: 20000, bonusGrowth: 300, grantTierLevel: 2, enabled: true })))
      .id;
    const m = await member('w-tier-plan');
    const r = await paidRecharge(m.auth, { planId: gold });
    const card = (await t.http().get('/api/members/me/card').set('authorization', m.auth).expect(200)).body;
    expect(card).toMatchObject({ tier: { level: 2, name: '金卡会员' }, growth: 300 });
    const [sent] = await simNotifies(t, r.outTradeNo);
    expect((await postNotify(t, sent.headers, sent.body)).status).toBe(204);
    expect((await t.http().get('/api/members/me/card').set('authorization', m.auth).expect(200)).body.growth).toBe(300);
    expect((await t.http().get('/api/members/me/tier-history').set('authorization', m.auth).expect(200)).body.items).toHaveLength(1);
  });

  it('50 concurrent spends of ¥10 against ¥100: exactly 10 succeed, the rest are refused, nothing goes negative', async () => {
    const m = await member('w-race');
    await ds.transaction((manager) =>
      ledger.move(manager, {
        memberId: m.id,
        deltaPrincipalFen: 9000,
        deltaBonusFen: 1000,
        kind: 'adjust',
        refType: 'test',
        refId: 'seed',
        idempotencyKey: `seed:${m.id}`,
      }),
    );
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        ds.transaction((manager) =>
          ledger.spend(manager, { memberId: m.id, amountFen: 1000, rule: 'proportional', refType: 'order', refId: `o${i}`, idempotencyKey: `spend:o${i}` }),
        ),
      ),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    expect(ok).toHaveLength(10);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'WALLET_INSUFFICIENT_BALANCE' });
    expect(await wallet(m.auth)).toMatchObject({ principal: 0, bonus: 0 });
    const entries = await ds.getRepository(WalletEntry).findBy({ memberId: m.id });
    expect(entries.every((e) => e.principalAfterFen >= 0 && e.bonusAfterFen >= 0)).toBe(true);
  });

  it('a refunded purchase returns exactly the recorded principal/bonus split, never more', async () => {
    const m = await member('w-refund');
    await ds.transaction((manager) =>
      ledger.move(manager, {
        memberId: m.id,
        deltaPrincipalFen: 7000,
        deltaBonusFen: 3000,
        kind: 'adjust',
        refType: 'test',
        refId: 'seed',
        idempotencyKey: `seed:${m.id}`,
      }),
    );
    const split = await ds.transaction((manager) =>
      ledger.spend(manager, { memberId: m.id, amountFen: 3333, rule: 'proportional', refType: 'order', refId: 'A1', idempotencyKey: 'spend:A1' }),
    );
    expect(split).toEqual({ principalFen: 2333, bonusFen: 1000 });
    // The rule changes in between; the refund still follows the recorded split.
    const part1 = await ds.transaction((m2) =>
      ledger.refundSpend(m2, { memberId: m.id, refType: 'order', refId: 'A1', amountFen: 1000, idempotencyKey: 'refund:A1:1' }),
    );
    const part2 = await ds.transaction((m2) =>
      ledger.refundSpend(m2, { memberId: m.id, refType: 'order', refId: 'A1', amountFen: 2333, idempotencyKey: 'refund:A1:2' }),
    );
    expect({ principalFen: part1.principalFen + part2.principalFen, bonusFen: part1.bonusFen + part2.bonusFen }).toEqual(split);
    await expect(
      ds.transaction((m2) => ledger.refundSpend(m2, { memberId: m.id, refType: 'order', refId: 'A1', amountFen: 1, idempotencyKey: 'refund:A1:3' })),
    ).rejects.toMatchObject({ code: 'REFUND_EXCEEDS_PAID' });
    expect(await wallet(m.auth)).toMatchObject({ principal: 7000, bonus: 3000 });

    // Concurrent partial refunds of one spend never return more than it took.
    await ds.transaction((manager) =>
      ledger.spend(manager, { memberId: m.id, amountFen: 3000, rule: 'proportional', refType: 'order', refId: 'A2', idempotencyKey: 'spend:A2' }),
    );
    const racing = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) =>
        ds.transaction((m2) => ledger.refundSpend(m2, { memberId: m.id, refType: 'order', refId: 'A2', amountFen: 1000, idempotencyKey: `refund:A2:${i}` })),
      ),
    );
    expect(racing.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    expect(await wallet(m.auth)).toMatchObject({ principal: 7000, bonus: 3000 });
  });

  it('a withdrawal after spending refunds only the remaining principal through the recharge payments and forfeits the bonus', async () => {
    const m = await member('w-withdraw');
    const first = await paidRecharge(m.auth, { planId: plan500 }); // 50000 + 5000
    const second = await paidRecharge(m.auth, { amount: 20000 }); // 20000 + 0
    await ds.transaction((manager) =>
      ledger.spend(manager, { memberId: m.id, amountFen: 60000, rule: 'proportional', refType: 'order', refId: 'W1', idempotencyKey: 'spend:W1' }),
    );
    const before = await wallet(m.auth);
    expect(before.principal + before.bonus).toBe(15000);

    const request = await t.http().post('/api/wallet/withdrawals').set('authorization', m.auth).send({ reason: '搬家了' }).expect(201);
    await t.http().post('/api/wallet/withdrawals').set('authorization', m.auth).send({}).expect(409);
    const approve = await t
      .http()
      .post(`/api/admin/withdrawals/${request.body.id}/approve`)
      .set('authorization', finance)
      .send({ note: '核实无误' })
      .expect(201);
    expect(approve.body).toMatchObject({ status: 'approved', principalFen: before.principal, bonusForfeitFen: before.bonus });
    await t.http().post(`/api/admin/withdrawals/${request.body.id}/approve`).set('authorization', finance).send({ note: 'again' }).expect(409);
    expect(await wallet(m.auth)).toMatchObject({ principal: 0, bonus: 0 });

    // Oldest recharge first: the whole remaining principal fits in the first payment.
    const p1 = await ds.getRepository(Payment).findOneByOrFail({ outTradeNo: first.outTradeNo });
    const p2 = await ds.getRepository(Payment).findOneByOrFail({ outTradeNo: second.outTradeNo });
    const refunds = await ds.getRepository(Refund).find({ where: [{ paymentId: p1.id }, { paymentId: p2.id }] });
    expect(refunds.map((r) => [r.paymentId, r.amountFen])).toEqual([[p1.id, before.principal]]);
    await waitFor(async () => (await ds.getRepository(Refund).findOneByOrFail({ id: refunds[0].id })).status === 'success', 'withdrawal refund settled');
  });

  it('PIN: 6 digits, hashed, locked after 5 wrong attempts, reset by proving the bound phone', async () => {
    const m = await member('w-pin');
    await t.http().post('/api/wallet/pin').set('authorization', m.auth).send({ pin: '12345' }).expect(400);
    await t.http().post('/api/wallet/pin').set('authorization', m.auth).send({ pin: '258036' }).expect(204);
    expect((await wallet(m.auth)).hasPin).toBe(true);
    await t.http().post('/api/wallet/pin').set('authorization', m.auth).send({ pin: '111111' }).expect(422);
    await t.http().post('/api/wallet/pin/verify').set('authorization', m.auth).send({ pin: '258036' }).expect(204);
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) codes.push((await t.http().post('/api/wallet/pin/verify').set('authorization', m.auth).send({ pin: '000000' })).body.code);
    expect(codes).toEqual(['WALLET_PIN_INVALID', 'WALLET_PIN_INVALID', 'WALLET_PIN_INVALID', 'WALLET_PIN_INVALID', 'WALLET_PIN_LOCKED']);
    const locked = await t.http().post('/api/wallet/pin/verify').set('authorization', m.auth).send({ pin: '258036' }).expect(422);
    expect(locked.body.code).toBe('WALLET_PIN_LOCKED');

    await t.http().post('/api/members/me/phone').set('authorization', m.auth).send({ code: '13900139000:bind' }).expect(201);
    const wrongPhone = await t.http().post('/api/wallet/pin').set('authorization', m.auth).send({ pin: '135790', phoneCode: '13700137000:x1' }).expect(403);
    expect(wrongPhone.body.code).toBe('FORBIDDEN');
    await t.http().post('/api/wallet/pin').set('authorization', m.auth).send({ pin: '135790', phoneCode: '13900139000:x2' }).expect(204);
    await t.http().post('/api/wallet/pin/verify').set('authorization', m.auth).send({ pin: '135790' }).expect(204);
  });

  it('finance adjusts a wallet with a reason (audited, idempotent); ops cannot; liability adds up', async () => {
    const m = await member('w-adjust');
    await t.createAccount({ username: 'ops-w', password: 'ops-pass-w1', displayName: '运营', role: 'ops' });
    const ops = `Bearer ${(await t.loginAccount('ops-w', 'ops-pass-w1')).accessToken}`;
    const url = `/api/admin/wallets/${m.id}/adjustments`;
    await t
      .http()
      .post(url)
      .set('authorization', ops)
      .set('idempotency-key', 'adj-ops-00001')
      .send({ deltaPrincipalFen: 100, deltaBonusFen: 0, reason: '补偿' })
      .expect(403);
    await t.http().post(url).set('authorization', finance).send({ deltaPrincipalFen: 100, deltaBonusFen: 0, reason: '补偿' }).expect(400);
    const res = await t
      .http()
      .post(url)
      .set('authorization', finance)
      .set('idempotency-key', 'adj-fin-00001')
      .send({ deltaPrincipalFen: 0, deltaBonusFen: 888, reason: '客诉补偿' })
      .expect(201);
    const again = await t
      .http()
      .post(url)
      .set('authorization', finance)
      .set('idempotency-key', 'adj-fin-00001')
      .send({ deltaPrincipalFen: 0, deltaBonusFen: 888, reason: '客诉补偿' })
      .expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(res.body);
    const negative = await t
      .http()
      .post(url)
      .set('authorization', finance)
      .set('idempotency-key', 'adj-fin-00002')
      .send({ deltaPrincipalFen: -1, deltaBonusFen: 0, reason: '扣减' })
      .expect(422);
    expect(negative.body.code).toBe('WALLET_INSUFFICIENT_BALANCE');
    const view = (await t.http().get(`/api/admin/wallets/${m.id}`).set('authorization', finance).expect(200)).body;
    expect(view).toMatchObject({ principal: 0, bonus: 888, ledgerConsistent: true });

    const from = new Date(Date.now() - 3600_000).toISOString();
    const to = new Date(Date.now() + 3600_000).toISOString();
    const report = (await t.http().get(`/api/admin/wallet/liability?from=${from}&to=${to}`).set('authorization', finance).expect(200)).body;
    const sums = await ds
      .getRepository(WalletEntry)
      .createQueryBuilder('e')
      .select('SUM(e.delta_principal_fen)', 'p')
      .addSelect('SUM(e.delta_bonus_fen)', 'b')
      .getRawOne();
    expect(report.outstanding.principalFen).toBe(Number(sums.p));
    expect(report.outstanding.bonusFen).toBe(Number(sums.b));
    expect(report.period.adjustedBonusFen).toBeGreaterThanOrEqual(888);
    await t.http().get(`/api/admin/wallet/liability?from=${from}&to=${to}`).set('authorization', ops).expect(403);
  });
});
