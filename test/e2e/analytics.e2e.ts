import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  ACCOUNT_ROLES,
  addDays,
  beijingDate,
  beijingMonth,
  type LiabilityReport2,
  type LtvReport,
  type MembersReport,
  type PermissionMatrixView,
  type SalesReport,
  type SvipReport,
} from '@mall/shared';
import { AnalyticsRollupService } from '@mall/server/analytics/analytics-rollup.service';
import { AnalyticsDay } from '@mall/server/analytics/analytics.entity';
import { Sku } from '@mall/server/catalog/sku.entity';
import { isAllowed } from '@mall/server/common/auth/auth.guard';
import { OutboxService } from '@mall/server/common/outbox/outbox.service';
import { MemberFact } from '@mall/server/insight/insight.entity';
import { Member } from '@mall/server/member/member.entity';
import { MemberFactService } from '@mall/server/insight/member-fact.service';
import { MembershipPeriodRecord, MembershipPlan, MembershipPurchase } from '@mall/server/membership/membership.entity';
import { AfterSale, ShopOrder } from '@mall/server/order/order.entity';
import { PointsAccount } from '@mall/server/points/points-account.entity';
import { PointsEntry } from '@mall/server/points/points-entry.entity';
import { DemoSeeder } from '@mall/server/seed/demo-seeder';
import { Wallet } from '@mall/server/wallet/wallet.entity';
import { WalletEntry } from '@mall/server/wallet/wallet-entry.entity';
import { WalletLedgerService } from '@mall/server/wallet/wallet-ledger.service';
import { discoverRoutes } from '../helpers/routes';
import { startTestApp, TestApp } from '../helpers/test-app';

/**
 * The dashboards read rollups; this suite recomputes every figure independently from the raw
 * tables (entities loaded and counted in JS by Beijing day, not the rollup's SQL) on a seeded data
 * set spanning several days and join months, after a refund, and after two rollup runs racing.
 */
