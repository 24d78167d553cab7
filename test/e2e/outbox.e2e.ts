import { EventEmitter2 } from '@nestjs/event-emitter';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { OutboxService } from '@mall/server/common/outbox/outbox.service';
import { DemoSeeder } from '@mall/server/seed/demo-seeder';
import { WalletLedgerService } from '@mall/server/wallet/wallet-ledger.service';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { simPay, waitFor } from '../helpers/wechat-pay';

describe('outbox: after-commit events written with their change, dispatched once per claim, retried when a listener fails', () => {
  let t: TestApp;
  let ds: DataSource;
  let outbox: OutboxService;
  const seen: { name: string; payload: Record<string, unknown> }[] = [];
  let failNext = 0;

  beforeAll(async () => {
    t = await startTestApp({ WECHAT_SIM_NOTIFY_TIME_SCALE: '0.001' });
    ds = t.app.get<DataSource>(getDataSourceToken());
    outbox = t.app.get(OutboxService);
    await t.app.get(DemoSeeder).seed();
    const emitter = t.app.get(EventEmitter2);
    for (const name of ['order.paid', 'recharge.credited', 'membership.purchased']) {
      emitter.on(name, async (payload: Record<string, unknown>) => {
        if (failNext > 0) {
          failNext -= 1;
          throw new Error('listener down');
        }
        seen.push({ name, payload });
      });
    }
  });
  afterAll(() => t?.close());

  it('a paid recharge, a balance order and an SVIP purchase each announce themselves once, even with two dispatchers at once', async () => {
    const login = await t.loginMember('outbox-member');
    const auth = `Bearer ${login.accessToken}`;
    const recharge = (await t.http().post('/api/wallet/recharges').set('authorization', auth).send({ planId: 2 }).expect(201)).body;
    await simPay(t, recharge.outTradeNo);
    await waitFor(async () => (await t.http().get('/api/wallet').set('authorization', auth)).body.total > 0, 'credited');
    const order = (
      await t
        .http()
        .post('/api/orders')
        .set('authorization', auth)
        .send({ lines: [{ skuId: 1, quantity: 1 }], fulfilment: 'pickup', storeId: 1, balanceToUse: 6900 })
        .expect(201)
    ).body;
    expect(order.status).toBe('paid');
    await t.http().post('/api/membership/purchases').set('authorization', auth).send({ planId: 1, payWith: 'balance' }).expect(201);
    await Promise.all([outbox.dispatchDue(), outbox.dispatchDue()]);
    await outbox.dispatchDue();
    const mine = seen.filter((e) => e.payload.memberId === login.member.id);
    expect(mine.map((e) => e.name).sort()).toEqual(['membership.purchased', 'order.paid', 'recharge.credited']);
    expect(mine.find((e) => e.name === 'order.paid')!.payload).toMatchObject({ orderId: order.orderId, payableFen: 5900 }); // the demo tiers give the member price
    expect(mine.find((e) => e.name === 'recharge.credited')!.payload).toMatchObject({ rechargeId: recharge.rechargeId, principalFen: 30000, bonusFen: 2000 });
    expect(mine.find((e) => e.name === 'membership.purchased')!.payload).toMatchObject({ renewal: false });
    const pending = await ds.query('SELECT COUNT(*) AS c FROM outbox_event WHERE dispatched_at IS NULL');
    expect(Number(pending[0].c)).toBe(0);
  });

  it('a listener that fails leaves the event for the next run after its lease', async () => {
    const login = await t.loginMember('outbox-retry');
    const auth = `Bearer ${login.accessToken}`;
    await ds.transaction((m) =>
      t.app.get(WalletLedgerService).move(m, {
        memberId: login.member.id,
        deltaPrincipalFen: 10000,
        deltaBonusFen: 0,
        kind: 'adjust',
        refType: 't',
        refId: 't',
        idempotencyKey: `outbox-retry:${login.member.id}`,
      }),
    );
    const order = (
      await t
        .http()
        .post('/api/orders')
        .set('authorization', auth)
        .send({ lines: [{ skuId: 1, quantity: 1 }], fulfilment: 'pickup', storeId: 1, balanceToUse: 6900 })
        .expect(201)
    ).body;
    failNext = 1;
    expect(await outbox.dispatchDue()).toMatchObject({ dispatched: 0, failed: 1 });
    expect(await outbox.dispatchDue()).toMatchObject({ dispatched: 0 }); // still leased
    const later = new Date(Date.now() + 60_000);
    expect(await outbox.dispatchDue(later)).toMatchObject({ dispatched: 1, failed: 0 });
    expect(seen.filter((e) => e.payload.orderId === order.orderId)).toHaveLength(1);
    const [row] = await ds.query("SELECT attempts, last_error FROM outbox_event WHERE name = 'order.paid' ORDER BY id DESC LIMIT 1");
    expect([Number(row.attempts), row.last_error]).toEqual([2, '']);
  });
});
