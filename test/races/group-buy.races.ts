import type { DataSource } from 'typeorm';
import { Sku } from '@mall/server/catalog/sku.entity';
import { GroupBuyGroup, GroupBuyMember } from '@mall/server/group-buy/group-buy.entity';
import { PaymentReconciler } from '@mall/server/payment/payment-reconciler';
import { expectLedgerAuditPasses } from '../helpers/ledger-audit';
import type { TestApp } from '../helpers/test-app';
import { simPay, waitFor } from '../helpers/wechat-pay';
import { burst, count, raceMember, startRaceApp, type RaceMember } from './race-helpers';

const HOUR = 3_600_000;

describe('races: group buys through the real endpoints (MariaDB)', () => {
  let t: TestApp;
  let ds: DataSource;
  let ops: string;
  let sku: Sku;
  let seq = 0;

  beforeAll(async () => {
    ({ t, ds, ops } = await startRaceApp());
    [sku] = await ds.getRepository(Sku).find({ where: { enabled: true }, order: { id: 'ASC' } });
  });
  afterAll(() => t?.close());
  afterEach(async () => {
    await t.app.get(PaymentReconciler).runOnce(new Date(Date.now() + 2 * 60_000));
    await expectLedgerAuditPasses(t);
  });

  const groupPriceFen = () => Math.floor(sku.priceFen / 2);
  const createDeal = async (groupSize: number) =>
    (
      await t
        .http()
        .post('/api/admin/group-buys/deals')
        .set('authorization', ops)
        .send({
          name: `竞争团 ${++seq}`,
          skuId: sku.id,
          groupPriceFen: groupPriceFen(),
          leaderDiscountFen: 0,
          groupSize,
          timeLimitMinutes: 60,
          audience: 'everyone',
          allowRejoin: false,
          startsAt: new Date(Date.now() - HOUR).toISOString(),
          endsAt: new Date(Date.now() + 24 * HOUR).toISOString(),
        })
        .expect(201)
    ).body;
  const member = (name: string, balanceFen?: number) => raceMember(t, `${name}-${++seq}`, { balanceFen });
  /** Pickup, so the payable is exactly the group price; cash unless balance covers it. */
  const checkout = (m: RaceMember, withBalance = false) => ({ fulfilment: 'pickup', storeId: 1, ...(withBalance ? { balanceToUse: groupPriceFen() } : {}) });
  const open = (m: RaceMember, dealId: number) => t.http().post(`/api/group-buys/deals/${dealId}/open`).set('authorization', m.auth).send(checkout(m));
  const join = (m: RaceMember, groupId: number, withBalance = false) =>
    t.http().post(`/api/group-buys/groups/${groupId}/join`).set('authorization', m.auth).send(checkout(m, withBalance));
  const orderStatus = async (m: RaceMember, orderId: number) => (await t.http().get(`/api/orders/${orderId}`).set('authorization', m.auth)).body.status;
  const paid = async (m: RaceMember, r: { orderId: number; outTradeNo: string | null }) => {
    if (r.outTradeNo) await simPay(t, r.outTradeNo);
    await waitFor(async () => (await orderStatus(m, r.orderId)) === 'paid', 'paid');
  };
  const payment = async (outTradeNo: string) =>
    (await ds.query('SELECT status, amount_fen, refunded_fen FROM payment WHERE out_trade_no = ?', [outTradeNo]))[0] as {
      status: string;
      amount_fen: string | number;
      refunded_fen: string | number;
    };
  const groupRow = (id: number) => ds.getRepository(GroupBuyGroup).findOneByOrFail({ id });
  const runDue = () => t.http().post('/api/admin/group-buys/run-due').set('authorization', ops).send({});
  const expire = (groupId: number) => ds.query('UPDATE group_buy_group SET expires_at = ? WHERE id = ?', [new Date(Date.now() - 1000), groupId]);

  async function openedGroup(size: number, paidMembers: number) {
    const deal = await createDeal(size);
    const leader = await member('gb-leader');
    const opened = (await open(leader, deal.id).expect(201)).body;
    await paid(leader, opened);
    const paidOrders = [{ m: leader, r: opened }];
    for (let i = 1; i < paidMembers; i++) {
      const m = await member('gb-member');
      const r = (await join(m, opened.groupId).expect(201)).body;
      await paid(m, r);
      paidOrders.push({ m, r });
    }
    return { deal, groupId: opened.groupId as number, paidOrders };
  }

  it('size 3, 8 members race (paying with balance) for the last slot while 3 late cash payments land: exactly 3 paid, extra payments refunded in full', async () => {
    const { groupId } = await openedGroup(3, 2);
    // Three members held the last slot one after another and cancelled; their payments are then made anyway (late).
    const lateOnes: { m: RaceMember; outTradeNo: string; orderId: number }[] = [];
    for (let i = 0; i < 3; i++) {
      const m = await member('gb-late');
      const r = (await join(m, groupId).expect(201)).body;
      await t.http().post(`/api/orders/${r.orderId}/cancel`).set('authorization', m.auth).expect(200);
      await waitFor(async () => (await orderStatus(m, r.orderId)) === 'cancelled', 'cancelled');
      lateOnes.push({ m, outTradeNo: r.outTradeNo, orderId: r.orderId });
    }
    const racers = await Promise.all(Array.from({ length: 8 }, () => member('gb-racer', 100_000)));
    const [results] = await Promise.all([burst(8, (i) => join(racers[i], groupId, true)), ...lateOnes.map((l) => simPay(t, l.outTradeNo, { force: true }))]);
    expect(count(results, 201)).toBe(1);
    expect(count(results, 409)).toBe(7);
    expect(results.filter((r) => r.status === 409).every((r) => (r.body as { code: string }).code === 'GROUP_BUY_FULL')).toBe(true);
    const winner = results.find((r) => r.status === 201)!.body as { status: string };
    expect(winner.status).toBe('paid'); // balance covered it: paid inside the checkout that took the slot

    const g = await groupRow(groupId);
    expect(g).toMatchObject({ status: 'completed', paidCount: 3, heldCount: 3 });
    expect(await ds.getRepository(GroupBuyMember).countBy({ groupId, status: 'paid' })).toBe(3);
    for (const l of lateOnes) {
      await waitFor(async () => {
        const p = await payment(l.outTradeNo);
        return Number(p.refunded_fen) === Number(p.amount_fen) && Number(p.amount_fen) > 0;
      }, 'late payment refunded in full');
      expect(await orderStatus(l.m, l.orderId)).toBe('cancelled');
    }
    // Losers paid nothing: their balance is untouched.
    for (const [i, r] of results.entries()) {
      if (r.status === 201) continue;
      expect((await t.http().get('/api/wallet').set('authorization', racers[i].auth)).body.total).toBe(100_000);
    }
  });

  it('the timeout job and a last-second payment race: the group completes or fails, never both; a failed group refunds what was paid', async () => {
    const outcomes: string[] = [];
    for (let round = 0; round < 6; round++) {
      const { groupId, paidOrders } = await openedGroup(2, 1);
      const last = await member('gb-last');
      const r = (await join(last, groupId).expect(201)).body;
      await expire(groupId);
      await Promise.all([runDue(), runDue(), simPay(t, r.outTradeNo).catch(() => null)]);
      const g = await groupRow(groupId);
      expect(['completed', 'failed']).toContain(g.status);
      expect(g.completedAt !== null && g.failedAt !== null).toBe(false);
      outcomes.push(g.status);
      if (g.status === 'completed') {
        expect(g.paidCount).toBe(2);
        await waitFor(async () => (await orderStatus(last, r.orderId)) === 'paid', 'last order paid');
        expect(await ds.getRepository(GroupBuyMember).countBy({ groupId, status: 'paid' })).toBe(2);
      } else {
        // Every payment that made it is refunded in full, once; the unpaid one was closed.
        await waitFor(async () => {
          await runDue();
          const slots = await ds.getRepository(GroupBuyMember).findBy({ groupId });
          return slots.every((s) => s.status === 'refunded' || s.status === 'released');
        }, 'failed group settled');
        for (const o of [...paidOrders.map((p) => p.r.outTradeNo as string), r.outTradeNo as string]) {
          const p = await payment(o);
          if (p.status === 'paid') expect(Number(p.refunded_fen)).toBe(Number(p.amount_fen));
        }
        const refunds = await ds.query('SELECT order_id, COUNT(*) AS c FROM after_sale WHERE order_id IN (?) GROUP BY order_id', [
          [paidOrders[0].r.orderId, r.orderId],
        ]);
        expect(refunds.every((x: { c: string | number }) => Number(x.c) === 1)).toBe(true);
      }
    }
    // Both outcomes are legitimate; the point is that each round has exactly one of them.
    expect(outcomes).toHaveLength(6);
  });

  it('four concurrent timeout job runs refund a failed group once: one after-sale and one cash refund per order, balance credited once', async () => {
    const deal = await createDeal(4);
    const leader = await member('gb-f-leader');
    const opened = (await open(leader, deal.id).expect(201)).body;
    await paid(leader, opened);
    const payers = await Promise.all([member('gb-f-bal', 100_000), member('gb-f-cash')]);
    const withBalance = (await join(payers[0], opened.groupId, true).expect(201)).body;
    expect(withBalance.status).toBe('paid');
    const withCash = (await join(payers[1], opened.groupId).expect(201)).body;
    await paid(payers[1], withCash);
    await expire(opened.groupId);
    const runs = await burst(4, () => runDue());
    expect(runs.every((r) => r.status === 200)).toBe(true);
    expect(runs.reduce((n, r) => n + (r.body as { failed: number }).failed, 0)).toBe(1);
    await burst(4, () => runDue());
    await waitFor(async () => {
      await burst(2, () => runDue());
      return (await ds.getRepository(GroupBuyMember).countBy({ groupId: opened.groupId, status: 'refunded' })) === 3;
    }, 'all three refunded');
    const orderIds = [opened.orderId, withBalance.orderId, withCash.orderId];
    const sales = await ds.query('SELECT order_id, COUNT(*) AS c FROM after_sale WHERE order_id IN (?) GROUP BY order_id', [orderIds]);
    expect(sales.map((s: { c: string | number }) => Number(s.c))).toEqual([1, 1, 1]);
    const refunds = await ds.query(
      'SELECT p.out_trade_no, COUNT(r.id) AS c, p.amount_fen, p.refunded_fen FROM payment p JOIN refund r ON r.payment_id = p.id WHERE p.out_trade_no IN (?) GROUP BY p.id',
      [[opened.outTradeNo, withCash.outTradeNo]],
    );
    expect(refunds).toHaveLength(2);
    for (const r of refunds) expect([Number(r.c), Number(r.refunded_fen)]).toEqual([1, Number(r.amount_fen)]);
    expect((await t.http().get('/api/wallet').set('authorization', payers[0].auth)).body.total).toBe(100_000);
    const credits = await ds.query(
      "SELECT COUNT(*) AS c FROM wallet_entry WHERE member_id = ? AND ref_type = 'order' AND delta_principal_fen + delta_bonus_fen > 0",
      [payers[0].id],
    );
    expect(Number(credits[0].c)).toBe(1);
  });
});
