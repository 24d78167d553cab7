import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { addMonths } from '@mall/shared';
import { MemberQrService, QR_TTL_SECONDS } from '@mall/server/member/member-qr.service';
import { DemoSeeder } from '@mall/server/seed/demo-seeder';
import { GrowthService } from '@mall/server/tier/growth.service';
import { BenefitGrantService } from '@mall/server/tier/benefit-grant.service';
import { MemberTier } from '@mall/server/tier/member-tier.entity';
import { Tier } from '@mall/server/tier/tier.entity';
import { Benefit } from '@mall/server/benefit/benefit.entity';
import { CouponTemplate } from '@mall/server/coupon/coupon-template.entity';
import { startTestApp, TestApp } from '../helpers/test-app';

describe('tiers, growth, benefits and the member card', () => {
  let t: TestApp;
  let ds: DataSource;
  let growth: GrowthService;
  let ops: string;
  let tiers: Tier[];

  beforeAll(async () => {
    t = await startTestApp();
    ds = t.app.get<DataSource>(getDataSourceToken());
    growth = t.app.get(GrowthService);
    await t.app.get(DemoSeeder).seed();
    // This suite configures its own benefits: switch off the demo ones.
    await ds.createQueryBuilder().update(Benefit).set({ enabled: false }).where('id > 0').execute();
    tiers = await ds.getRepository(Tier).find({ order: { level: 'ASC' } });
    await t.createAccount({ username: 'ops-tier', password: 'ops-tier-pass', displayName: '运营', role: 'ops' });
    ops = `Bearer ${(await t.loginAccount('ops-tier', 'ops-tier-pass')).accessToken}`;
  });
  afterAll(() => t?.close());

  async function member(name: string) {
    const login = await t.loginMember(name);
    return { id: login.member.id, auth: `Bearer ${login.accessToken}` };
  }

  const earn = (memberId: number, delta: number, ref: string, now = new Date()) =>
    ds.transaction((m) =>
      growth.earn(m, { memberId, delta, kind: delta > 0 ? 'spend' : 'refund', refType: 'order', refId: ref, idempotencyKey: `growth:${memberId}:${ref}` }, now),
    );

  it('configures benefits on tiers (versioned, audited) and shows them on the card with their source', async () => {
    const gold = tiers.find((x) => x.level === 2)!;
    const discount = await t
      .http()
      .post('/api/admin/benefits')
      .set('authorization', ops)
      .send({ name: '金卡折扣', spec: { type: 'member_discount', priceBps: 9000 } })
      .expect(201);
    const points = await t
      .http()
      .post('/api/admin/benefits')
      .set('authorization', ops)
      .send({ name: '积分加倍', spec: { type: 'points_multiplier', multiplierPct: 150 } })
      .expect(201);
    const bad = await t
      .http()
      .post('/api/admin/benefits')
      .set('authorization', ops)
      .send({ name: '坏的', spec: { type: 'member_discount', priceBps: 12000 } })
      .expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    for (const benefitId of [discount.body.id, points.body.id]) {
      await t.http().post('/api/admin/benefit-attachments').set('authorization', ops).send({ sourceType: 'tier', sourceId: gold.id, benefitId }).expect(204);
    }
    const matrix = (await t.http().get('/api/admin/benefit-matrix').set('authorization', ops).expect(200)).body;
    expect(matrix.cells).toEqual(expect.arrayContaining([{ benefitId: discount.body.id, sourceType: 'tier', sourceId: gold.id }]));

    const m = await member('card-gold');
    const before = (await t.http().get('/api/members/me/card').set('authorization', m.auth).expect(200)).body;
    expect(before).toMatchObject({ tier: { level: 0, name: '普通会员' }, growth: 0, next: { level: 1, needed: 500 }, progressPercent: 0, benefits: [] });

    await earn(m.id, 2100, 'o1');
    const card = (await t.http().get('/api/members/me/card').set('authorization', m.auth).expect(200)).body;
    expect(card).toMatchObject({ tier: { level: 2, name: '金卡会员' }, growth: 2100, next: { level: 3, needed: 5900 } });
    expect(card.benefits).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ text: '全场9折', sources: [{ type: 'tier', id: gold.id, name: '金卡会员' }] }),
        expect.objectContaining({ text: '积分1.5倍' }),
      ]),
    );
    // A new version effective later does not change what the member gets now.
    await t
      .http()
      .post(`/api/admin/benefits/${discount.body.id}/versions`)
      .set('authorization', ops)
      .send({ spec: { type: 'member_discount', priceBps: 8500 }, effectiveFrom: new Date(Date.now() + 86_400_000).toISOString() })
      .expect(201);
    const still = (await t.http().get('/api/members/me/card').set('authorization', m.auth).expect(200)).body;
    expect(still.benefits.map((b: { text: string }) => b.text)).toContain('全场9折');
    const preview = (await t.http().get(`/api/admin/members/${m.id}/card`).set('authorization', ops).expect(200)).body;
    expect(preview.tier.level).toBe(2);
    const history = (await t.http().get('/api/members/me/tier-history').set('authorization', m.auth).expect(200)).body;
    expect(history.items[0]).toMatchObject({ fromName: '普通会员', toName: '金卡会员', kind: 'upgrade' });
  });

  it('a refund that drops trailing growth does not downgrade before evaluation; evaluation does, once under concurrent runs', async () => {
    const m = await member('card-refund');
    const reachedAt = new Date();
    await earn(m.id, 600, 'r1', reachedAt);
    expect((await ds.getRepository(MemberTier).findOneByOrFail({ memberId: m.id })).level).toBe(1);
    await earn(m.id, -600, 'r1-refund');
    await growth.evaluateDue(new Date());
    expect((await ds.getRepository(MemberTier).findOneByOrFail({ memberId: m.id })).level).toBe(1);

    const due = addMonths(reachedAt, 12);
    const [a, b] = await Promise.all([growth.evaluateDue(due), growth.evaluateDue(due)]);
    expect(a.downgraded + b.downgraded).toBeGreaterThanOrEqual(1);
    expect((await ds.getRepository(MemberTier).findOneByOrFail({ memberId: m.id })).level).toBe(0);
    const history = (await t.http().get('/api/members/me/tier-history').set('authorization', m.auth).expect(200)).body.items;
    expect(history.map((h: { kind: string }) => h.kind)).toEqual(['downgrade', 'upgrade']);
  });

  it('growth is recorded once per idempotency key', async () => {
    const m = await member('card-once');
    await Promise.all(Array.from({ length: 5 }, () => earn(m.id, 300, 'same-order')));
    expect((await t.http().get('/api/members/me/card').set('authorization', m.auth).expect(200)).body.growth).toBe(300);
  });

  it('warns above four tiers and refuses an inconsistent tier table', async () => {
    const created = await t
      .http()
      .post('/api/admin/tiers')
      .set('authorization', ops)
      .send({ level: 4, name: '至尊', growthThreshold: 20000, color: '#6B2E9E' })
      .expect(201);
    expect(created.body.warnings).toEqual([expect.stringContaining('建议不超过 4 个等级')]);
    const broken = await t.http().post('/api/admin/tiers').set('authorization', ops).send({ level: 5, name: '倒挂', growthThreshold: 100 }).expect(422);
    expect(broken.body.code).toBe('TIER_CONFIG_INVALID');
    expect(await ds.getRepository(Tier).countBy({ level: 5 })).toBe(0);
    const member1 = await member('card-nosy');
    await t.http().get('/api/admin/tiers').set('authorization', member1.auth).expect(403);
  });

  it('periodic grants: birthday and upgrade gifts are issued once per member and period, under concurrent runs', async () => {
    const base = tiers.find((x) => x.level === 0)!;
    const silver = tiers.find((x) => x.level === 1)!;
    const birthday = (
      await t
        .http()
        .post('/api/admin/benefits')
        .set('authorization', ops)
        .send({ name: '生日礼', spec: { type: 'birthday_gift', points: 88 } })
        .expect(201)
    ).body;
    const upgrade = (
      await t
        .http()
        .post('/api/admin/benefits')
        .set('authorization', ops)
        .send({ name: '升级礼', spec: { type: 'upgrade_gift', points: 200 } })
        .expect(201)
    ).body;
    await t
      .http()
      .post('/api/admin/benefit-attachments')
      .set('authorization', ops)
      .send({ sourceType: 'tier', sourceId: base.id, benefitId: birthday.id })
      .expect(204);
    await t
      .http()
      .post('/api/admin/benefit-attachments')
      .set('authorization', ops)
      .send({ sourceType: 'tier', sourceId: silver.id, benefitId: upgrade.id })
      .expect(204);

    const m = await member('card-gifts');
    const thisMonth = new Date(Date.now() + 8 * 3600_000).toISOString().slice(5, 7);
    await t
      .http()
      .patch('/api/members/me')
      .set('authorization', m.auth)
      .send({ birthday: `1995-${thisMonth}-01` })
      .expect(200);
    const again = await t.http().patch('/api/members/me').set('authorization', m.auth).send({ birthday: '1990-01-01' }).expect(409);
    expect(again.body.code).toBe('CONFLICT');
    await earn(m.id, 650, 'gift-order');

    const grants = t.app.get(BenefitGrantService);
    await Promise.all([grants.run(), grants.run(), grants.run()]);
    await grants.run();
    const points = (await t.http().get('/api/points').set('authorization', m.auth).expect(200)).body;
    // Upgraded to silver: the silver upgrade gift (200); the birthday gift belongs to the base tier the member left.
    expect(points.balance).toBe(200);
    const entries = (await t.http().get('/api/points/entries').set('authorization', m.auth).expect(200)).body.items;
    expect(entries.map((e: { title: string }) => e.title)).toEqual(['升级礼积分']);

    const newcomer = await member('card-birthday');
    await t
      .http()
      .patch('/api/members/me')
      .set('authorization', newcomer.auth)
      .send({ birthday: `2000-${thisMonth}-15` })
      .expect(200);
    await Promise.all([grants.run(), grants.run()]);
    await grants.run();
    expect((await t.http().get('/api/points').set('authorization', newcomer.auth).expect(200)).body.balance).toBe(88);
  });

  it('monthly coupon packs go to the members of the tier once a month, under concurrent runs', async () => {
    const gold = tiers.find((x) => x.level === 2)!;
    const template = await ds
      .getRepository(CouponTemplate)
      .save(
        ds
          .getRepository(CouponTemplate)
          .create({ name: '金卡月度券', kind: 'fixed', amountFen: 1000, thresholdFen: 5000, validDays: 31, claimable: false, enabled: true }),
      );
    const pack = (
      await t
        .http()
        .post('/api/admin/benefits')
        .set('authorization', ops)
        .send({ name: '金卡月度券包', spec: { type: 'monthly_coupon_pack', couponTemplateIds: [template.id, template.id] } })
        .expect(201)
    ).body;
    await t
      .http()
      .post('/api/admin/benefit-attachments')
      .set('authorization', ops)
      .send({ sourceType: 'tier', sourceId: gold.id, benefitId: pack.id })
      .expect(204);
    const goldMember = await member('card-monthly-gold');
    const plain = await member('card-monthly-plain');
    await earn(goldMember.id, 2500, 'monthly-order');
    const grants = t.app.get(BenefitGrantService);
    await Promise.all([grants.run(), grants.run()]);
    await grants.run();
    const mine = (await t.http().get('/api/coupons/mine').set('authorization', goldMember.auth).expect(200)).body.items.filter(
      (c: { name: string }) => c.name === '金卡月度券',
    );
    expect(mine).toHaveLength(2);
    const theirs = (await t.http().get('/api/coupons/mine').set('authorization', plain.auth).expect(200)).body.items;
    expect(theirs).toHaveLength(0);
    const nextMonth = new Date(Date.now() + 32 * 86_400_000);
    await grants.run(nextMonth);
    expect(
      (await t.http().get('/api/coupons/mine').set('authorization', goldMember.auth).expect(200)).body.items.filter(
        (c: { name: string }) => c.name === '金卡月度券',
      ),
    ).toHaveLength(4);
  });

  describe('dynamic member QR', () => {
    it('issues a short-lived token that works once; an expired, reused or tampered token is refused', async () => {
      const m = await member('card-qr');
      const qr = (await t.http().get('/api/members/me/qr').set('authorization', m.auth).expect(200)).body;
      expect(qr.ttlSeconds).toBe(QR_TTL_SECONDS);
      const service = t.app.get(MemberQrService);

      const [prefix, body, mac] = qr.token.split('.');
      const tamperedBody = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), m: m.id + 1 })).toString('base64url');
      await expect(service.consume(`${prefix}.${tamperedBody}.${mac}`, null)).rejects.toMatchObject({ code: 'QR_TOKEN_INVALID' });
      await expect(service.consume(`${prefix}.${body}.${mac.slice(0, -2)}xx`, null)).rejects.toMatchObject({ code: 'QR_TOKEN_INVALID' });
      await expect(service.consume('garbage', null)).rejects.toMatchObject({ code: 'QR_TOKEN_INVALID' });
      await expect(service.consume(qr.token, null, Date.now() + (QR_TTL_SECONDS + 1) * 1000)).rejects.toMatchObject({ code: 'QR_TOKEN_EXPIRED' });

      const results = await Promise.allSettled([service.consume(qr.token, null), service.consume(qr.token, null)]);
      expect(results.filter((r) => r.status === 'fulfilled').map((r) => (r as PromiseFulfilledResult<number>).value)).toEqual([m.id]);
      await expect(service.consume(qr.token, null)).rejects.toMatchObject({ code: 'QR_TOKEN_USED' });
    });
  });
});
