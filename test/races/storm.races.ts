import type { DataSource } from 'typeorm';
import { Sku } from '@mall/server/catalog/sku.entity';
import { CouponService } from '@mall/server/coupon/coupon.service';
import { MembershipService } from '@mall/server/membership/membership.service';
import { MembershipPlan } from '@mall/server/membership/membership.entity';
import { PaymentReconciler } from '@mall/server/payment/payment-reconciler';
import { PointsLedgerService } from '@mall/server/points/points-ledger.service';
import { expectLedgerAuditPasses } from '../helpers/ledger-audit';
import type { TestApp } from '../helpers/test-app';
import { simPay, waitFor } from '../helpers/wechat-pay';
import { raceMember, startRaceApp, type RaceMember } from './race-helpers';

/** A small, seedable PRNG (mulberry32): the same STORM_SEED replays the same storm. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
    chance: (p: number) => next() < p,
  };
}

const SEED = Number(process.env.STORM_SEED ?? Date.now() % 1_000_000_007);
const OPERATIONS = Number(process.env.STORM_OPERATIONS ?? 2000);
const CONCURRENCY = 12;

describe(`storm: ${OPERATIONS} mixed operations across many members, then every ledger reconciles (seed ${SEED}; replay with STORM_SEED=${SEED})`, () => {
  let t: TestApp;
  let ds: DataSource;
  let ops: string;
  let finance: string;

  beforeAll(async () => {
    ({ t, ds, ops, finance } = await startRaceApp({ PAYMENT_TTL_SECONDS: '120', LOGIN_RATE_LIMIT_PER_MINUTE: '100000' }));
  });
  afterAll(() => t?.close());

  it('leaves no money, points, stock or coupon lost or created', async () => {
    const r = rng(SEED);
    const skus = await ds.getRepository(Sku).find({ order: { id: 'ASC' } });
    const plans = await ds.getRepository(MembershipPlan).find({ order: { sortOrder: 'ASC' } });
    const members: RaceMember[] = [];
    for (let i = 0; i < 24; i++) members.push(await raceMember(t, `storm-${SEED}-${i}`, { points: r.int(0, 4000) }));
    const items: { id: number; cashFen: number }[] = (await t.http().get('/api/points/mall').set('authorization', members[0].auth).expect(200)).body.items;
    const templates: { templateId: number }[] = (await t.http().get('/api/coupons/centre').set('authorization', members[0].auth).expect(200)).body.items;
    const outTradeNos: string[] = [];
    const serverErrors: string[] = [];
    const counts: Record<string, number> = {};

    const call = async (what: string, req: PromiseLike<{ status: number; body: Record<string, unknown> }>) => {
      const res = await req;
      counts[what] = (counts[what] ?? 0) + 1;
      if (res.status >= 500) serverErrors.push(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
      return res;
    };
    const pay = async (outTradeNo: unknown) => {
      if (typeof outTradeNo !== 'string') return;
      outTradeNos.push(outTradeNo);
      if (r.chance(0.7)) await simPay(t, outTradeNo, { notify: r.chance(0.9) }).catch(() => undefined);
    };

    const operations: ((m: RaceMember) => Promise<unknown>)[] = [
      // Recharge by plan or a custom amount; paid (notify, or lost and left to reconciliation) or abandoned.
      async (m) => {
        const body = r.chance(0.7) ? { planId: r.int(1, 4) } : { amount: r.int(1, 300) * 100 };
        const res = await call('recharge', t.http().post('/api/wallet/recharges').set('authorization', m.auth).send(body));
        await pay(res.body.outTradeNo);
      },
      // Checkout mixing member price, coupons, points, balance and cash; then paid, cancelled or left unpaid.
      async (m) => {
        const mine = (await t.http().get('/api/coupons/mine').set('authorization', m.auth)).body.items ?? [];
        const coupon = mine.find((c: { status: string }) => c.status === 'available');
        const body = {
          lines: [{ skuId: r.pick(skus).id, quantity: r.int(1, 3) }],
          fulfilment: r.chance(0.5) ? 'pickup' : 'delivery',
          ...(r.chance(0.5) ? { storeId: 1 } : { addressId: m.addressId }),
          pointsToUse: r.chance(0.4) ? r.int(0, 20) * 100 : 0,
          balanceToUse: r.chance(0.5) ? r.int(0, 200) * 100 : 0,
          couponIds: coupon && r.chance(0.5) ? [coupon.id] : [],
        };
        if (body.fulfilment === 'pickup') Object.assign(body, { storeId: 1, addressId: undefined });
        else Object.assign(body, { addressId: m.addressId, storeId: undefined });
        const res = await call('checkout', t.http().post('/api/orders').set('authorization', m.auth).send(body));
        if (res.status !== 201) return;
        if (r.chance(0.2)) await call('cancel', t.http().post(`/api/orders/${res.body.orderId}/cancel`).set('authorization', m.auth));
        else await pay(res.body.outTradeNo);
      },
      // A partial (or full) refund of some units of a paid order, approved or rejected.
      async (m) => {
        const orders = (await t.http().get('/api/orders?status=paid').set('authorization', m.auth)).body.items ?? [];
        if (!orders.length) return;
        const order = r.pick(orders) as { id: number; lines: { id: number; quantity: number; refundedQuantity: number }[] };
        const line = r.pick(order.lines);
        const left = line.quantity - line.refundedQuantity;
        if (left <= 0) return;
        const sale = await call(
          'after-sale',
          t
            .http()
            .post(`/api/orders/${order.id}/after-sales`)
            .set('authorization', m.auth)
            .send({ lines: [{ lineId: line.id, quantity: r.int(1, left) }], reason: '风暴退款' }),
        );
        if (sale.status !== 201) return;
        const decision = r.chance(0.8) ? 'approve' : 'reject';
        await call(
          `after-sale ${decision}`,
          t.http().post(`/api/admin/after-sales/${sale.body.id}/${decision}`).set('authorization', ops).send({ note: 'storm' }),
        );
      },
      // Points-mall redemption, points only or points + cash.
      async (m) => {
        const res = await call(
          'redeem',
          t
            .http()
            .post(`/api/points/mall/${r.pick(items).id}/redeem`)
            .set('authorization', m.auth),
        );
        await pay(res.body.outTradeNo);
      },
      // SVIP by stored value or WeChat Pay.
      async (m) => {
        const res = await call(
          'svip',
          t
            .http()
            .post('/api/membership/purchases')
            .set('authorization', m.auth)
            .send({ planId: r.pick(plans).id, payWith: r.chance(0.5) ? 'balance' : 'wechat' }),
        );
        await pay(res.body.outTradeNo);
      },
      // Coupon claim.
      async (m) => {
        if (templates.length)
          await call(
            'claim',
            t
              .http()
              .post('/api/coupons/claim')
              .set('authorization', m.auth)
              .send({ templateId: r.pick(templates).templateId }),
          );
      },
      // WeChat delivers the success notify of a paid payment again, several copies at once.
      async () => {
        if (outTradeNos.length)
          await t
            .http()
            .post('/__wechat/sim/notify')
            .send({ out_trade_no: r.pick(outTradeNos), copies: r.int(2, 5) });
      },
      // Every job twice at once, some with a clock that makes unpaid payments expire.
      async () => {
        const at = new Date(Date.now() + (r.chance(0.3) ? 10 * 60_000 : 90_000));
        counts.jobs = (counts.jobs ?? 0) + 1;
        await Promise.all([
          t.app.get(PaymentReconciler).runOnce(at),
          t.app.get(PaymentReconciler).runOnce(at),
          t.app.get(PointsLedgerService).expireDue(new Date(Date.now() + r.int(0, 400) * 86_400_000)),
          t.app.get(PointsLedgerService).expireDue(new Date()),
          t.app.get(MembershipService).runJobs(new Date()),
          t.app.get(MembershipService).runJobs(new Date()),
          t.app.get(CouponService).expire(new Date()),
        ]);
      },
      // A withdrawal of the remaining principal, approved.
      async (m) => {
        const res = await call('withdraw', t.http().post('/api/wallet/withdrawals').set('authorization', m.auth).send({ reason: 'storm' }));
        if (res.status === 201)
          await call('withdraw approve', t.http().post(`/api/admin/withdrawals/${res.body.id}/approve`).set('authorization', finance).send({ note: 'ok' }));
      },
    ];
    const weights = [15, 34, 15, 8, 8, 6, 6, 5, 3];
    const table = weights.flatMap((w, i) => Array.from({ length: w }, () => operations[i]));

    for (let done = 0; done < OPERATIONS; done += CONCURRENCY) {
      const wave = Array.from({ length: Math.min(CONCURRENCY, OPERATIONS - done) }, () => ({ op: r.pick(table), m: r.pick(members) }));
      await Promise.all(wave.map(({ op, m }) => op(m)));
      if (serverErrors.length) throw new Error(`seed ${SEED}: server errors:\n${serverErrors.slice(0, 5).join('\n')}`);
    }

    // Let WeChat finish: every notify delivered, every refund settled, every lost notify reconciled.
    const reconciler = t.app.get(PaymentReconciler);
    await waitFor(
      async () => {
        await reconciler.runOnce(new Date(Date.now() + 10 * 60_000));
        const [row] = await ds.query("SELECT COUNT(*) AS c FROM refund WHERE status = 'processing'");
        return Number(row.c) === 0;
      },
      `seed ${SEED}: refunds settled`,
      60_000,
    );
    const report = await expectLedgerAuditPasses(t).catch((error: Error) => {
      throw new Error(`seed ${SEED}: ${error.message}`);
    });
    expect(report.ok).toBe(true);
    expect(Object.keys(counts).length).toBeGreaterThanOrEqual(8);

    // Money in = what is still held + what was spent + what went back, from tables other than the ledger itself.
    const one = async (sql: string) => Number((await ds.query(sql))[0].v ?? 0);
    const cashIn = await one("SELECT COALESCE(SUM(amount_fen), 0) AS v FROM payment WHERE status = 'paid'");
    const cashOut = await one("SELECT COALESCE(SUM(amount_fen), 0) AS v FROM refund WHERE status = 'success'");
    const keptByOrders = await one(
      "SELECT COALESCE(SUM(o.cash_fen), 0) - COALESCE((SELECT SUM(a.cash_fen) FROM after_sale a WHERE a.status = 'completed'), 0) AS v FROM shop_order o WHERE o.status IN ('paid', 'shipped', 'ready_for_pickup', 'completed', 'refunded')",
    );
    const keptByRecharges = await one(
      "SELECT COALESCE(SUM(r.pay_fen), 0) - COALESCE((SELECT SUM(f.amount_fen) FROM refund f JOIN payment p ON p.id = f.payment_id WHERE p.purpose = 'recharge' AND p.late_refund = 0 AND f.status = 'success'), 0) AS v FROM recharge r WHERE r.status = 'paid'",
    );
    const keptByMembership = await one("SELECT COALESCE(SUM(price_fen), 0) AS v FROM membership_purchase WHERE paid_by = 'wechat' AND status = 'paid'");
    const keptByPointsMall = await one(
      "SELECT COALESCE(SUM(cash_fen), 0) AS v FROM points_redemption WHERE cash_fen > 0 AND status IN ('issued', 'written_off')",
    );
    expect(cashIn - cashOut).toBe(keptByOrders + keptByRecharges + keptByMembership + keptByPointsMall);

    const storedIn = await one(
      "SELECT COALESCE(SUM(delta_principal_fen + delta_bonus_fen), 0) AS v FROM wallet_entry WHERE kind IN ('recharge', 'adjust', 'refund_reversal')",
    );
    const held = await one('SELECT COALESCE(SUM(principal_fen + bonus_fen), 0) AS v FROM wallet');
    const spentOnOrders = await one(
      "SELECT COALESCE(SUM(o.balance_fen), 0) - COALESCE((SELECT SUM(a.balance_fen) FROM after_sale a WHERE a.status IN ('refunding', 'completed', 'failed')), 0) AS v FROM shop_order o WHERE o.status IN ('paid', 'shipped', 'ready_for_pickup', 'completed', 'refunded')",
    );
    const spentOnMembership = await one("SELECT COALESCE(SUM(price_fen), 0) AS v FROM membership_purchase WHERE paid_by = 'balance' AND status = 'paid'");
    const wentBack = await one(
      "SELECT COALESCE(-SUM(delta_principal_fen + delta_bonus_fen), 0) AS v FROM wallet_entry WHERE kind IN ('withdraw', 'bonus_forfeit', 'recharge_refund')",
    );
    expect(storedIn).toBe(held + spentOnOrders + spentOnMembership + wentBack);
  }, 600_000);
});
