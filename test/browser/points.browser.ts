import type { Browser } from 'playwright-core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Member } from '@mall/server/member/member.entity';
import { PointsLedgerService } from '@mall/server/points/points-ledger.service';
import { DemoSeeder } from '@mall/server/seed/demo-seeder';
import { collectErrors, launchBrowser, phoneContext, screenshot } from '../helpers/browser';
import { startTestApp, type TestApp } from '../helpers/test-app';

describe('browser: points sign-in and the points mall in H5', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.get(DemoSeeder).seed();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('signs in for points, then redeems a gift and gets a pickup code (自提码)', async () => {
    const context = await phoneContext(browser);
    await context.addInitScript(() => localStorage.setItem('mall.devUser', 'browser-points'));
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${t.baseUrl}/h5/#/subpackages/points/pages/points/index`);
    await page.waitForSelector('.points-hero__balance');
    expect(await page.textContent('.points-hero__balance')).toBe('0');
    await page.getByText('签到领 5 积分').click();
    await page.waitForFunction(() => document.querySelector('.points-hero__balance')?.textContent === '5');
    expect(await page.locator('.sign-calendar__day--signed').count()).toBe(1);
    await screenshot(page, 'h5-points');

    // Top the member up so a gift is affordable (as an operator's adjustment would).
    const ds = t.app.get<DataSource>(getDataSourceToken());
    const member = await ds
      .getRepository(Member)
      .findOneByOrFail({ openid: (await ds.getRepository(Member).find({ order: { id: 'DESC' }, take: 1 }))[0].openid });
    await ds.transaction((m) =>
      t.app
        .get(PointsLedgerService)
        .earn(m, { memberId: member.id, points: 300, source: 'adjust', refType: 'test', refId: 'top-up', idempotencyKey: 'browser-top-up' }),
    );

    await page.goto(`${t.baseUrl}/h5/#/subpackages/points/pages/mall/index`);
    await page.waitForSelector('.mall-item');
    const voucher = page.locator('.mall-item', { hasText: '门店饮品兑换券' });
    await voucher.getByText('立即兑换').click();
    await page.getByText('兑换', { exact: true }).click();
    await page.waitForSelector('.redemption__code');
    expect(await page.textContent('.redemption__code')).toMatch(/^自提码 G\d{8}/);
    expect(await page.textContent('.points-mall__balance-value')).toBe('105');
    await screenshot(page, 'h5-points-mall');

    // Points + cash: 300 points and ¥39 by (simulated) WeChat Pay, then the pickup code.
    await ds.transaction((m) =>
      t.app
        .get(PointsLedgerService)
        .earn(m, { memberId: member.id, points: 300, source: 'adjust', refType: 'test', refId: 'top-up-2', idempotencyKey: 'browser-top-up-2' }),
    );
    await page.reload();
    const cup = page.locator('.mall-item', { hasText: '保温随行杯' });
    await cup.waitFor();
    expect(await cup.locator('.mall-item__price').textContent()).toBe('300 积分 + ¥39');
    await cup.getByText('立即兑换').click();
    await page.getByText('兑换', { exact: true }).click();
    await page.getByText('确认支付').click();
    await page.waitForSelector('text=兑换成功');
    await page.getByText('确定', { exact: true }).last().click();
    await page.waitForFunction(() => document.querySelector('.points-mall__balance-value')?.textContent === '105');
    expect(await page.locator('.redemption', { hasText: '保温随行杯' }).locator('.redemption__code').textContent()).toMatch(/^自提码 G\d{8}/);
    expect(errors).toEqual([]);
    await context.close();
  });
});
