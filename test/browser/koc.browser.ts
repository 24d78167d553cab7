import type { Browser } from 'playwright-core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DAY_MS } from '@mall/shared';
import { Sku } from '@mall/server/catalog/sku.entity';
import { OutboxService } from '@mall/server/common/outbox/outbox.service';
import { KocReward } from '@mall/server/koc/koc.entity';
import { KocReferralService } from '@mall/server/koc/koc-referral.service';
import { DemoSeeder } from '@mall/server/seed/demo-seeder';
import { WalletLedgerService } from '@mall/server/wallet/wallet-ledger.service';
import { collectErrors, desktopContext, launchBrowser, phoneContext, screenshot } from '../helpers/browser';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { waitFor } from '../helpers/wechat-pay';

describe('browser: a KOC sees their centre (poster, invitees, rewards, leaderboard); ops see the leaderboard', () => {
  let t: TestApp;
  let ds: DataSource;
  let browser: Browser;
  const KOC = 'koc-ui-star';
  let codeSeq = 0;
  let starId = 0;
  let ops = '';

  beforeAll(async () => {
    t = await startTestApp({ WECHAT_SIM_NOTIFY_TIME_SCALE: '0.001' });
    ds = t.app.get<DataSource>(getDataSourceToken());
    await t.app.get(DemoSeeder).seed();
    await t.createAccount({ username: 'ops-koc-ui', password: 'ops-koc-ui-pass', displayName: '运营小林', role: 'ops' });
    ops = `Bearer ${(await t.loginAccount('ops-koc-ui', 'ops-koc-ui-pass')).accessToken}`;
    const sku = (await ds.getRepository(Sku).find({ order: { id: 'ASC' } }))[0];
    const programmeId = (
      await t
        .http()
        .post('/api/admin/koc/programmes')
        .set('authorization', ops)
        .send({
          name: '好物推荐官',
          enabled: true,
          criteria: null,
          rewardKind: 'commission',
          rewardPoints: 0,
          rewardCouponTemplateId: null,
          commissionBps: 1000,
          commissionDays: 30,
          refundWindowDays: 7,
          welcomeCouponTemplateId: null,
        })
        .expect(201)
    ).body.id;
    const login = async (user: string, scene?: string) => {
      codeSeq += 1;
      const body = (
        await t
          .http()
          .post('/api/auth/wechat/login')
          .send({ code: `${user}:b${codeSeq}`, ...(scene ? { scene } : {}) })
          .expect(200)
      ).body;
      return { id: body.member.id as number, auth: `Bearer ${body.accessToken}` };
    };
    const star = await login(KOC);
    starId = star.id;
    const other = await login('koc-ui-other');
    await t
      .http()
      .post('/api/admin/koc/members')
      .set('authorization', ops)
      .send({ programmeId, memberIds: [star.id, other.id] })
      .expect(200);
    // Three friends of the star and one of the other KOC buy; two of the star's orders are credited, one still waits.
    const friends = [
      ...(await Promise.all(['小米', '阿青', '大卫'].map((n, i) => login(`koc-ui-friend-${i}`, `r${star.id}`)))),
      await login('koc-ui-friend-x', `r${other.id}`),
    ];
    const orders: number[] = [];
    for (const f of friends) {
      await ds.transaction((x) =>
        t.app.get(WalletLedgerService).move(x, {
          memberId: f.id,
          deltaPrincipalFen: 1_000_000,
          deltaBonusFen: 0,
          kind: 'adjust',
          refType: 'test',
          refId: 'seed',
          idempotencyKey: `koc-ui-seed:${f.id}`,
        }),
      );
      const res = await t
        .http()
        .post('/api/orders')
        .set('authorization', f.auth)
        .send({ lines: [{ skuId: sku.id, quantity: 2 }], balanceToUse: 1_000_000, fulfilment: 'pickup', storeId: 1 })
        .expect(201);
      orders.push(res.body.orderId);
    }
    await waitFor(async () => {
      await t.app.get(OutboxService).dispatchDue(new Date(Date.now() + 60_000));
      return (await ds.getRepository(KocReward).count()) === friends.length;
    }, 'rewards planned');
    // Credit all but the star's last friend's order: move that one's due date beyond the run.
    await ds.getRepository(KocReward).update({ orderId: orders[2] }, { dueAt: new Date(Date.now() + 30 * DAY_MS) });
    const credited = await t.app.get(KocReferralService).creditDue(new Date(Date.now() + 8 * DAY_MS));
    expect(credited.credited).toBe(3);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the KOC centre at 390×844 shows the poster, invitees, rewards and the leaderboard', async () => {
    const phone = await phoneContext(browser);
    await phone.addInitScript((user) => localStorage.setItem('mall.devUser', user), KOC);
    const h5 = await phone.newPage();
    const errors = collectErrors(h5);
    await h5.goto(`${t.baseUrl}/h5/#/subpackages/koc/pages/centre/index`);
    await h5.getByText('好物推荐官').waitFor();
    await h5.getByText('生成海报').click();
    await h5.locator('[data-testid=koc-poster] img, img[data-testid=koc-poster]').first().waitFor();
    await h5.waitForTimeout(500);
    await screenshot(h5, 'h5-koc-centre');
    expect(await h5.locator('.koc-row').count()).toBe(3);
    await h5.getByText('推荐奖励', { exact: true }).click();
    await h5.getByText('已入账').first().waitFor();
    expect(await h5.getByText('待入账', { exact: true }).count()).toBeGreaterThanOrEqual(1);
    await screenshot(h5, 'h5-koc-rewards');
    await h5.getByText('排行榜', { exact: true }).click();
    await h5.locator('.koc-rank--1').waitFor();
    await screenshot(h5, 'h5-koc-leaderboard');
    expect(errors).toEqual([]);
  });

  it('ops see the leaderboard in the admin, the star first', async () => {
    const context = await desktopContext(browser);
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${t.baseUrl}/admin/login`);
    await page.fill('#username', 'ops-koc-ui');
    await page.fill('#password', 'ops-koc-ui-pass');
    await page.click('[data-testid=login-submit]');
    await page.waitForSelector('[data-testid=dashboard]');
    await page.goto(`${t.baseUrl}/admin/koc?tab=leaderboard`);
    await page.getByText('推荐官排行榜', { exact: true }).waitFor();
    const firstRow = page.locator('.ant-table-tbody tr.ant-table-row').first();
    await firstRow.waitFor();
    expect(await firstRow.innerText()).toContain(`#${starId}`);
    await screenshot(page, 'admin-koc-leaderboard');
    await page.getByRole('tab', { name: '推荐奖励' }).click();
    await page.locator('.ant-tag', { hasText: '待入账' }).first().waitFor();
    await screenshot(page, 'admin-koc-rewards');
    await page.getByRole('tab', { name: '推荐计划' }).click();
    await page.getByTestId('new-programme').click();
    await page.getByText('新建推荐官计划').waitFor();
    const drawer = page.locator('.ant-drawer-content');
    await drawer.locator('#name').fill('春季分佣计划');
    await drawer.getByText('订单分佣', { exact: true }).click();
    await drawer.locator('#commissionPercent').fill('8');
    await screenshot(page, 'admin-koc-programme-editor');
    await drawer.getByRole('button', { name: /确\s*定/ }).click();
    await page.locator('.ant-table-row', { hasText: '春季分佣计划' }).waitFor();
    const saved = (await t.http().get('/api/admin/koc/programmes').set('authorization', ops).expect(200)).body.items;
    expect(saved.find((p: { name: string }) => p.name === '春季分佣计划')).toMatchObject({
      rewardKind: 'commission',
      commissionBps: 800,
      commissionDays: 30,
      criteria: null,
    });
    expect(errors).toEqual([]);
  });
});
