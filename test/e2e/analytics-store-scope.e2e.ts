import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  addDays,
  beijingDate,
  FUNNEL_METRICS,
  type FunnelReport,
  type FunnelTotals,
  type MembersReport,
  type SalesGroupView,
  type SalesReport,
} from '@mall/shared';
import { AnalyticsRollupService } from '@mall/server/analytics/analytics-rollup.service';
import { Sku } from '@mall/server/catalog/sku.entity';
import { OutboxService } from '@mall/server/common/outbox/outbox.service';
import { CommunityInvitation } from '@mall/server/community/community.entity';
import { FlashSaleEvent, FlashSaleReservation } from '@mall/server/flash-sale/flash-sale.entity';
import { GroupBuyGroup } from '@mall/server/group-buy/group-buy.entity';
import { MemberFact } from '@mall/server/insight/insight.entity';
import { MemberFactService } from '@mall/server/insight/member-fact.service';
import { ShopOrder } from '@mall/server/order/order.entity';
import { DemoSeeder } from '@mall/server/seed/demo-seeder';
import { Attribution } from '@mall/server/store/binding.entity';
import { BindingService } from '@mall/server/store/binding.service';
import { Store } from '@mall/server/store/store.entity';
import { WalletLedgerService } from '@mall/server/wallet/wallet-ledger.service';
import { startTestApp, TestApp } from '../helpers/test-app';

/**
 * Two stores with members, orders, community invitations and deals each. A store manager's every
 * dashboard figure and export equals an independent count over their store's rows only (entities
 * loaded and counted in JS); the brand roles see both stores; another store is refused.
 */
