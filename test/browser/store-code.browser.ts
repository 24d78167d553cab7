import type { Browser } from 'playwright-core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DemoSeeder } from '@mall/server/seed/demo-seeder';
import { Store } from '@mall/server/store/store.entity';
import { collectErrors, launchBrowser, phoneContext, screenshot } from '../helpers/browser';
import { startTestApp, type TestApp } from '../helpers/test-app';

describe('browser: 门店活码 landing — the nearest open store’s guide by location, else the bound store', () => {
  let t: TestApp;
  let browser: Browser;
  const MEMBER = 'sc-ui-member';

  beforeAll(async () => {
    t = await startTestApp();
    const ds = t.app.get<DataSource>(getDataSourceToken());
    await t.app.get(DemoSeeder).seed();
    const repo = ds.getRepository(Store);
    const lujiazui = await repo.save(
      repo.create({ name: '上海陆家嘴中心店', address: '浦东新区世纪大道 8 号 B1', latitude: 31.2397, longitude: 121.4998, openingHours: '', active: true }),
    );
    await t.createAccount({ username: 'sc-ui-guide', password: 'sc-ui-guide-pass', displayName: '导购小陈', role: 'staff', storeId: lujiazui.id });
    await t.createAccount({ username: 'sc-ui-guide1', password: 'sc-ui-guide-pass', displayName: '导购小王', role: 'staff', storeId: 1 });
    const member = await t.loginMember(MEMBER);
    const qr = (await t.http().get('/api/members/me/qr').set('authorization', `Bearer ${member.accessToken}`).expect(200)).body.token;
    const guide = await t.loginAccount('sc-ui-guide1', 'sc-ui-guide-pass');
    await t.http().post('/api/staff/bindings').set('authorization', `Bearer ${guide.accessToken}`).send({ qrToken: qr }).expect(200);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('with location allowed: the nearest store and its guide’s code; refused: the bound store with a retry', async () => {
    const phone = await phoneContext(browser);
    await phone.addInitScript((user) => localStorage.setItem('mall.devUser', user), MEMBER);
    await phone.grantPermissions(['geolocation']);
    await phone.setGeolocation({ latitude: 31.2399, longitude: 121.4995 });
    const h5 = await phone.newPage();
    const errors = collectErrors(h5);
    await h5.goto(`${t.baseUrl}/h5/#/subpackages/community/pages/store-code/index?scene=store`);
    const hero = h5.getByTestId('store-code-hero');
    await hero.getByText('上海陆家嘴中心店').waitFor();
    await hero.getByText('离你最近的门店').waitFor();
    await hero.getByText(/距你 \d+ 米/).waitFor();
    await h5.getByText('添加导购 导购小陈').waitFor();
    const qrImage = h5.getByTestId('guide-qr').locator('img');
    await qrImage.waitFor();
    // The guide's 联系我 QR must actually load (it once pointed at a URL the browser could not fetch).
    const loaded = await h5
      .waitForFunction(
        () => [...document.querySelectorAll<HTMLImageElement>('[data-testid="guide-qr"] img')].some((img) => img.complete && img.naturalWidth > 0),
        null,
        {
          timeout: 10_000,
        },
      )
      .then(() => true)
      .catch(() => false);
    const src = await qrImage.getAttribute('src');
    expect({ src, loaded }).toEqual({ src, loaded: true });
    await screenshot(h5, 'h5-store-code-nearest');
    expect(errors).toEqual([]);

    const denied = await phoneContext(browser);
    await denied.addInitScript((user) => localStorage.setItem('mall.devUser', user), MEMBER);
    const page = await denied.newPage();
    await page.goto(`${t.baseUrl}/h5/#/subpackages/community/pages/store-code/index?scene=store`);
    await page.getByTestId('store-code-hero').getByText('你的专属门店').waitFor();
    await page.getByText('上海南京西路旗舰店').waitFor();
    await page.getByText('重新定位').waitFor();
    await page.waitForTimeout(600);
    await screenshot(page, 'h5-store-code-bound');
  });
});