describe('analytics: rollups equal the raw tables', () => {
  let t: TestApp;
  let ds: DataSource;
  let rollup: AnalyticsRollupService;
  let ops: string;
  let finance: string;
  let manager: string;
  let staff: string;
  const today = beijingDate();
  const from = addDays(today, -70);

  const get = async <T>(url: string, auth = ops): Promise<T> => (await t.http().get(url).set('authorization', auth).expect(200)).body as T;

  async function member(name: string, balanceFen: number) {
    const login = await t.loginMember(name);
    const auth = `Bearer ${login.accessToken}`;
    if (balanceFen) {
      await ds.transaction((m) =>
        t.app.get(WalletLedgerService).move(m, {
          memberId: login.member.id,
          deltaPrincipalFen: balanceFen,
          deltaBonusFen: Math.floor(balanceFen / 10),
          kind: 'adjust',
          refType: 'test',
          refId: 'seed',
          idempotencyKey: `seed-wallet:${login.member.id}`,
        }),
      );
    }
    const address = (
      await t
        .http()
        .post('/api/addresses')
        .set('authorization', auth)
        .send({ name: '张三', phone: '13800138000', region: '上海市 静安区', detail: '南京西路 1266 号', isDefault: true })
        .expect(201)
    ).body;
    return { id: login.member.id, auth, addressId: address.id as number };
  }

  let skus: Sku[];
  let buyerA: { auth: string; addressId: number };
  let orderA2: { id: number; lines: { id: number; quantity: number }[] };
  async function buy(m: { auth: string; addressId: number }, quantity: number, key: string) {
    const cart = { lines: [{ skuId: skus[0].id, quantity }], couponIds: [], balanceToUse: 10_000_000, fulfilment: 'delivery' as const };
    const preview = (await t.http().post('/api/orders/preview').set('authorization', m.auth).send(cart).expect(200)).body;
    const created = (
      await t
        .http()
        .post('/api/orders')
        .set('authorization', m.auth)
        .set('idempotency-key', key)
        .send({ ...cart, balanceToUse: preview.breakdown.balanceFen, addressId: m.addressId, expectedPayableFen: preview.breakdown.payableFen })
        .expect(201)
    ).body;
    const order = (await t.http().get(`/api/orders/${created.orderId}`).set('authorization', m.auth).expect(200)).body;
    expect(order.status).toBe('paid');
    return order as { id: number; lines: { id: number; quantity: number }[] };
  }

  async function refund(m: { auth: string }, order: { id: number; lines: { id: number }[] }, quantity: number) {
    const sale = (
      await t
        .http()
        .post(`/api/orders/${order.id}/after-sales`)
        .set('authorization', m.auth)
        .send({ lines: [{ lineId: order.lines[0].id, quantity }], reason: '不想要了' })
        .expect(201)
    ).body;
    await t.http().post(`/api/admin/after-sales/${sale.id}/approve`).set('authorization', ops).send({ note: '同意' }).expect(201);
    expect((await ds.getRepository(AfterSale).findOneByOrFail({ id: sale.id })).status).toBe('completed');
  }

  const settle = async () => {
    await t.app.get(OutboxService).dispatchDue(new Date(Date.now() + 60_000));
    await t.app.get(MemberFactService).refreshAll();
  };

  beforeAll(async () => {
    t = await startTestApp();
    ds = t.app.get<DataSource>(getDataSourceToken());
    rollup = t.app.get(AnalyticsRollupService);
    await t.app.get(DemoSeeder).seed();
    skus = await ds.getRepository(Sku).find({ order: { id: 'ASC' } });
    for (const [username, role] of [
      ['an-ops', 'ops'],
      ['an-fin', 'finance'],
      ['an-mgr', 'store_manager'],
      ['an-staff', 'staff'],
    ] as const) {
      const storeId = role === 'store_manager' || role === 'staff' ? 1 : undefined;
      await t.createAccount({ username, password: `${username}-pass`, displayName: username, role, storeId: storeId ?? null });
    }
    ops = `Bearer ${(await t.loginAccount('an-ops', 'an-ops-pass')).accessToken}`;
    finance = `Bearer ${(await t.loginAccount('an-fin', 'an-fin-pass')).accessToken}`;
    manager = `Bearer ${(await t.loginAccount('an-mgr', 'an-mgr-pass')).accessToken}`;
    staff = `Bearer ${(await t.loginAccount('an-staff', 'an-staff-pass')).accessToken}`;

    // A: SVIP buyer with two orders; B: joined two months ago, one order partly refunded; C: joined, never bought.
    const a = await member('an-a', 200_000);
    const b = await member('an-b', 100_000);
    await member('an-c', 0);
    const plan = (await ds.getRepository(MembershipPlan).find({ order: { sortOrder: 'ASC' } }))[0];
    await t.http().post('/api/membership/purchases').set('authorization', a.auth).send({ planId: plan.id, payWith: 'balance' }).expect(201);
    const a1 = await buy(a, 2, 'an-order-a1');
    buyerA = a;
    orderA2 = await buy(a, 1, 'an-order-a2');
    const b1 = await buy(b, 3, 'an-order-b1');
    await refund(b, b1, 1);
    // History: B joined two months ago and A's first order was paid five days ago (rows moved by hand,
    // so the rollup learns about them from a backfill, as after an import).
    const twoMonthsAgo = new Date(Date.now() - 62 * 86_400_000);
    await ds.createQueryBuilder().update(Member).set({ createdAt: twoMonthsAgo }).where('id = :id', { id: b.id }).execute();
    await ds.getRepository(ShopOrder).update({ id: a1.id }, { paidAt: new Date(Date.now() - 5 * 86_400_000) });
    await settle();
  }, 120_000);
  afterAll(() => t?.close());

  /** Every figure recomputed from the raw tables by entity loads and JS, per Beijing day. */
  async function independent() {
    const day = (d: Date | null) => (d ? beijingDate(d) : null);
    const orders = (await ds.getRepository(ShopOrder).find()).filter((o) => o.paidAt && day(o.paidAt)! >= from && day(o.paidAt)! <= today);
    const sales = (await ds.getRepository(AfterSale).find()).filter((s) => s.status === 'completed' && s.kind !== 'exchange');
    const periods = (await ds.getRepository(MembershipPeriodRecord).find()).filter((p) => p.status === 'active');
    const facts = await ds.getRepository(MemberFact).find();
    const refundOf = (orderId: number) => sales.filter((s) => s.orderId === orderId).reduce((n, s) => n + Number(s.cashFen) + Number(s.balanceFen), 0);
    const svipAt = (memberId: number, at: Date) => periods.some((p) => p.memberId === memberId && p.startsAt <= at && p.endsAt > at);
    const byDay = new Map<string, { orders: number; gmvFen: number; refundFen: number; svipNet: number; newMembers: number }>();
    const row = (d: string) => byDay.get(d) ?? (byDay.set(d, { orders: 0, gmvFen: 0, refundFen: 0, svipNet: 0, newMembers: 0 }), byDay.get(d)!);
    for (const o of orders) {
      const r = row(day(o.paidAt)!);
      r.orders += 1;
      r.gmvFen += Number(o.payableFen);
      r.refundFen += refundOf(o.id);
      if (svipAt(o.memberId, o.paidAt!)) r.svipNet += Number(o.payableFen) - refundOf(o.id);
    }
    for (const f of facts) if (day(f.registeredAt)! >= from) row(day(f.registeredAt)!).newMembers += 1;
    const cohortSpend = new Map<string, number>();
    for (const o of orders) {
      const f = facts.find((x) => x.memberId === o.memberId)!;
      const key = `${beijingMonth(f.registeredAt)}|${beijingMonth(o.paidAt!)}`;
      cohortSpend.set(key, (cohortSpend.get(key) ?? 0) + Number(o.payableFen) - refundOf(o.id));
    }
    const wallets = await ds.getRepository(Wallet).find();
    const walletEntries = await ds.getRepository(WalletEntry).find();
    const pointsEntries = await ds.getRepository(PointsEntry).find();
    const purchases = (await ds.getRepository(MembershipPurchase).find()).filter((p) => p.paidAt);
    return {
      byDay,
      cohortSpend,
      cohortSize: (month: string) => facts.filter((f) => beijingMonth(f.registeredAt) === month).length,
      principal: wallets.reduce((n, w) => n + Number(w.principalFen), 0),
      bonus: wallets.reduce((n, w) => n + Number(w.bonusFen), 0),
      points: (await ds.getRepository(PointsAccount).find()).reduce((n, a) => n + Number(a.balancePoints), 0),
      walletKind: (kind: string, d: string) =>
        walletEntries.filter((e) => e.kind === kind && day(e.createdAt) === d).reduce((n, e) => n + Number(e.deltaPrincipalFen), 0),
      pointsKind: (kind: string, d: string) =>
        pointsEntries.filter((e) => e.kind === kind && day(e.createdAt) === d).reduce((n, e) => n + Number(e.deltaPoints), 0),
      purchasesOn: (d: string) => purchases.filter((p) => day(p.paidAt) === d),
      facts,
      buyers: facts.filter((f) => f.orderCount >= 1).length,
      repeat: facts.filter((f) => f.orderCount >= 2).length,
    };
  }

  async function expectRollupsEqualRaw() {
    const x = await independent();
    const sales = await get<SalesReport>(`/api/admin/analytics/sales?from=${from}&to=${today}`);
    for (const d of sales.days) {
      const want = x.byDay.get(d.day) ?? { orders: 0, gmvFen: 0, refundFen: 0, svipNet: 0, newMembers: 0 };
      expect({ day: d.day, orders: d.orders, gmvFen: d.gmvFen, refundFen: d.refundFen, svipGmvFen: d.svipGmvFen, newMembers: d.newMembers }).toEqual({
        day: d.day,
        orders: want.orders,
        gmvFen: want.gmvFen,
        refundFen: want.refundFen,
        svipGmvFen: want.svipNet,
        newMembers: want.newMembers,
      });
    }
    expect(sales.totals.orders).toBeGreaterThanOrEqual(3);
    expect(sales.totals.refundFen).toBeGreaterThan(0);

    const liabilities = await get<LiabilityReport2>(`/api/admin/analytics/liabilities?from=${from}&to=${today}`, finance);
    const last = liabilities.days.at(-1)!;
    expect({ principal: last.outstandingPrincipalFen, bonus: last.outstandingBonusFen, points: last.pointsOutstanding }).toEqual({
      principal: x.principal,
      bonus: x.bonus,
      points: x.points,
    });
    for (const d of liabilities.days) {
      expect({ day: d.day, spent: d.spentPrincipalFen, refunded: d.refundedPrincipalFen, issued: d.pointsIssued, redeemed: d.pointsRedeemed }).toEqual({
        day: d.day,
        spent: -x.walletKind('spend', d.day) || 0,
        refunded: x.walletKind('spend_refund', d.day),
        issued: x.pointsKind('earn', d.day),
        redeemed: -x.pointsKind('spend', d.day) || 0,
      });
    }

    const svip = await get<SvipReport>(`/api/admin/analytics/svip?from=${from}&to=${today}`);
    for (const d of svip.days) {
      const bought = x.purchasesOn(d.day);
      expect({ day: d.day, n: d.newCount + d.renewedCount, fee: d.feeFen }).toEqual({
        day: d.day,
        n: bought.length,
        fee: bought.reduce((n, p) => n + Number(p.priceFen), 0),
      });
    }
    expect(svip.totals.activeNow).toBe(1);

    const members = await get<MembersReport>('/api/admin/analytics/members');
    expect(members.byLifecycle.reduce((n, l) => n + l.members, 0)).toBe(x.facts.length);
    expect(members.byTier.reduce((n, l) => n + l.members, 0)).toBe(x.facts.length);
    for (const l of members.byLifecycle)
      expect({ stage: l.stage, n: l.members }).toEqual({ stage: l.stage, n: x.facts.filter((f) => f.lifecycle === l.stage).length });
    expect({ buyers: members.buyers, repeat: members.repeatBuyers }).toEqual({ buyers: x.buyers, repeat: x.repeat });

    const fromMonth = beijingMonth(new Date(Date.now() - 70 * 86_400_000));
    const ltv = await get<LtvReport>(`/api/admin/analytics/ltv?fromMonth=${fromMonth}&toMonth=${beijingMonth()}`);
    for (const row of ltv.rows) {
      expect({ cohort: row.cohort, members: row.members }).toEqual({ cohort: row.cohort, members: x.cohortSize(row.cohort) });
      let running = 0;
      row.cumulativePerMemberFen.forEach((cell, offset) => {
        if (cell === null) return;
        const [y, m] = row.cohort.split('-').map(Number);
        const month = `${y + Math.floor((m - 1 + offset) / 12)}-${String(((m - 1 + offset) % 12) + 1).padStart(2, '0')}`;
        running += x.cohortSpend.get(`${row.cohort}|${month}`) ?? 0;
        expect({ cohort: row.cohort, offset, cell }).toEqual({ cohort: row.cohort, offset, cell: row.members ? Math.round(running / row.members) : 0 });
      });
    }
    expect(ltv.rows.length).toBeGreaterThanOrEqual(2);
    return { sales };
  }

  it('after a backfill every dashboard figure equals the independent computation', async () => {
    await rollup.backfill(from, today);
    await expectRollupsEqualRaw();
  });

  it('two rollup runs racing compute each dirty day once, and the figures stay the same', async () => {
    const days = Array.from({ length: 8 }, (_, i) => addDays(today, -i));
    await rollup.markDirty(days);
    const [r1, r2] = await Promise.all([rollup.refresh(), rollup.refresh()]);
    const all = [...r1.computed, ...r2.computed];
    expect(new Set(all).size).toBe(all.length);
    expect([...all].sort()).toEqual([...days].sort());
    const states = await ds.getRepository(AnalyticsDay).find();
    expect(states.filter((s) => s.dirtyVersion > s.doneVersion)).toEqual([]);
    // Ten claims of one dirty day at once: one wins, the others do nothing.
    await rollup.markDirty([today]);
    const claims = await Promise.all(Array.from({ length: 10 }, () => rollup.computeClaimed(today)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    await expectRollupsEqualRaw();
  });

  it('a refund after the rollup is netted in once the outbox event is handled and the job runs', async () => {
    const before = await get<SalesReport>(`/api/admin/analytics/sales?from=${today}&to=${today}`);
    await refund(buyerA, orderA2, 1);
    await settle();
    const stale = await get<SalesReport>(`/api/admin/analytics/sales?from=${today}&to=${today}`);
    expect(stale.totals.refundFen).toBe(before.totals.refundFen); // not yet: the rollup reads no raw rows per request
    await rollup.refresh();
    const after = await get<SalesReport>(`/api/admin/analytics/sales?from=${today}&to=${today}`);
    expect(after.totals.refundFen).toBeGreaterThan(before.totals.refundFen);
    await expectRollupsEqualRaw();
  });

  it('CSV exports are UTF-8 with a BOM and parse back to the dashboard figures; store managers scoped (own suite), staff refused', async () => {
    const res = await t
      .http()
      .get(`/api/admin/analytics/export.csv?table=sales&from=${from}&to=${today}`)
      .set('authorization', finance)
      .buffer(true)
      .expect(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const text = res.text;
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trim().split(/\r?\n/);
    expect(lines[0].split(',')[0]).toBe('日期');
    expect(lines).toHaveLength(1 + 71);
    const sales = await get<SalesReport>(`/api/admin/analytics/sales?from=${from}&to=${today}`);
    const todayLine = lines.find((l) => l.startsWith(today))!.split(',');
    expect(Number(todayLine[2])).toBe(sales.days.at(-1)!.orders);
    for (const table of ['stores', 'guides', 'channels', 'svip', 'renewal', 'liabilities', 'members', 'ltv', 'funnels']) {
      const r = await t
        .http()
        .get(`/api/admin/analytics/export.csv?table=${table}&from=${from}&to=${today}`)
        .set('authorization', ops)
        .buffer(true)
        .expect(200);
      expect(r.text.charCodeAt(0)).toBe(0xfeff);
    }
    for (const auth of [manager, staff]) {
      const denied = await t.http().get(`/api/admin/analytics/export.csv?table=svip&from=${from}&to=${today}`).set('authorization', auth).expect(403);
      expect(denied.body.code).toBe('FORBIDDEN');
      await t.http().get(`/api/admin/analytics/svip?from=${from}&to=${today}`).set('authorization', auth).expect(403);
    }
    // Staff have no dashboard; store managers get their own store's (test/e2e/analytics-store-scope.e2e.ts).
    await t.http().get(`/api/admin/analytics/sales?from=${from}&to=${today}`).set('authorization', staff).expect(403);
    await t.http().get(`/api/admin/analytics/sales?from=${from}&to=${today}`).set('authorization', manager).expect(200);
    const bad = await t.http().get(`/api/admin/analytics/sales?from=${today}&to=${from}`).set('authorization', ops).expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    await t.http().get(`/api/admin/analytics/export.csv?table=orders&from=${from}&to=${today}`).set('authorization', ops).expect(400);
    await t.http().get(`/api/admin/analytics/sales?from=2026-02-30&to=${today}`).set('authorization', ops).expect(400);
  });

  it('the permission matrix lists every admin route with the roles its metadata allows', async () => {
    const matrix = await get<PermissionMatrixView>('/api/admin/permissions');
    expect(matrix.roles).toEqual([...ACCOUNT_ROLES]);
    const routes = discoverRoutes(t.app).filter((r) => r.path.startsWith('/api/admin/'));
    expect(matrix.routes).toHaveLength(routes.length);
    for (const r of routes) {
      const listed = matrix.routes.find((x) => x.method === r.method && x.path === r.path);
      const roles = r.access === 'public' ? [] : ACCOUNT_ROLES.filter((role) => isAllowed({ kind: 'account', id: 1, role, storeId: null }, r.access as never));
      expect({ key: r.key, roles: listed?.roles }).toEqual({ key: r.key, roles });
    }
    expect(matrix.routes.find((r) => r.path === '/api/admin/accounts' && r.method === 'GET')?.roles).toEqual(['admin']);
  });
});
