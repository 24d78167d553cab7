import * as fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Product } from '@mall/server/catalog/product.entity';
import { Member } from '@mall/server/member/member.entity';
import { Favourite, MemberEvent, MemberTag } from '@mall/server/insight/insight.entity';
import { MemberFactService } from '@mall/server/insight/member-fact.service';
import { DemoSeeder } from '@mall/server/seed/demo-seeder';
import { simulatedOpenid } from '@mall/server/wechat/simulator/simulator-state';
import { collectErrors, desktopContext, launchBrowser, phoneContext, screenshot } from '../helpers/browser';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { waitFor } from '../helpers/wechat-pay';

/** Waits until `selector` has slid fully into the viewport (the H5 router animates a page in from the right). */
async function settled(page: Page, selector: string): Promise<void> {
  await page.waitForFunction((s) => {
    const box = document.querySelector(s)?.getBoundingClientRect();
    return Boolean(box) && box!.left >= 0 && box!.right <= window.innerWidth;
  }, selector);
}

describe('browser: ops build a segment with a live count and look at a member 画像; a member hearts a product and finds it in 我的收藏', () => {
  let t: TestApp;
  let ds: DataSource;
  let browser: Browser;
  let product: Product;
  const seeded: Record<string, { id: number; auth: string }> = {};

  /** A member who set their region and maybe hearted the product, through the same API the mini-program uses. */
  async function seedMember(user: string, nickname: string, phone: string, region: string, favourite: boolean) {
    const login = await t.loginMember(user);
    const auth = `Bearer ${login.accessToken}`;
    await t
      .http()
      .post('/api/members/me/phone')
      .set('authorization', auth)
      .send({ code: `${phone}:${user}` })
      .expect(201);
    await t.http().patch('/api/members/me').set('authorization', auth).send({ nickname, region }).expect(200);
    if (favourite) await t.http().post('/api/favourites').set('authorization', auth).send({ productId: product.id }).expect(204);
    seeded[user] = { id: login.member.id, auth };
  }

  beforeAll(async () => {
    t = await startTestApp();
    ds = t.app.get<DataSource>(getDataSourceToken());
    await t.app.get(DemoSeeder).seed();
    await t.createAccount({ username: 'ops-seg-ui', password: 'ops-seg-ui-pass', displayName: '运营小林', role: 'ops' });
    product = await ds.getRepository(Product).findOneByOrFail({ status: 'on_shelf' });
    // The segment (北京市 AND favourited within 30 days) holds exactly the first three.
    await seedMember('seg-bj-1', '北京收藏甲', '13700001001', '北京市 朝阳区', true);
    await seedMember('seg-bj-2', '北京收藏乙', '13700001002', '北京市 海淀区', true);
    await seedMember('seg-bj-3', '北京收藏丙', '13700001003', '北京市 东城区', true);
    await seedMember('seg-bj-nofav', '北京未收藏', '13700001004', '北京市 西城区', false);
    await seedMember('seg-sh-fav', '上海收藏', '13700001005', '上海市 徐汇区', true);
    await t
      .http()
      .post('/api/events')
      .set('authorization', seeded['seg-bj-1'].auth)
      .send({ events: [{ id: 'seg-ui-search-0001', type: 'search', term: '挂耳咖啡' }] })
      .expect(202);
    await t.app.get(MemberFactService).refreshAll();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function signIn(): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
    const context = await desktopContext(browser);
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${t.baseUrl}/admin/login`);
    await page.fill('#username', 'ops-seg-ui');
    await page.fill('#password', 'ops-seg-ui-pass');
    await page.click('[data-testid=login-submit]');
    await page.waitForSelector('[data-testid=dashboard]');
    return { page, errors, close: () => context.close() };
  }

  const countText = (page: Page) => page.getByTestId('segment-count').textContent();

  it('builds 省份 = 北京市 AND 最近 30 天收藏, sees the live count and sample of the seeded members, switches to OR, saves', async () => {
    const { page, errors, close } = await signIn();
    await page.goto(`${t.baseUrl}/admin/segments`);
    await page.getByTestId('lifecycle-chart').waitFor();
    // Five seeded members without orders: all 潜客 (the demo seeds none of its own).
    expect(await page.getByTestId('lifecycle-chart-prospect').textContent()).toContain('5 人');
    await screenshot(page, 'admin-segments-list');

    await page.getByTestId('new-segment').click();
    await page.getByTestId('segment-editor').waitFor();
    // The starter has an empty province: the preview asks for it instead of counting.
    await page.getByText('条件未填写完整').waitFor();
    expect(await countText(page)).toBe('—');

    const previews: number[] = [];
    page.on('request', (r) => r.url().endsWith('/api/admin/segments/preview') && previews.push(Date.now()));
    await page.getByTestId('fact-text').pressSequentially('北京市', { delay: 30 });
    await page.waitForFunction(() => document.querySelector('[data-testid=segment-count]')?.textContent === '3');
    // Debounced: typing three characters asked the server once, not per keystroke.
    expect(previews.length).toBe(1);
    const sample = page.getByTestId('segment-preview').locator('tbody');
    for (const name of ['北京收藏甲', '北京收藏乙', '北京收藏丙']) await sample.getByText(name, { exact: false }).waitFor();
    expect(await sample.textContent()).not.toContain('北京未收藏');
    expect(await sample.textContent()).not.toContain('上海收藏');
    expect(await page.getByTestId('segment-description').textContent()).toBe('条件：(省份 = 北京市 且 最近 30 天收藏商品)');
    await screenshot(page, 'admin-segment-builder');

    // Any of the two: every Beijing member and every favouriter.
    await page.getByText('任一条件（或）').first().click();
    await page.waitForFunction(() => document.querySelector('[data-testid=segment-count]')?.textContent === '5');
    await page.getByText('全部条件（且）').first().click();
    await page.waitForFunction(() => document.querySelector('[data-testid=segment-count]')?.textContent === '3');

    // A nested OR group: (北京 AND favourited) AND (city = 朝阳区 OR city = 海淀区) → two.
    await page.getByTestId('add-group').click();
    const nested = page.getByTestId('segment-group-2');
    await nested.getByTestId('fact-field').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: /^城市$/ }).click();
    await nested.getByTestId('fact-text').fill('朝阳区');
    await page.waitForFunction(() => document.querySelector('[data-testid=segment-count]')?.textContent === '1');
    await nested.getByTestId('add-fact').click();
    const second = nested.getByTestId('segment-condition').nth(1);
    await second.getByTestId('fact-field').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: /^城市$/ }).click();
    await second.getByTestId('fact-text').fill('海淀区');
    await page.waitForFunction(() => document.querySelector('[data-testid=segment-count]')?.textContent === '2');
    expect(await page.getByTestId('segment-description').textContent()).toBe('条件：(省份 = 北京市 且 最近 30 天收藏商品 且 (城市 = 朝阳区 或 城市 = 海淀区))');
    await screenshot(page, 'admin-segment-nested');

    await page.getByTestId('segment-name').fill('北京近30天收藏');
    await page.getByTestId('segment-save').click();
    await page.waitForURL(/\/admin\/segments\/\d+$/);
    await page.getByText('分群已保存').waitFor();
    const saved = (
      await t
        .http()
        .get('/api/admin/segments')
        .set('authorization', `Bearer ${(await t.loginAccount('ops-seg-ui', 'ops-seg-ui-pass')).accessToken}`)
        .expect(200)
    ).body.items;
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({ name: '北京近30天收藏', definition: { match: 'all' } });
    expect(saved[0].definition.conditions).toHaveLength(3);

    // The export button downloads the saved segment's members (masked phones).
    const download = page.waitForEvent('download');
    await page.getByTestId('segment-export').click();
    const file = await (await download).path();
    const csv = fs.readFileSync(file, 'utf8');
    expect(csv).toContain('137****1001');
    expect(csv).toContain('137****1002');
    expect(csv).not.toContain('137****1003');
    expect(errors).toEqual([]);
    await close();
  });

  it('tags members by pasted phones (tagged / already / unknown) and shows the member 画像 with facts, tags and the behaviour timeline', async () => {
    const { page, errors, close } = await signIn();
    await page.goto(`${t.baseUrl}/admin/tags`);
    await page.getByTestId('create-tag').click();
    const modal = page.locator('.ant-modal', { hasText: '新建标签' });
    await modal.locator('#name').fill('咖啡控');
    await modal.locator('button.ant-btn-primary').click();
    const row = page.locator('tbody tr', { hasText: '咖啡控' });
    await row.waitFor();
    await row.getByText('批量打标').click();
    await page.getByTestId('assign-text').fill('手机号\n13700001001\n13700001002\n13900009999\n');
    await page.getByTestId('assign-submit').click();
    const result = page.getByTestId('assign-result');
    await result.waitFor();
    expect(await result.textContent()).toContain('新打标2原已有0未找到1');
    expect(await result.textContent()).toContain('13900009999');
    await screenshot(page, 'admin-tag-assign-result');
    await page
      .getByRole('button', { name: '完 成' })
      .or(page.getByRole('button', { name: '完成' }))
      .click();
    await page.locator('tbody tr', { hasText: '咖啡控' }).locator('td', { hasText: /^2$/ }).waitFor();
    await screenshot(page, 'admin-tags');

    const member = seeded['seg-bj-1'];
    await page.goto(`${t.baseUrl}/admin/members/${member.id}`);
    await page.getByTestId('member-detail').waitFor();
    await page.getByRole('tab', { name: '画像' }).click();
    const insight = page.getByTestId('member-insight');
    await insight.waitFor();
    expect(await insight.getByTestId('insight-lifecycle').textContent()).toBe('潜客');
    expect(await insight.getByTestId('insight-rfm').textContent()).toBe('未消费');
    expect(await insight.getByTestId('fact-province').textContent()).toBe('北京市');
    expect(await insight.getByTestId('fact-spendFen').textContent()).toBe('¥0.00');
    expect(await insight.getByTestId('fact-favouriteCount').textContent()).toBe('1');
    expect(await insight.getByTestId('fact-registeredAt').textContent()).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    const timeline = insight.getByTestId('insight-timeline');
    await timeline.getByText(`收藏商品：${product.name}`).waitFor();
    await timeline.getByText('搜索「挂耳咖啡」').waitFor();
    expect(await insight.getByTestId('insight-tags').textContent()).toContain('咖啡控');

    // Take the manual tag off, then put it back.
    const tag = insight.locator('[data-testid^=manual-tag-]', { hasText: '咖啡控' });
    await tag.getByLabel('移除标签咖啡控').click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: '移 除' })
      .or(page.locator('.ant-popconfirm').getByRole('button', { name: '移除' }))
      .click();
    await tag.waitFor({ state: 'detached' });
    expect(await ds.getRepository(MemberTag).countBy({ memberId: member.id, source: 'ops' })).toBe(0);
    await insight.getByTestId('add-member-tag').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '咖啡控' }).click();
    await insight
      .getByRole('button', { name: '添 加' })
      .or(insight.getByRole('button', { name: '添加' }))
      .click();
    await insight.locator('[data-testid^=manual-tag-]', { hasText: '咖啡控' }).waitFor();
    expect(await ds.getRepository(MemberTag).countBy({ memberId: member.id, source: 'ops' })).toBe(1);
    await screenshot(page, 'admin-member-insight');
    expect(errors).toEqual([]);
    await close();
  });

  it('H5: 我的收藏 starts empty; a member taps the heart on a product and finds it in 我的收藏; views and visits are tracked', async () => {
    const context = await phoneContext(browser);
    await context.addInitScript(() => localStorage.setItem('mall.devUser', 'browser-heart'));
    const page = await context.newPage();
    const errors = collectErrors(page);

    await page.goto(`${t.baseUrl}/h5/#/pages/mine/index`);
    await page.locator('.mine-entry', { hasText: '我的收藏' }).click();
    await page.getByText('还没有收藏的商品').waitFor();
    await settled(page, '.page-empty');
    await screenshot(page, 'h5-favourites-empty');
    const memberId = (await ds.getRepository(Member).findOneByOrFail({ openid: simulatedOpenid(t.config.wechat.appId, 'browser-heart') })).id;

    await page.goto(`${t.baseUrl}/h5/#/subpackages/mall/pages/product/index?id=${product.id}`);
    await page.waitForSelector('.product-page__name');
    const heart = page.getByTestId('favourite-heart');
    await heart.waitFor();
    expect(await heart.getAttribute('data-on')).toBe('false');
    await heart.click();
    await page.waitForSelector('[data-testid=favourite-heart][data-on=true]');
    await waitFor(async () => (await ds.getRepository(Favourite).countBy({ memberId, productId: product.id })) === 1, 'favourite stored');
    await page.waitForTimeout(2500); // let the toast fade
    await screenshot(page, 'h5-product-favourited');

    await page.goto(`${t.baseUrl}/h5/#/pages/mine/index`);
    await page.locator('.mine-entry', { hasText: '我的收藏' }).click();
    const item = page.getByTestId('favourite-item').filter({ hasText: product.name });
    await item.waitFor();
    await settled(page, '[data-testid=favourite-item]');
    await screenshot(page, 'h5-favourites');

    // The tracker sends the launch visit and the product view within its 10-second batch window.
    const events = await waitFor(
      async () => {
        const rows = await ds.getRepository(MemberEvent).find({ where: { memberId } });
        return rows.some((r) => r.type === 'view' && r.objectId === product.id) && rows.some((r) => r.type === 'visit') ? rows : null;
      },
      'tracked view and visit',
      20_000,
    );
    expect(events.find((e) => e.type === 'visit')?.source).toBe('direct');

    // Un-hearting from the list removes it there and on the server.
    await item.getByText('取消收藏').click();
    await page.getByText('还没有收藏的商品').waitFor();
    expect(await ds.getRepository(Favourite).countBy({ memberId })).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
