import type { Browser } from 'playwright-core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Sku } from '@mall/server/catalog/sku.entity';
import { FlashSaleEvent, FlashSaleReminder } from '@mall/server/flash-sale/flash-sale.entity';
import { MembershipPlan } from '@mall/server/membership/membership.entity';
import { ShopOrder } from '@mall/server/order/order.entity';
import { DemoSeeder } from '@mall/server/seed/demo-seeder';
import { WalletLedgerService } from '@mall/server/wallet/wallet-ledger.service';
import { collectErrors, desktopContext, launchBrowser, phoneContext, screenshot } from '../helpers/browser';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { waitFor } from '../helpers/wechat-pay';

const MINUTE = 60_000;

describe('browser: flash sales — home countdowns, stock bar, early-access badge, 提醒我, buying; admin events and live stats', () => {
  let t: TestApp;
  let ds: DataSource;
  let browser: Browser;
  let ops: string;
  let sku: Sku;
  const MEMBER = 'fs-ui-member';
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    t = await startTestApp();
    ds = t.app.get<DataSource>(getDataSourceToken());
    await t.app.get(DemoSeeder).seed();
    await t.createAccount({ username: 'ops-fs-ui', password: 'ops-fs-ui-pass', displayName: '运营小林', role: 'ops' });
    ops = `Bearer ${(await t.loginAccount('ops-fs-ui', 'ops-fs-ui-pass')).accessToken}`;
    sku = (await ds.getRepository(Sku).find({ where: { enabled: true }, order: { id: 'ASC' } })).find((s) => s.stock >= 50 && s.priceFen > 1000)!;
    const event = async (key: string, name: string, startOffset: number, stockTotal: number) => {
      ids[key] = (
        await t
          .http()
          .post('/api/admin/flash-sales')
          .set('authorization', ops)
          .send({
            name,
            skuId: sku.id,
            dealPriceFen: Math.floor(sku.priceFen / 2),
            stockTotal,
            perMemberLimit: 1,
            startAt: new Date(Date.now() + startOffset).toISOString(),
            endAt: new Date(Date.now() + startOffset + 3 * 3600_000).toISOString(),
            holdMinutes: 15,
            audience: { kind: 'everyone' },
            enabled: true,
          })
          .expect(201)
      ).body.id;
    };
    await event('live', '冬日咖啡 5 折秒杀', -10 * MINUTE, 10);
    await event('early', 'SVIP 抢先购 · 限量', 30 * MINUTE, 20);
    await event('later', '明晚 8 点秒杀', 5 * 3600_000, 30);
    // Four other members already hold units of the live sale: the bar shows 40%.
    for (let i = 0; i < 4; i++) {
      const other = await t.loginMember(`fs-ui-other-${i}`);
      await t
        .http()
        .post(`/api/flash-sales/${ids.live}/orders`)
        .set('authorization', `Bearer ${other.accessToken}`)
        .send({ quantity: 1, fulfilment: 'pickup', storeId: 1 })
        .expect(201);
    }
    // The member is SVIP (60 minutes of early access) and has a delivery address.
    const login = await t.loginMember(MEMBER);
    const auth = `Bearer ${login.accessToken}`;
    await ds.transaction((m) =>
      t.app.get(WalletLedgerService).move(m, {
        memberId: login.member.id,
        deltaPrincipalFen: 100_000,
        deltaBonusFen: 0,
        kind: 'adjust',
        refType: 'test',
        refId: 'seed',
        idempotencyKey: `fs-ui-seed:${login.member.id}`,
      }),
    );
    const monthly = (await ds.getRepository(MembershipPlan).find({ order: { sortOrder: 'ASC' } }))[0];
    await t.http().post('/api/membership/purchases').set('authorization', auth).send({ planId: monthly.id, payWith: 'balance' }).expect(201);
    await t
      .http()
      .post('/api/addresses')
      .set('authorization', auth)
      .send({ name: '林小姐', phone: '13800138000', region: '上海市 徐汇区', detail: '漕溪北路 1 号', isDefault: true })
      .expect(201);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the member sees the deals on home, the stock bar, the early-access badge, sets a reminder and buys early', async () => {
    const phone = await phoneContext(browser);
    await phone.addInitScript((user) => localStorage.setItem('mall.devUser', user), MEMBER);
    const h5 = await phone.newPage();
    const errors = collectErrors(h5);
    await h5.goto(`${t.baseUrl}/h5/#/pages/index/index`);
    const strip = h5.getByTestId('flash-sale-strip');
    await strip.waitFor();
    await strip
      .getByText('冬日咖啡', { exact: false })
      .first()
      .waitFor()
      .catch(() => undefined);
    expect(await strip.textContent()).toMatch(/距结束 \d\d:\d\d:\d\d/);
    await screenshot(h5, 'h5-flash-home');

    await strip.getByText('全部 ›').click();
    await h5.waitForURL(/deals\/pages\/flash-sale\/index/);
    await h5.locator('.flash-card').nth(2).waitFor();
    await h5.waitForTimeout(600);
    await screenshot(h5, 'h5-flash-list');

    // The live sale: 40% taken, 6 left.
    await h5.locator('.flash-card', { hasText: '冬日咖啡 5 折秒杀' }).click();
    await h5.locator('.flash-page').getByText('已抢 40% · 剩 6 件').waitFor();
    await h5.waitForTimeout(600);
    await screenshot(h5, 'h5-flash-live');
    await h5.goBack();

    // Not yet public, but open to this SVIP member: badge and 立即抢购.
    await h5.locator('.flash-card', { hasText: 'SVIP 抢先购 · 限量' }).click();
    const badge = h5.locator('.flash-page').getByTestId('early-access-badge');
    await badge.waitFor();
    expect(await badge.textContent()).toContain('60 分钟');
    await h5.waitForTimeout(600);
    await screenshot(h5, 'h5-flash-early');
    await h5.locator('.buy-bar__btn:visible', { hasText: '立即抢购' }).click();
    await h5.getByText('确认支付').click();
    await h5.waitForURL(/mall\/pages\/order\/index/);
    await h5.waitForTimeout(600);
    await screenshot(h5, 'h5-flash-early-paid');
    const order = await waitFor(
      async () => ds.getRepository(ShopOrder).findOne({ where: { dealKind: 'flash_sale', dealRef: String(ids.early), status: 'paid' } }),
      'early order paid',
    );
    expect(order.memberId).toBeGreaterThan(0);
    expect((await ds.getRepository(FlashSaleEvent).findOneByOrFail({ id: ids.early })).soldCount).toBe(1);

    // Upcoming even for them: 提醒我, then 已设置提醒.
    // A fresh tab opens the event's page directly (as a subscribe message or share link does).
    const tab = await phone.newPage();
    const tabErrors = collectErrors(tab);
    await tab.goto(`${t.baseUrl}/h5/#/subpackages/deals/pages/flash-sale/index?id=${ids.later}`);
    await tab.locator('[data-testid=flash-countdown]:visible', { hasText: '距开抢' }).waitFor();
    await tab.locator('.buy-bar__btn:visible', { hasText: '提醒我' }).click();
    await tab.locator('.buy-bar__btn:visible', { hasText: '已设置提醒' }).waitFor();
    await tab.waitForTimeout(600);
    await screenshot(tab, 'h5-flash-reminder');
    expect(tabErrors).toEqual([]);
    expect(await ds.getRepository(FlashSaleReminder).countBy({ eventId: ids.later })).toBe(1);
    expect(errors).toEqual([]);
    await phone.close();
  });

  it('ops create an event (refused when the price is not below normal), see the live split and the stats drawer', async () => {
    const context = await desktopContext(browser);
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${t.baseUrl}/admin/login`);
    await page.fill('#username', 'ops-fs-ui');
    await page.fill('#password', 'ops-fs-ui-pass');
    await page.click('[data-testid=login-submit]');
    await page.waitForSelector('[data-testid=dashboard]');
    await page.goto(`${t.baseUrl}/admin/deals/flash-sales`);
    await page.locator('tbody tr', { hasText: '冬日咖啡 5 折秒杀' }).waitFor();
    expect(await page.getByTestId(`flash-stock-${ids.live}`).textContent()).toContain('待付 4 · 剩余 6 / 10');

    await page.getByTestId('new-flash-sale').click();
    const drawer = page.locator('.ant-drawer-content', { hasText: '新建秒杀活动' });
    await drawer.getByLabel('活动名称').fill('周末会员秒杀');
    await drawer
      .locator('.ant-form-item', { has: page.locator('label:text-is("商品规格")') })
      .locator('.ant-select-selector')
      .click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    const price = drawer.locator('.ant-form-item', { has: page.locator('label:has-text("秒杀价")') }).locator('input');
    await price.fill('99999');
    await drawer.getByLabel('秒杀库存').fill('50');
    await drawer.locator('.ant-drawer-footer button.ant-btn-primary').click();
    await drawer.getByText('秒杀价必须低于原价').waitFor();
    await screenshot(page, 'admin-flash-sale-editor');
    await price.fill('9.9');
    await drawer.locator('.ant-drawer-footer button.ant-btn-primary').click();
    await page.getByText('秒杀已创建').waitFor();
    await page.locator('tbody tr', { hasText: '周末会员秒杀' }).waitFor();
    await screenshot(page, 'admin-flash-sales');
    const created = await ds.getRepository(FlashSaleEvent).findOneByOrFail({ name: '周末会员秒杀' });
    expect(created).toMatchObject({ dealPriceFen: 990, stockTotal: 50, stockLeft: 50 });

    await page.locator('tbody tr', { hasText: 'SVIP 抢先购 · 限量' }).getByText('数据', { exact: true }).click();
    const stats = page.getByTestId('flash-sale-stats');
    await stats.waitFor();
    expect(await stats.textContent()).toContain('已支付1');
    await screenshot(page, 'admin-flash-sale-stats');
    expect(errors).toEqual([]);
    await context.close();
  });
});
