import * as fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { addDays, beijingDate, type SalesReport } from '@mall/shared';
import { AnalyticsRollupService } from '@mall/server/analytics/analytics-rollup.service';
import { Sku } from '@mall/server/catalog/sku.entity';
import { OutboxService } from '@mall/server/common/outbox/outbox.service';
import { MemberFactService } from '@mall/server/insight/member-fact.service';
import { MembershipPlan } from '@mall/server/membership/membership.entity';
import { DemoSeeder } from '@mall/server/seed/demo-seeder';
import { BindingService } from '@mall/server/store/binding.service';
import { WalletLedgerService } from '@mall/server/wallet/wallet-ledger.service';
import { collectErrors, desktopContext, launchBrowser, screenshot } from '../helpers/browser';
import { startTestApp, type TestApp } from '../helpers/test-app';

describe('browser: ops read the dashboards (charts with real numbers, CSV export), the permission matrix; a store manager sees their store only', () => {
  let t: TestApp;
  let ds: DataSource;
  let browser: Browser;
  let ops: string;
  const today = beijingDate();

  beforeAll(async () => {
    t = await startTestApp();
    ds = t.app.get<DataSource>(getDataSourceToken());
    await t.app.get(DemoSeeder).seed();
    await t.createAccount({ username: 'ops-dash', password: 'ops-dash-pass', displayName: '运营小周', role: 'ops' });
    await t.createAccount({ username: 'mgr-dash', password: 'mgr-dash-pass', displayName: '店长小王', role: 'store_manager', storeId: 1 });
    ops = `Bearer ${(await t.loginAccount('ops-dash', 'ops-dash-pass')).accessToken}`;
    const sku = (await ds.getRepository(Sku).find({ order: { id: 'ASC' } }))[0];
    const plan = (await ds.getRepository(MembershipPlan).find({ order: { sortOrder: 'ASC' } }))[0];
    // Six members buying with stored value; two of them SVIP; the first three belong to store 1 (6 of the 12 orders).
    for (let i = 1; i <= 6; i++) {
      const login = await t.loginMember(`dash-${i}`);
      const auth = `Bearer ${login.accessToken}`;
      if (i <= 3) await t.app.get(BindingService).bind(login.member.id, 1, null, 'scan');
      await ds.transaction((m) =>
        t.app.get(WalletLedgerService).move(m, {
          memberId: login.member.id,
          deltaPrincipalFen: 100_000,
          deltaBonusFen: 10_000,
          kind: 'adjust',
          refType: 'test',
          refId: 'seed',
          idempotencyKey: `dash-wallet:${login.member.id}`,
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
      if (i <= 2) await t.http().post('/api/membership/purchases').set('authorization', auth).send({ planId: plan.id, payWith: 'balance' }).expect(201);
      for (let k = 0; k < (i % 3) + 1; k++) {
        const cart = { lines: [{ skuId: sku.id, quantity: 1 + k }], couponIds: [], balanceToUse: 10_000_000, fulfilment: 'delivery' as const };
        const preview = (await t.http().post('/api/orders/preview').set('authorization', auth).send(cart).expect(200)).body;
        await t
          .http()
          .post('/api/orders')
          .set('authorization', auth)
          .set('idempotency-key', `dash-order-${i}-${k}`)
          .send({ ...cart, balanceToUse: preview.breakdown.balanceFen, addressId: address.id, expectedPayableFen: preview.breakdown.payableFen })
          .expect(201);
      }
    }
    await t.app.get(OutboxService).dispatchDue(new Date(Date.now() + 60_000));
    await t.app.get(MemberFactService).refreshAll();
    await t.app.get(AnalyticsRollupService).backfill(addDays(today, -29), today);
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function signIn(username: string, password: string, landing = 'dashboard'): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
    const context = await desktopContext(browser);
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${t.baseUrl}/admin/login`);
    await page.fill('#username', username);
    await page.fill('#password', password);
    await page.click('[data-testid=login-submit]');
    await page.waitForSelector(`[data-testid=${landing}]`);
    return { page, errors, close: () => context.close() };
  }

  it('the dashboards render the rollup numbers in charts, each tab, and a CSV export downloads and parses', async () => {
    const sales = (
      await t
        .http()
        .get(`/api/admin/analytics/sales?from=${addDays(today, -29)}&to=${today}`)
        .set('authorization', ops)
        .expect(200)
    ).body as SalesReport;
    expect(sales.totals.orders).toBe(12);
    const { page, errors, close } = await signIn('ops-dash', 'ops-dash-pass');
    try {
      await page.waitForSelector('[data-testid=dashboard-gmv] canvas');
      await screenshot(page, 'analytics-home');
      await page.click('text=数据分析');
      await page.click('text=数据看板');
      await page.waitForSelector('[data-testid=analytics-sales] canvas');
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=analytics-sales] canvas').length >= 3);
      expect(await page.locator('[data-testid=store-filter]').count()).toBe(1);
      expect(await page.locator('[data-testid=store-scope]').count()).toBe(0);
      expect(await page.textContent('[data-testid=kpi-orders] .ant-statistic-content-value')).toBe(String(sales.totals.orders));
      expect(await page.textContent('[data-testid=kpi-new-members] .ant-statistic-content-value')).toBe(String(sales.totals.newMembers));
      await page.waitForTimeout(800); // chart entry animations
      await screenshot(page, 'analytics-sales');

      const download = page.waitForEvent('download');
      await page.click('[data-testid=export-sales]');
      const file = await (await download).path();
      const text = fs.readFileSync(file!, 'utf8');
      expect(text.charCodeAt(0)).toBe(0xfeff);
      const lines = text.slice(1).trim().split(/\r?\n/);
      expect(lines[0]).toBe('日期,新增会员,订单数,GMV(元),退款(元),净GMV(元),客单价(元),SVIP会员净收入(元),非会员净收入(元)');
      expect(lines).toHaveLength(31);
      expect(lines.slice(1).reduce((n, l) => n + Number(l.split(',')[2]), 0)).toBe(sales.totals.orders);

      for (const [tab, testId, name] of [
        ['会员结构', 'analytics-members', 'analytics-members'],
        ['付费会员', 'analytics-svip', 'analytics-svip'],
        ['储值与积分', 'analytics-liabilities', 'analytics-liabilities'],
        ['LTV', 'analytics-ltv', 'analytics-ltv'],
      ] as const) {
        await page.click(`.ant-tabs-tab:has-text("${tab}")`);
        await page.waitForSelector(`[data-testid=${testId}] canvas`);
        await page.waitForTimeout(800);
        await screenshot(page, name);
      }
      expect(await page.textContent('[data-testid=ltv-heat] tbody')).toContain('¥');
      await page.click('.ant-tabs-tab:has-text("付费会员")');
      expect(await page.textContent('[data-testid=kpi-svip-active] .ant-statistic-content-value')).toBe('2');

      await page.click('text=权限矩阵');
      await page.waitForSelector('[data-testid=permission-matrix] tbody tr');
      expect(await page.textContent('[data-testid=permission-matrix]')).toContain('/api/admin/analytics/sales');
      await screenshot(page, 'analytics-permissions');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('a store manager lands on their store dashboard: own figures only, the scope tag, no store filter, no brand tabs or menus', async () => {
    const mgr = `Bearer ${(await t.loginAccount('mgr-dash', 'mgr-dash-pass')).accessToken}`;
    const range = `from=${addDays(today, -29)}&to=${today}`;
    const own = (await t.http().get(`/api/admin/analytics/sales?${range}`).set('authorization', mgr).expect(200)).body as SalesReport;
    expect(own.totals.orders).toBe(6);
    const { page, errors, close } = await signIn('mgr-dash', 'mgr-dash-pass', 'analytics');
    try {
      expect(await page.textContent('[data-testid=store-scope]')).toBe('仅本店数据');
      expect(await page.locator('[data-testid=store-filter]').count()).toBe(0);
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=analytics-sales] canvas').length >= 3);
      expect(await page.textContent('[data-testid=kpi-orders] .ant-statistic-content-value')).toBe('6');
      const tabs = await page.locator('.ant-tabs-tab').allTextContents();
      expect(tabs.slice(0, 3)).toEqual(['经营', '会员结构', '社群与活动']);
      for (const brandOnly of ['付费会员', '储值与积分', 'LTV']) expect(tabs).not.toContain(brandOnly);
      // The menu: the overview (which leads here) and the dashboard; no brand screens, no permission matrix.
      expect(await page.locator('.ant-layout-sider .ant-menu-root > li .ant-menu-title-content').first().textContent()).toBe('概览');
      const menu = (await page.locator('.ant-layout-sider .ant-menu-title-content').allTextContents()).filter((x) => x.trim());
      expect(menu.filter((x) => !['概览', '数据分析', '数据看板'].includes(x))).toEqual([]);
      expect(menu).toContain('数据分析');
      await page.waitForTimeout(800); // chart entry animations
      await screenshot(page, 'analytics-store-manager');

      const download = page.waitForEvent('download');
      await page.click('[data-testid=export-sales]');
      const text = fs.readFileSync((await (await download).path())!, 'utf8');
      expect(
        text
          .slice(1)
          .trim()
          .split(/\r?\n/)
          .slice(1)
          .reduce((n, l) => n + Number(l.split(',')[2]), 0),
      ).toBe(6);

      await page.click('.ant-tabs-tab:has-text("社群与活动")');
      await page.waitForSelector('[data-testid=kpi-sell-through]');
      expect(await page.textContent('[data-testid=kpi-sell-through]')).toContain('仅品牌视图');
      await screenshot(page, 'analytics-store-manager-funnels');
      // The brand dashboards stay closed even when asked for directly.
      await t.http().get(`/api/admin/analytics/liabilities?${range}`).set('authorization', mgr).expect(403);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
