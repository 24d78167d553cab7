import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Account } from '@mall/server/account/account.entity';
import { CouponTemplate } from '@mall/server/coupon/coupon-template.entity';
import { CouponService } from '@mall/server/coupon/coupon.service';
import { PointsLedgerService } from '@mall/server/points/points-ledger.service';
import { PointsMallItem } from '@mall/server/points/points-mall.entity';
import { DemoSeeder } from '@mall/server/seed/demo-seeder';
import { BindingService } from '@mall/server/store/binding.service';
import { simulatedOpenid } from '@mall/server/wechat/simulator/simulator-state';
import { DEMO_STAFF_SIM_USER } from '@mall/shared';
import { startTestApp, TestApp } from '../helpers/test-app';

/** Every page of a cursor-paged list, following nextCursor until it is null. */
async function allPages<T>(get: (cursor: string | null) => Promise<{ items: T[]; nextCursor: string | null }>): Promise<{ pages: T[][]; items: T[] }> {
  const pages: T[][] = [];
  let cursor: string | null = null;
  do {
    const page = await get(cursor);
    pages.push(page.items);
    cursor = page.nextCursor;
  } while (cursor !== null && pages.length < 50);
  return { pages, items: pages.flat() };
}

describe('member lists: coupon centre states, paged coupons, points mall and staff members, ledger wording, the demo staff WeChat', () => {
  let t: TestApp;
  let ds: DataSource;

  beforeAll(async () => {
    t = await startTestApp();
    ds = t.app.get<DataSource>(getDataSourceToken());
    await t.app.get(DemoSeeder).seed();
  });
  afterAll(() => t?.close());

  async function member(name: string) {
    const login = await t.loginMember(name);
    return { id: login.member.id, auth: `Bearer ${login.accessToken}` };
  }

  it('coupon centre: one claim of a thousand reads 1%, the limit turns it 已领取, none left turns it 已抢光', async () => {
    const templates = ds.getRepository(CouponTemplate);
    const limited = await templates.save(
      templates.create({
        name: '千张限量',
        kind: 'fixed',
        amountFen: 500,
        thresholdFen: 0,
        validDays: 7,
        perMemberLimit: 1,
        totalQuantity: 1000,
        claimable: true,
        enabled: true,
      }),
    );
    const last = await templates.save(
      templates.create({
        name: '最后两张',
        kind: 'fixed',
        amountFen: 500,
        thresholdFen: 0,
        validDays: 7,
        perMemberLimit: 5,
        totalQuantity: 2,
        claimable: true,
        enabled: true,
      }),
    );
    const a = await member('lists-centre-a');
    const b = await member('lists-centre-b');
    const centre = async (auth: string) => (await t.http().get('/api/coupons/centre').set('authorization', auth).expect(200)).body.items;
    const row = (items: { templateId: number }[], id: number) => items.find((i) => i.templateId === id);

    expect(row(await centre(a.auth), limited.id)).toMatchObject({ claimedPercent: 0, claimState: 'claimable', canClaim: true, claimedByMe: 0 });
    await t.http().post('/api/coupons/claim').set('authorization', a.auth).set('idempotency-key', 'lists-a-1').send({ templateId: limited.id }).expect(201);
    expect(row(await centre(a.auth), limited.id)).toMatchObject({ claimedPercent: 1, remaining: 999, claimState: 'claimed', canClaim: false, claimedByMe: 1 });
    expect(row(await centre(b.auth), limited.id)).toMatchObject({ claimedPercent: 1, claimState: 'claimable', claimedByMe: 0 });

    await t.http().post('/api/coupons/claim').set('authorization', a.auth).set('idempotency-key', 'lists-a-2').send({ templateId: last.id }).expect(201);
    expect(row(await centre(a.auth), last.id)).toMatchObject({ claimedPercent: 50, claimState: 'claimable', claimedByMe: 1 });
    await t.http().post('/api/coupons/claim').set('authorization', b.auth).set('idempotency-key', 'lists-b-1').send({ templateId: last.id }).expect(201);
    expect(row(await centre(a.auth), last.id)).toMatchObject({ claimedPercent: 100, remaining: 0, claimState: 'sold_out', canClaim: false, claimedByMe: 1 });
    await t.http().post('/api/coupons/claim').set('authorization', a.auth).set('idempotency-key', 'lists-a-3').send({ templateId: last.id }).expect(422);
  });

  it('my coupons come a page at a time, newest first, each once; 我的 counts the usable ones', async () => {
    const m = await member('lists-coupons');
    const template = await ds
      .getRepository(CouponTemplate)
      .save(ds.getRepository(CouponTemplate).create({ name: '分页券', kind: 'fixed', amountFen: 100, thresholdFen: 0, validDays: 7, enabled: true }));
    const coupons = t.app.get(CouponService);
    const issued: number[] = [];
    for (let i = 0; i < 7; i++) issued.push((await ds.transaction((mgr) => coupons.issue(mgr, m.id, template.id, 'test', `lists-page-${i}`)))!.id);

    const { pages, items } = await allPages<{ id: number }>(
      async (cursor) =>
        (
          await t
            .http()
            .get(`/api/coupons/mine?limit=3${cursor ? `&cursor=${cursor}` : ''}`)
            .set('authorization', m.auth)
            .expect(200)
        ).body,
    );
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(items.map((c) => c.id)).toEqual([...issued].reverse());
    expect((await t.http().get('/api/coupons/counts').set('authorization', m.auth).expect(200)).body).toEqual({ available: 7, total: 7 });
    // Another member's list shares nothing with this one, whatever cursor they send.
    const other = await member('lists-coupons-other');
    expect(
      (
        await t
          .http()
          .get(`/api/coupons/mine?cursor=${issued[6] + 1}`)
          .set('authorization', other.auth)
          .expect(200)
      ).body,
    ).toEqual({ items: [], nextCursor: null });
    await t.http().get('/api/coupons/mine?cursor=abc').set('authorization', m.auth).expect(400);
    await t.http().get('/api/coupons/mine?limit=0').set('authorization', m.auth).expect(400);
  });

  it('the points mall pages its gifts in display order, each once', async () => {
    const repo = ds.getRepository(PointsMallItem);
    for (let i = 0; i < 5; i++) await repo.save(repo.create({ name: `分页礼品 ${i}`, pricePoints: 10 + i, stock: 10, sortOrder: 10 - i, enabled: true }));
    await repo.save(repo.create({ name: '已下架礼品', pricePoints: 10, stock: 10, sortOrder: 0, enabled: false }));
    const m = await member('lists-mall');
    const expected = (await repo.find({ where: { enabled: true }, order: { sortOrder: 'ASC', id: 'ASC' } })).map((i) => i.id);
    const { pages, items } = await allPages<{ id: number; name: string }>(
      async (cursor) =>
        (
          await t
            .http()
            .get(`/api/points/mall?limit=4${cursor ? `&cursor=${cursor}` : ''}`)
            .set('authorization', m.auth)
            .expect(200)
        ).body,
    );
    expect(pages.every((p) => p.length <= 4)).toBe(true);
    expect(items.map((i) => i.id)).toEqual(expected);
    expect(items.map((i) => i.name)).not.toContain('已下架礼品');
  });

  it('ledger lines say why points moved, never an order number', async () => {
    const m = await member('lists-ledger');
    const ledger = t.app.get(PointsLedgerService);
    await ds.transaction((mgr) =>
      ledger.earn(mgr, {
        memberId: m.id,
        points: 900,
        source: 'order',
        refType: 'order',
        refId: '1',
        idempotencyKey: 'lists-earn',
        note: '订单 O261126193012345678901234 获得',
      }),
    );
    await ds.transaction((mgr) =>
      ledger.spend(mgr, {
        memberId: m.id,
        points: 100,
        refType: 'order',
        refId: '2',
        idempotencyKey: 'lists-spend',
        note: '订单 O261126193012345678909999 抵扣',
      }),
    );
    const gift = await ds.getRepository(PointsMallItem).findOneByOrFail({ name: '陶瓷马克杯' });
    await t.http().post(`/api/points/mall/${gift.id}/redeem`).set('authorization', m.auth).set('idempotency-key', 'lists-redeem').expect(201);

    const titles = (await t.http().get('/api/points/entries').set('authorization', m.auth).expect(200)).body.items.map((e: { title: string }) => e.title);
    expect(titles).toEqual(['兑换「陶瓷马克杯」', '订单消费抵扣', '下单赠送']);
  });

  it('staff see their members a page at a time with the total; a guide never sees another guide’s', async () => {
    const [staff1, staff2] = await Promise.all(['staff1', 'staff2'].map((username) => ds.getRepository(Account).findOneByOrFail({ username })));
    const bindings = t.app.get(BindingService);
    const mine: number[] = [];
    for (let i = 0; i < 5; i++) {
      const m = await member(`lists-bound-${i}`);
      await bindings.bind(m.id, staff1.storeId!, staff1.id, 'scan');
      mine.push(m.id);
    }
    const theirs = await member('lists-bound-other');
    await bindings.bind(theirs.id, staff2.storeId!, staff2.id, 'scan');

    const auth = `Bearer ${(await t.loginAccount('staff1', 'staff12345')).accessToken}`;
    const { pages, items } = await allPages<{ memberId: number }>(async (cursor) => {
      const body = (
        await t
          .http()
          .get(`/api/staff/members?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
          .set('authorization', auth)
          .expect(200)
      ).body;
      expect(body.total).toBe(5);
      return body;
    });
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(items.map((r) => r.memberId).sort((x, y) => x - y)).toEqual(mine);
    await t.http().get('/api/staff/members?cursor=-1').set('authorization', auth).expect(400);
  });

  it('in simulator mode the demo links staff1 to the 店员 demo WeChat, once, so it logs in to the workbench', async () => {
    const staff1 = await ds.getRepository(Account).findOneByOrFail({ username: 'staff1' });
    expect(staff1.openid).toBe(simulatedOpenid(t.config.wechat.appId, DEMO_STAFF_SIM_USER));
    const session = (
      await t
        .http()
        .post('/api/staff/auth/login')
        .send({ code: `${DEMO_STAFF_SIM_USER}:lists` })
        .expect(200)
    ).body;
    expect(session.account).toMatchObject({ id: staff1.id, role: 'staff' });
    // Seeding again (every `pnpm start`) leaves the link as it is.
    await t.app.get(DemoSeeder).seed();
    expect((await ds.getRepository(Account).findOneByOrFail({ username: 'staff1' })).openid).toBe(staff1.openid);
  });
});
