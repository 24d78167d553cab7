import type { Browser } from 'playwright-core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Sku } from '@mall/server/catalog/sku.entity';
import { DemoSeeder } from '@mall/server/seed/demo-seeder';
import { collectErrors, desktopContext, launchBrowser, phoneContext, screenshot } from '../helpers/browser';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { simPay, waitFor } from '../helpers/wechat-pay';

const HOUR = 3_600_000;

describe('browser: a group with two of three paid shows avatars, an empty slot and a countdown; my groups; ops manage deals and see stats', () => {
  let t: TestApp;
  let ds: DataSource;
  let browser: Browser;
  let ops: string;
  let groupId: number;

  beforeAll(async () => {
    t = await startTestApp({ WECHAT_SIM_NOTIFY_TIME_SCALE: '0.001' });
    ds = t.app.get<DataSource>(getDataSourceToken());
    await t.app.get(DemoSeeder).seed();
    await t.createAccount({ username: 'ops-gb-ui', password: 'ops-gb-ui-pass', displayName: '运营小林', role: 'ops' });
    ops = `Bearer ${(await t.loginAccount('ops-gb-ui', 'ops-gb-ui-pass')).accessToken}`;
    const [sku] = await ds.getRepository(Sku).find({ where: { enabled: true }, order: { priceFen: 'DESC' } });
    const deal = (
      await t
        .http()
        .post('/api/admin/group-buys/deals')
        .set('authorization', ops)
        .send({
          name: '乌龙茶三人团',
          skuId: sku.id,
          groupPriceFen: 9900,
          leaderDiscountFen: 500,
          groupSize: 3,
          timeLimitMinutes: 24 * 60,
          audience: 'everyone',
          allowRejoin: false,
          startsAt: new Date(Date.now() - HOUR).toISOString(),
          endsAt: new Date(Date.now() + 72 * HOUR).toISOString(),
        })
        .expect(201)
    ).body;
    const payer = async (user: string, start: (auth: string, addressId: number) => Promise<{ orderId: number; outTradeNo: string; groupId: number }>) => {
      const auth = `Bearer ${(await t.loginMember(user)).accessToken}`;
      const address = (
        await t
          .http()
          .post('/api/addresses')
          .set('authorization', auth)
          .send({ name: '赵六', phone: '13900139000', region: '杭州市 西湖区', detail: '文三路 1 号', isDefault: true })
          .expect(201)
      ).body;
      const r = await start(auth, address.id);
      await simPay(t, r.outTradeNo);
      await waitFor(async () => (await t.http().get(`/api/orders/${r.orderId}`).set('authorization', auth)).body.status === 'paid', 'paid');
      return r;
    };
    const opened = await payer(
      'gb-ui-leader',
      async (auth, addressId) =>
        (await t.http().post(`/api/group-buys/deals/${deal.id}/open`).set('authorization', auth).send({ fulfilment: 'delivery', addressId }).expect(201)).body,
    );
    groupId = opened.groupId;
    await payer(
      'gb-ui-second',
      async (auth, addressId) =>
        (await t.http().post(`/api/group-buys/groups/${groupId}/join`).set('authorization', auth).send({ fulfilment: 'delivery', addressId }).expect(201)).body,
    );
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the shared group page, the deals list and my groups on a 390×844 phone', async () => {
    const phone = await phoneContext(browser);
    await phone.addInitScript(() => localStorage.setItem('mall.devUser', 'gb-ui-viewer'));
    const h5 = await phone.newPage();
    const errors = collectErrors(h5);
    await h5.goto(`${t.baseUrl}/h5/#/subpackages/deals/pages/group/index?id=${groupId}`);
    await h5.getByTestId('group-status').waitFor();
    expect(await h5.getByTestId('group-slot-filled').count()).toBe(2);
    expect(await h5.getByTestId('group-slot-empty').count()).toBe(1);
    await h5.getByText('还差 1 人成团').waitFor();
    const first = await h5.getByTestId('group-countdown').innerText();
    expect(first).toMatch(/^剩余 2[34]:\d{2}:\d{2}$/);
    await h5.waitForTimeout(1200);
    expect(await h5.getByTestId('group-countdown').innerText()).not.toBe(first); // it ticks
    await h5.getByText('参与拼团').first().waitFor();
    await screenshot(h5, 'h5-group-buy-group');

    await h5.goto(`${t.baseUrl}/h5/#/subpackages/deals/pages/group-deals/index`);
    await h5.getByTestId('group-deal').first().waitFor();
    await h5.getByText('还差 1 人').waitFor();
    await h5.waitForTimeout(600);
    await screenshot(h5, 'h5-group-buy-deals');

    await h5.goto(`${t.baseUrl}/h5/#/subpackages/deals/pages/group-mine/index`);
    await h5.getByText('还没有参加拼团').waitFor();
    await screenshot(h5, 'h5-group-buy-mine-empty');
    expect(errors).toEqual([]);

    const leaderPhone = await phoneContext(browser);
    await leaderPhone.addInitScript(() => localStorage.setItem('mall.devUser', 'gb-ui-leader'));
    const leader = await leaderPhone.newPage();
    await leader.goto(`${t.baseUrl}/h5/#/subpackages/deals/pages/group-mine/index`);
    await leader.getByTestId('my-group').first().waitFor();
    await leader.getByText('我是团长').waitFor();
    await leader.getByText('拼团中 · 已支付').waitFor();
    await leader.waitForTimeout(600);
    await screenshot(leader, 'h5-group-buy-mine');
  });

  it('ops see live stats and the report, and the deal form refuses a price not below normal', async () => {
    const context = await desktopContext(browser);
    const page = await context.newPage();
    await page.goto(`${t.baseUrl}/admin/login`);
    await page.fill('#username', 'ops-gb-ui');
    await page.fill('#password', 'ops-gb-ui-pass');
    await page.click('[data-testid=login-submit]');
    await page.waitForSelector('[data-testid=dashboard]');
    await page.goto(`${t.baseUrl}/admin/deals/group`);
    await page.getByTestId('group-stats').waitFor();
    await page.getByTestId('group-report').getByText('乌龙茶三人团').waitFor();
    await page.locator('.ant-statistic', { hasText: '进行中的团' }).getByText('1').waitFor();
    await screenshot(page, 'admin-group-buy');

    await page.getByTestId('new-group-deal').click();
    const drawer = page.locator('.ant-drawer-content', { hasText: '新建拼团活动' });
    await drawer.getByLabel('活动名称').fill('太贵的团');
    await drawer
      .locator('.ant-form-item', { has: page.locator('label:text-is("商品规格")') })
      .locator('.ant-select-selector')
      .click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    await drawer.getByLabel('拼团价（元）').fill('99999');
    await drawer.getByLabel('开始时间').click();
    await page.locator('.ant-picker-dropdown:visible .ant-picker-now-btn').click();
    await page
      .locator('.ant-picker-dropdown:visible .ant-picker-ok button')
      .click()
      .catch(() => undefined);
    await drawer.getByLabel('结束时间').click();
    await page.locator('.ant-picker-dropdown:visible .ant-picker-now-btn').click();
    await page
      .locator('.ant-picker-dropdown:visible .ant-picker-ok button')
      .click()
      .catch(() => undefined);
    await drawer.locator('.ant-drawer-footer button.ant-btn-primary').click();
    await page.locator('.ant-message').getByText('拼团价必须低于商品原价').waitFor();
    await screenshot(page, 'admin-group-buy-form-error');
    expect((await t.http().get('/api/admin/group-buys/deals').set('authorization', ops)).body.items).toHaveLength(1);
  });
});
