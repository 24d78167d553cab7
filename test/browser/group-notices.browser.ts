import type { Browser } from 'playwright-core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Sku } from '@mall/server/catalog/sku.entity';
import { OutboxService } from '@mall/server/common/outbox/outbox.service';
import { GroupBuyJobs } from '@mall/server/group-buy/group-buy.jobs';
import { DemoSeeder } from '@mall/server/seed/demo-seeder';
import { collectErrors, launchBrowser, phoneContext, screenshot } from '../helpers/browser';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { simPay, waitFor } from '../helpers/wechat-pay';

const HOUR = 3_600_000;

describe('browser: a group completed with virtual members shows them marked; the member reads 拼团成功 in 消息通知', () => {
  let t: TestApp;
  let browser: Browser;
  let groupId: number;

  beforeAll(async () => {
    t = await startTestApp({ WECHAT_SIM_NOTIFY_TIME_SCALE: '0.001' });
    const ds = t.app.get<DataSource>(getDataSourceToken());
    await t.app.get(DemoSeeder).seed();
    await t.createAccount({ username: 'ops-gn-ui', password: 'ops-gn-ui-pass', displayName: '运营', role: 'ops' });
    const ops = `Bearer ${(await t.loginAccount('ops-gn-ui', 'ops-gn-ui-pass')).accessToken}`;
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
          leaderDiscountFen: 0,
          groupSize: 3,
          timeLimitMinutes: 60,
          audience: 'everyone',
          allowRejoin: false,
          fillWithVirtual: true,
          startsAt: new Date(Date.now() - HOUR).toISOString(),
          endsAt: new Date(Date.now() + 72 * HOUR).toISOString(),
        })
        .expect(201)
    ).body;
    const auth = `Bearer ${(await t.loginMember('gn-ui-leader')).accessToken}`;
    const address = (
      await t
        .http()
        .post('/api/addresses')
        .set('authorization', auth)
        .send({ name: '赵六', phone: '13900139000', region: '杭州市 西湖区', detail: '文三路 1 号', isDefault: true })
        .expect(201)
    ).body;
    const opened = (
      await t
        .http()
        .post(`/api/group-buys/deals/${deal.id}/open`)
        .set('authorization', auth)
        .send({ fulfilment: 'delivery', addressId: address.id })
        .expect(201)
    ).body;
    groupId = opened.groupId;
    await simPay(t, opened.outTradeNo);
    await waitFor(async () => (await t.http().get(`/api/orders/${opened.orderId}`).set('authorization', auth)).body.status === 'paid', 'paid');
    await t.app.get(GroupBuyJobs).runOnce(new Date(Date.now() + 2 * HOUR));
    await t.app.get(OutboxService).dispatchDue(new Date(Date.now() + 60_000));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('group page with 虚拟成员 slots, then 我的 → 消息通知', async () => {
    const phone = await phoneContext(browser);
    await phone.addInitScript(() => localStorage.setItem('mall.devUser', 'gn-ui-leader'));
    const h5 = await phone.newPage();
    const errors = collectErrors(h5);
    await h5.goto(`${t.baseUrl}/h5/#/subpackages/deals/pages/group/index?id=${groupId}`);
    await h5.getByTestId('group-status').waitFor();
    await h5.getByText('拼团成功（含 2 位虚拟成员），订单将尽快发货').waitFor();
    expect(await h5.getByTestId('group-slot-filled').count()).toBe(1);
    expect(await h5.getByTestId('group-slot-virtual').count()).toBe(2);
    expect(await h5.getByTestId('group-slot-empty').count()).toBe(0);
    await h5.waitForTimeout(500);
    await screenshot(h5, 'h5-group-buy-virtual');

    await h5.goto(`${t.baseUrl}/h5/#/pages/mine/index`);
    await h5.getByText('消息通知').first().click();
    await h5.getByTestId('notice').first().waitFor();
    const notice = h5.getByTestId('notice').filter({ hasText: '拼团结果通知' });
    expect(await notice.count()).toBe(1);
    expect(await notice.innerText()).toContain('拼团成功');
    await h5.waitForTimeout(500);
    await screenshot(h5, 'h5-notices');
    expect(errors).toEqual([]);
  });
});
