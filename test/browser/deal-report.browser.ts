import * as fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { beijingDate, type DealReport } from '@mall/shared';
import { Sku } from '@mall/server/catalog/sku.entity';
import { DemoSeeder } from '@mall/server/seed/demo-seeder';
import { collectErrors, desktopContext, launchBrowser, screenshot } from '../helpers/browser';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { simPay, waitFor } from '../helpers/wechat-pay';

const MINUTE = 60_000;

describe('browser: ops read 活动效果 — the deal report table, chart and CSV match the API', () => {
  let t: TestApp;
  let ds: DataSource;
  let browser: Browser;
  let ops: string;
  const today = beijingDate();

  beforeAll(async () => {
    t = await startTestApp({ WECHAT_SIM_NOTIFY_TIME_SCALE: '0.001' });
    ds = t.app.get<DataSource>(getDataSourceToken());
    await t.app.get(DemoSeeder).seed();
    await t.createAccount({ username: 'ops-deals', password: 'ops-deals-pass', displayName: '运营小李', role: 'ops' });
    ops = `Bearer ${(await t.loginAccount('ops-deals', 'ops-deals-pass')).accessToken}`;
    const skus = await ds.getRepository(Sku).find({ where: { enabled: true }, order: { priceFen: 'DESC' } });
    const sku = skus.find((s) => s.stock >= 100 && s.priceFen > 1000)!;
    for (const [name, stock, buyers] of [
      ['双12 爆款秒杀', 20, 5],
      ['会员日秒杀', 10, 2],
    ] as const) {
      const event = (
        await t
          .http()
          .post('/api/admin/flash-sales')
          .set('authorization', ops)
          .send({
            name,
            skuId: sku.id,
            dealPriceFen: Math.floor(sku.priceFen / 2),
            stockTotal: stock,
            perMemberLimit: 2,
            startAt: new Date(Date.now() - MINUTE).toISOString(),
            endAt: new Date(Date.now() + 60 * MINUTE).toISOString(),
            holdMinutes: 15,
            audience: { kind: 'everyone' },
            enabled: true,
          })
          .expect(201)
      ).body;
      for (let i = 0; i < buyers; i++) {
        const login = await t.loginMember(`deals-${event.id}-${i}`);
        const auth = `Bearer ${login.accessToken}`;
        const order = (
          await t
            .http()
            .post(`/api/flash-sales/${event.id}/orders`)
            .set('authorization', auth)
            .send({ quantity: 1 + (i % 2), fulfilment: 'pickup', storeId: 1 })
            .expect(201)
        ).body;
        await simPay(t, order.outTradeNo);
        await waitFor(async () => (await t.http().get(`/api/orders/${order.orderId}`).set('authorization', auth)).body.status === 'paid', 'paid');
      }
    }
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the report shows the API figures in its table and KPIs, draws the chart, and the CSV downloads', async () => {
    const report = (await t.http().get(`/api/admin/deal-report?from=${today}&to=${today}`).set('authorization', ops).expect(200)).body as DealReport;
    expect(report.flashSales).toHaveLength(2);
    const context = await desktopContext(browser);
    const page = await context.newPage();
    const errors = collectErrors(page);
    try {
      await page.goto(`${t.baseUrl}/admin/login`);
      await page.fill('#username', 'ops-deals');
      await page.fill('#password', 'ops-deals-pass');
      await page.click('[data-testid=login-submit]');
      await page.waitForSelector('[data-testid=dashboard]');
      await page.click('text=数据分析');
      await page.click('text=活动效果');
      await page.waitForSelector('[data-testid=deal-report] canvas');
      await page.waitForSelector('[data-testid=deal-report-flash-sales] tbody tr:has-text("双12 爆款秒杀")');
      const revenue = report.flashSales.reduce((s, r) => s + r.revenueFen, 0);
      expect(await page.textContent('[data-testid=deal-kpi-revenue] .ant-statistic-content-value')).toBe(`¥${(revenue / 100).toFixed(2)}`);
      const row = await page.textContent('[data-testid=deal-report-flash-sales] tbody tr:has-text("双12 爆款秒杀")');
      const big = report.flashSales.find((r) => r.name === '双12 爆款秒杀')!;
      expect(row).toContain(`${big.unitsSold}/20`);
      await page.waitForTimeout(800); // chart entry animation
      await screenshot(page, 'deal-report');

      const download = page.waitForEvent('download');
      await page.click('[data-testid=export-deal-report]');
      const text = fs.readFileSync((await (await download).path())!, 'utf8');
      expect(text.charCodeAt(0)).toBe(0xfeff);
      expect(text.slice(1).trim().split(/\r?\n/)).toHaveLength(1 + 2);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