describe('analytics: store managers see their own store only', () => {
  let t: TestApp;
  let ds: DataSource;
  let ops: string;
  const mgr: Record<number, string> = {};
  const stores: number[] = [];
  const today = beijingDate();
  const from = addDays(today, -10);
  const range = `from=${from}&to=${today}`;

  const get = async <T>(url: string, auth: string): Promise<T> => (await t.http().get(url).set('authorization', auth).expect(200)).body as T;
  const csv = async (url: string, auth: string) => {
    const res = await t.http().get(url).set('authorization', auth).buffer(true).expect(200);
    expect(res.text.charCodeAt(0)).toBe(0xfeff);
    return res.text
      .slice(1)
      .trim()
      .split(/\r?\n/)
      .map((l) => l.split(','));
  };

  async function memberOf(name: string, storeId: number | null, orders: number) {
    const login = await t.loginMember(name);
    const auth = `Bearer ${login.accessToken}`;
    const id = login.member.id as number;
    if (storeId !== null) await t.app.get(BindingService).bind(id, storeId, null, 'scan');
    await ds.transaction((m) =>
      t.app.get(WalletLedgerService).move(m, {
        memberId: id,
        deltaPrincipalFen: 1_000_000,
        deltaBonusFen: 0,
        kind: 'adjust',
        refType: 'test',
        refId: 'seed',
        idempotencyKey: `scope-wallet:${id}`,
      }),
    );
    const address = (
      await t
        .http()
        .post('/api/addresses')
        .set('authorization', auth)
        .send({ name: '张三', phone: '13800138000', region: '上海市 静安区', detail: '南京西路 1266 号', isDefault: true })
        .expect(201)
    ).body;
    const sku = (await ds.getRepository(Sku).find({ order: { id: 'ASC' } }))[0];
    for (let i = 0; i < orders; i += 1) {
      const cart = { lines: [{ skuId: sku.id, quantity: i + 1 }], couponIds: [], balanceToUse: 10_000_000, fulfilment: 'delivery' as const };
      const preview = (await t.http().post('/api/orders/preview').set('authorization', auth).send(cart).expect(200)).body;
      await t
        .http()
        .post('/api/orders')
        .set('authorization', auth)
        .set('idempotency-key', `scope-${name}-${i}`)
        .send({ ...cart, balanceToUse: preview.breakdown.balanceFen, addressId: address.id, expectedPayableFen: preview.breakdown.payableFen })
        .expect(201);
    }
    return id;
  }

  /** Funnel and deal rows written straight into their tables: the rollup reads them like any other rows. */
  async function funnelRows(memberId: number, n: number) {
    const now = new Date();
    const inv = ds.getRepository(CommunityInvitation);
    for (let g = 0; g < n; g += 1) {
      await inv.insert({
        groupId: 900 + g,
        memberId,
        reason: 'open',
        eligibleAt: now,
        invitedAt: now,
        viewedAt: g % 2 === 0 ? now : null,
        codeShownAt: g % 2 === 0 ? now : null,
        joinedAt: g === 0 ? now : null,
        activeAt: null,
      });
    }
    const event = await ds.getRepository(FlashSaleEvent).save({
      name: `秒杀 ${memberId}`,
      productId: 1,
      skuId: 1,
      dealPriceFen: 100,
      stockTotal: 10,
      stockLeft: 10 - n,
      soldCount: n,
      perMemberLimit: 5,
      startAt: new Date(now.getTime() - 3_600_000),
      endAt: new Date(now.getTime() + 3_600_000),
      audience: '{"kind":"all"}',
      createdByAccountId: 1,
    });
    for (let r = 0; r <= n; r += 1) {
      await ds.getRepository(FlashSaleReservation).insert({
        eventId: event.id,
        memberId,
        orderId: 800_000 + memberId * 10 + r,
        quantity: r + 1,
        status: r < n ? 'sold' : 'released',
        expiresAt: new Date(now.getTime() + 900_000),
        settledAt: now,
      });
    }
    for (let g = 0; g < n + 1; g += 1) {
      await ds.getRepository(GroupBuyGroup).insert({
        dealId: 1,
        leaderMemberId: memberId,
        groupSize: 2,
        timeLimitMinutes: 60,
        status: g === 0 ? 'failed' : 'completed',
        openedAt: now,
        completedAt: g === 0 ? null : now,
        failedAt: g === 0 ? now : null,
      });
    }
  }

  beforeAll(async () => {
    t = await startTestApp();
    ds = t.app.get<DataSource>(getDataSourceToken());
    await t.app.get(DemoSeeder).seed();
    const first = (await ds.getRepository(Store).find({ order: { id: 'ASC' } }))[0];
    const second = await ds.getRepository(Store).save({ name: '第二门店' });
    stores.push(first.id, second.id);
    await t.createAccount({ username: 'sc-ops', password: 'sc-ops-pass', displayName: '运营', role: 'ops', storeId: null });
    ops = `Bearer ${(await t.loginAccount('sc-ops', 'sc-ops-pass')).accessToken}`;
    for (const [i, storeId] of stores.entries()) {
      await t.createAccount({ username: `sc-mgr${i}`, password: `sc-mgr${i}-pass`, displayName: `店长${i}`, role: 'store_manager', storeId });
      mgr[storeId] = `Bearer ${(await t.loginAccount(`sc-mgr${i}`, `sc-mgr${i}-pass`)).accessToken}`;
    }
    // Store 1: two members (3 orders); store 2: one member (2 orders); one member with no store (1 order).
    const a = await memberOf('sc-a', stores[0], 2);
    await memberOf('sc-b', stores[0], 1);
    const c = await memberOf('sc-c', stores[1], 2);
    const d = await memberOf('sc-d', null, 1);
    await t.app.get(OutboxService).dispatchDue(new Date(Date.now() + 60_000));
    await t.app.get(MemberFactService).refreshAll();
    await funnelRows(a, 3);
    await funnelRows(c, 2);
    await funnelRows(d, 1);
    await t.app.get(AnalyticsRollupService).backfill(from, today);
  }, 180_000);
  afterAll(() => t?.close());

  /** Independent figures of one store (null = the whole brand) from the raw rows. */
  async function independent(storeId: number | null) {
    const facts = await ds.getRepository(MemberFact).find();
    const storeOf = new Map(facts.map((f) => [f.memberId, f.storeId ?? 0]));
    const mine = (memberId: number) => storeId === null || storeOf.get(memberId) === storeId;
    const attributions = await ds.getRepository(Attribution).find({ where: { kind: 'order' } });
    const orderStore = new Map(attributions.map((a) => [Number(a.refId), a.storeId]));
    const orders = (await ds.getRepository(ShopOrder).find()).filter((o) => o.paidAt && (storeId === null || orderStore.get(o.id) === storeId));
    const invitations = (await ds.getRepository(CommunityInvitation).find()).filter((i) => mine(i.memberId));
    const reservations = (await ds.getRepository(FlashSaleReservation).find()).filter((r) => mine(r.memberId));
    const groups = (await ds.getRepository(GroupBuyGroup).find()).filter((g) => mine(g.leaderMemberId));
    const funnel: FunnelTotals = {
      eligible: invitations.filter((i) => i.eligibleAt).length,
      invited: invitations.filter((i) => i.invitedAt).length,
      viewed: invitations.filter((i) => i.viewedAt).length,
      codeShown: invitations.filter((i) => i.codeShownAt).length,
      joined: invitations.filter((i) => i.joinedAt).length,
      active: invitations.filter((i) => i.activeAt).length,
      flashReserved: reservations.length,
      flashSold: reservations.filter((r) => r.status === 'sold').length,
      flashReleased: reservations.filter((r) => r.status === 'released').length,
      flashSoldUnits: reservations.filter((r) => r.status === 'sold').reduce((n, r) => n + r.quantity, 0),
      groupOpened: groups.filter((g) => g.openedAt).length,
      groupCompleted: groups.filter((g) => g.status === 'completed').length,
      groupFailed: groups.filter((g) => g.status === 'failed').length,
    };
    return {
      orders: orders.length,
      gmvFen: orders.reduce((n, o) => n + Number(o.payableFen), 0),
      newMembers: facts.filter((f) => (storeId === null || f.storeId === storeId) && beijingDate(f.registeredAt) >= from).length,
      facts: facts.filter((f) => storeId === null || f.storeId === storeId),
      funnel,
    };
  }

  it('every dashboard endpoint answers a store manager with their store only, and the brand with both', async () => {
    for (const storeId of [...stores, null]) {
      const auth = storeId === null ? ops : mgr[storeId];
      const x = await independent(storeId);
      expect(x.orders).toBeGreaterThan(0);
      const sales = await get<SalesReport>(`/api/admin/analytics/sales?${range}`, auth);
      expect({ storeId, orders: sales.totals.orders, gmvFen: sales.totals.gmvFen, newMembers: sales.totals.newMembers }).toEqual({
        storeId,
        orders: x.orders,
        gmvFen: x.gmvFen,
        newMembers: x.newMembers,
      });
      const byStore = (await get<{ items: SalesGroupView[] }>(`/api/admin/analytics/sales-by?${range}&groupBy=store`, auth)).items;
      if (storeId !== null) expect(byStore.map((s) => s.key)).toEqual([String(storeId)]);
      else expect(byStore.map((s) => s.key).sort()).toEqual(expect.arrayContaining(stores.map(String)));
      for (const groupBy of ['guide', 'channel']) {
        const items = (await get<{ items: SalesGroupView[] }>(`/api/admin/analytics/sales-by?${range}&groupBy=${groupBy}`, auth)).items;
        expect(items.reduce((n, i) => n + i.orders, 0)).toBe(x.orders);
      }
      const members = await get<MembersReport>('/api/admin/analytics/members', auth);
      expect(members.byLifecycle.reduce((n, l) => n + l.members, 0)).toBe(x.facts.length);
      expect(members.byTier.reduce((n, l) => n + l.members, 0)).toBe(x.facts.length);
      expect(members.buyers).toBe(x.facts.filter((f) => f.orderCount >= 1).length);
      expect(members.repeatBuyers).toBe(x.facts.filter((f) => f.orderCount >= 2).length);
      const funnels = await get<FunnelReport>(`/api/admin/analytics/funnels?${range}`, auth);
      expect({ storeId, totals: funnels.totals }).toEqual({ storeId, totals: x.funnel });
      expect(funnels.storeId).toBe(storeId);
      expect(funnels.totals.flashReserved).toBeGreaterThan(0);
      if (storeId === null) {
        const events = await ds.getRepository(FlashSaleEvent).find();
        const stock = events.reduce((n, e) => n + e.stockTotal, 0);
        const sold = events.reduce((n, e) => n + e.soldCount, 0);
        expect(funnels.flashSellThrough).toEqual({ events: events.length, stockTotal: stock, sold, rate: Math.round((sold / stock) * 10_000) / 10_000 });
      } else expect(funnels.flashSellThrough).toBeNull();
    }
    // Two stores' figures add up to the brand's minus what has no store.
    const [one, two, all] = await Promise.all([independent(stores[0]), independent(stores[1]), independent(null)]);
    expect(one.orders + two.orders).toBeLessThan(all.orders);
  });

  it('exports are scoped the same way; brand-only exports, other stores and brand dashboards are refused', async () => {
    for (const storeId of stores) {
      const auth = mgr[storeId];
      const x = await independent(storeId);
      const sales = await csv(`/api/admin/analytics/export.csv?table=sales&${range}`, auth);
      expect(sales.slice(1).reduce((n, l) => n + Number(l[2]), 0)).toBe(x.orders);
      const byStore = await csv(`/api/admin/analytics/export.csv?table=stores&${range}`, auth);
      expect(byStore).toHaveLength(2);
      const members = await csv(`/api/admin/analytics/export.csv?table=members&${range}`, auth);
      expect(members.filter((l) => l[0] === '生命周期').reduce((n, l) => n + Number(l[2]), 0)).toBe(x.facts.length);
      const funnels = await csv(`/api/admin/analytics/export.csv?table=funnels&${range}`, auth);
      FUNNEL_METRICS.forEach((metric, i) => {
        expect({ metric, n: funnels.slice(1).reduce((n, l) => n + Number(l[i + 1]), 0) }).toEqual({ metric, n: x.funnel[metric] });
      });
      for (const table of ['svip', 'renewal', 'liabilities', 'ltv']) {
        const denied = await t.http().get(`/api/admin/analytics/export.csv?table=${table}&${range}`).set('authorization', auth).expect(403);
        expect(denied.body.code).toBe('FORBIDDEN');
      }
      for (const path of [`svip?${range}`, `liabilities?${range}`, 'ltv?fromMonth=2026-01&toMonth=2026-02']) {
        await t.http().get(`/api/admin/analytics/${path}`).set('authorization', auth).expect(403);
      }
      const other = stores.find((s) => s !== storeId)!;
      for (const path of [
        `sales?${range}&storeId=${other}`,
        `funnels?${range}&storeId=${other}`,
        `members?storeId=${other}`,
        `export.csv?table=sales&${range}&storeId=${other}`,
      ]) {
        const denied = await t.http().get(`/api/admin/analytics/${path}`).set('authorization', auth).expect(403);
        expect(denied.body.code).toBe('FORBIDDEN');
      }
      // Naming the own store is the same as naming none.
      const own = await get<SalesReport>(`/api/admin/analytics/sales?${range}&storeId=${storeId}`, auth);
      expect(own.totals.orders).toBe(x.orders);
    }
    // Brand roles may pick one store.
    const x = await independent(stores[1]);
    const picked = await get<FunnelReport>(`/api/admin/analytics/funnels?${range}&storeId=${stores[1]}`, ops);
    expect(picked.totals).toEqual(x.funnel);
    const brand = await csv(`/api/admin/analytics/export.csv?table=funnels&${range}`, ops);
    expect(brand.slice(1).reduce((n, l) => n + Number(l[7]), 0)).toBe((await independent(null)).funnel.flashReserved);
  });
});
