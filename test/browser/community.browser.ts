import type { Browser } from 'playwright-core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CommunityInvitation } from '@mall/server/community/community.entity';
import { MemberFactService } from '@mall/server/insight/member-fact.service';
import { DemoSeeder } from '@mall/server/seed/demo-seeder';
import { collectErrors, desktopContext, launchBrowser, phoneContext, screenshot } from '../helpers/browser';
import { startTestApp, type TestApp } from '../helpers/test-app';

describe('browser: an eligible member opens the invitation and sees a valid group code; ops see the funnel move', () => {
  let t: TestApp;
  let ds: DataSource;
  let browser: Browser;
  let ops: string;
  let memberId: number;
  let groupId: number;
  const MEMBER = 'cm-ui-member';

  beforeAll(async () => {
    t = await startTestApp();
    ds = t.app.get<DataSource>(getDataSourceToken());
    await t.app.get(DemoSeeder).seed();
    await t.createAccount({ username: 'ops-cm-ui', password: 'ops-cm-ui-pass', displayName: '运营小林', role: 'ops' });
    ops = `Bearer ${(await t.loginAccount('ops-cm-ui', 'ops-cm-ui-pass')).accessToken}`;
    memberId = (await t.loginMember(MEMBER)).member.id;
    await t.loginMember('cm-ui-bystander');
    const tagId = (await t.http().post('/api/admin/tags').set('authorization', ops).send({ name: 'KOC候选' }).expect(201)).body.id;
    await t
      .http()
      .post(`/api/admin/tags/${tagId}/members`)
      .set('authorization', ops)
      .send({ memberIds: [memberId] })
      .expect(200);
    await t.app.get(MemberFactService).refreshAll();
    groupId = (
      await t
        .http()
        .post('/api/admin/community/groups')
        .set('authorization', ops)
        .send({
          type: 'koc',
          name: 'KOC 新品体验官',
          description: '新品抢先试用，分享心得赢好礼',
          capacity: 200,
          criteria: { kind: 'group', match: 'all', conditions: [{ kind: 'tag', op: 'hasAny', tagIds: [tagId] }] },
          welcomeText: '欢迎加入体验官群，每周三新品试用名额在群内发布～',
        })
        .expect(201)
    ).body.id;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('ops fill the code pool; the member sees the invitation, takes a code and joins; the funnel moves', async () => {
    const admin = await (await desktopContext(browser)).newPage();
    const errors = collectErrors(admin);
    await admin.goto(`${t.baseUrl}/admin/login`);
    await admin.fill('#username', 'ops-cm-ui');
    await admin.fill('#password', 'ops-cm-ui-pass');
    await admin.click('[data-testid=login-submit]');
    await admin.waitForSelector('[data-testid=dashboard]');
    await admin.getByRole('menuitem', { name: '会员' }).click();
    await admin.getByRole('link', { name: '社群运营' }).click();
    await admin.waitForURL(/\/admin\/community$/);
    const row = admin.locator('tbody tr', { hasText: 'KOC 新品体验官' });
    await row.waitFor();
    // An empty pool is flagged at once.
    await admin.getByTestId('community-warnings').getByText('没有可用的群码').waitFor();

    // The editor shows the criteria and the live eligible count (one tagged member).
    await row.getByText('编辑', { exact: true }).click();
    await admin.getByTestId('group-eligible-count').getByText('1').waitFor();
    await screenshot(admin, 'admin-community-editor');
    await admin.locator('.ant-drawer-close').click();

    // Upload a group QR (a real QR image) into the pool with a 7-day expiry.
    await row.getByText('群码与漏斗').click();
    const drawer = admin.locator('.ant-drawer-content', { hasText: '群码池' });
    await drawer.waitFor();
    const qrPng = Buffer.from(await (await fetch(`${t.baseUrl}/__wechat/wecom/sim/qr/demo-group.png`)).arrayBuffer());
    await drawer.locator('input[type=file]').setInputFiles({ name: 'group-qr.png', mimeType: 'image/png', buffer: qrPng });
    await drawer.getByTestId('image-preview').waitFor();
    await drawer.getByTestId('code-add').click();
    await admin.getByText('群码已加入').waitFor();
    await drawer.locator('tbody tr', { hasText: '0 / 200' }).waitFor();
    await drawer.getByText(/剩 [67] 天/).waitFor();
    expect(await drawer.getByTestId('funnel-joined').textContent()).toBe('0');
    await admin.locator('.ant-drawer-close').click();
    await admin.getByText('立即评估邀请').click();
    await admin.getByText('已评估全部会员').waitFor();

    // The member: an invitation card at home, the invitation, a valid code with the H5 fallback text, then 我已入群.
    const phone = await phoneContext(browser);
    await phone.addInitScript((user) => localStorage.setItem('mall.devUser', user), MEMBER);
    const h5 = await phone.newPage();
    const h5Errors = collectErrors(h5);
    await h5.goto(`${t.baseUrl}/h5/#/pages/index/index`);
    const card = h5.getByTestId('community-invite-card');
    await card.getByText('邀请你加入「KOC 新品体验官」').waitFor();
    await screenshot(h5, 'h5-community-home-card');
    await card.click();
    await h5.waitForURL(/community\/pages\/invitation/);
    await h5.getByTestId('invitation-hero').getByText('KOC 新品体验官').waitFor();
    await h5.waitForTimeout(600); // the page slides in
    await screenshot(h5, 'h5-community-invitation');
    await h5.getByTestId('get-code').click();
    const code = h5.getByTestId('group-code');
    await code.waitFor();
    await code.getByTestId('h5-fallback').waitFor();
    await code.getByText(/二维码有效期还剩 [67] 天/).waitFor();
    const src = await code.locator('img').getAttribute('src');
    expect(src).toMatch(/\/uploads\/group_qr\//);
    const image = await fetch(src!.startsWith('http') ? src! : `${t.baseUrl}${src}`);
    expect(image.status).toBe(200);
    await h5.waitForFunction(() => {
      const img = document.querySelector('[data-testid=group-code] img') as HTMLImageElement | null;
      return Boolean(img && img.complete && img.naturalWidth > 0);
    });
    await screenshot(h5, 'h5-community-code');
    await h5.getByTestId('confirm-joined').click();
    await h5.getByText(/你已在群里/).waitFor();
    await screenshot(h5, 'h5-community-joined');
    const invitation = await ds.getRepository(CommunityInvitation).findOneByOrFail({ groupId, memberId });
    expect(invitation).toMatchObject({ joinedVia: 'member' });
    expect(invitation.codeShownAt).not.toBeNull();

    // 我的社群 lists it under the joined groups.
    await h5.goto(`${t.baseUrl}/h5/#/subpackages/community/pages/groups/index`);
    await h5.getByText('我加入的社群').waitFor();
    await h5.waitForTimeout(600);
    await screenshot(h5, 'h5-community-my-groups');
    expect(h5Errors).toEqual([]);
    await phone.close();

    // Ops: the funnel moved (invited, viewed, code shown, joined).
    await admin.reload();
    await admin.locator('tbody tr', { hasText: 'KOC 新品体验官' }).getByText('群码与漏斗').click();
    const after = admin.locator('.ant-drawer-content', { hasText: '群码池' });
    await after.getByTestId('funnel-joined').getByText('1').waitFor();
    expect(await after.getByTestId('funnel-codeShown').textContent()).toBe('1');
    expect(await after.getByTestId('funnel-invited').textContent()).toBe('1');
    await after.locator('tbody tr', { hasText: '1 / 200' }).waitFor();
    await admin.waitForTimeout(800); // the chart animates in
    await screenshot(admin, 'admin-community-funnel');
    expect(errors).toEqual([]);
  });
});
