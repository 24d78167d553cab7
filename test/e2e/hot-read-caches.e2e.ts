import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Benefit } from '@mall/server/benefit/benefit.entity';
import { Sku } from '@mall/server/catalog/sku.entity';
import { DemoSeeder } from '@mall/server/seed/demo-seeder';
import { startTestApp, type TestApp } from '../helpers/test-app';

/**
 * The hot reads are served from memory (pre-serialized product pages and listing, cached plans and campaign
 * sources); every admin write that changes what they show must be visible on the very next request.
 */
describe('cached hot reads: ETags, and admin writes visible at once', () => {
  let t: TestApp;
  let ds: DataSource;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    ds = t.app.get<DataSource>(getDataSourceToken());
    await t.app.get(DemoSeeder).seed();
    admin = `Bearer ${(await t.loginAccount('admin')).accessToken}`;
  });
  afterAll(() => t?.close());

  it('product list and page carry an ETag, answer 304 to it, and change after an admin catalog write', async () => {
    const list = await t.http().get('/api/catalog/products').expect(200);
    expect(list.headers.etag).toMatch(/^"[\w-]+"$/);
    expect(list.headers['content-type']).toMatch(/^application\/json/);
    expect(list.body.items.length).toBeGreaterThan(0);
    await t.http().get('/api/catalog/products').set('if-none-match', list.headers.etag).expect(304);

    const product = list.body.items[0] as { id: number; name: string };
    const page = await t.http().get(`/api/catalog/products/${product.id}`).expect(200);
    expect(page.body).toMatchObject({ id: product.id, name: product.name });
    expect(page.body.skus.length).toBeGreaterThan(0);
    await t.http().get(`/api/catalog/products/${product.id}`).set('if-none-match', `W/${page.headers.etag}`).expect(304);
    await t.http().get('/api/catalog/products/999999').expect(404);

    await t.http().patch(`/api/admin/products/${product.id}`).set('authorization', admin).send({ name: '改名后的商品' }).expect(200);
    const after = await t.http().get(`/api/catalog/products/${product.id}`).set('if-none-match', page.headers.etag).expect(200);
    expect(after.body.name).toBe('改名后的商品');
    expect(after.headers.etag).not.toBe(page.headers.etag);
    const listed = (await t.http().get('/api/catalog/products').set('if-none-match', list.headers.etag).expect(200)).body.items;
    expect(listed.find((p: { id: number }) => p.id === product.id).name).toBe('改名后的商品');
  });

  it('a plan benefit switched off changes the SVIP price on the product page at once', async () => {
    const tea = await ds.getRepository(Sku).findOneByOrFail({ priceFen: 16800 });
    const page = async () => (await t.http().get(`/api/catalog/products/${tea.productId}`).expect(200)).body.skus.find((s: { id: number }) => s.id === tea.id);
    expect(await page()).toMatchObject({ svipPriceFen: 14784 }); // SVIP 8.8 折 of 168 beats the member price 148
    const discount = await ds.getRepository(Benefit).findOneByOrFail({ name: 'SVIP 全场 8.8 折' });
    await t.http().patch(`/api/admin/benefits/${discount.id}`).set('authorization', admin).send({ enabled: false }).expect(204);
    expect((await page()).svipPriceFen).toBeNull();
    await t.http().patch(`/api/admin/benefits/${discount.id}`).set('authorization', admin).send({ enabled: true }).expect(204);
    expect(await page()).toMatchObject({ svipPriceFen: 14784 });
  });

  it('paid-membership plans: a created, renamed or disabled plan shows on the next read', async () => {
    const member = await t.loginMember('cache-plans');
    const auth = `Bearer ${member.accessToken}`;
    const planNames = async () =>
      ((await t.http().get('/api/membership').set('authorization', auth).expect(200)).body.plans as { name: string }[]).map((p) => p.name);
    const sources = async () =>
      ((await t.http().get('/api/admin/benefit-matrix').set('authorization', admin).expect(200)).body.sources as { type: string; name: string }[])
        .filter((s) => s.type === 'plan')
        .map((s) => s.name);
    const before = await planNames();
    expect(before).toContain('SVIP 月卡');
    await sources(); // both caches warm

    const created = (
      await t
        .http()
        .post('/api/admin/membership/plans')
        .set('authorization', admin)
        .send({ name: 'SVIP 周卡', periodUnit: 'month', priceFen: 500, strikePriceFen: 900, refundDays: 0, tagline: '试用', sortOrder: 9, enabled: true })
        .expect(201)
    ).body;
    expect(await planNames()).toContain('SVIP 周卡');
    expect(await sources()).toContain('SVIP 周卡');

    await t.http().patch(`/api/admin/membership/plans/${created.id}`).set('authorization', admin).send({ name: 'SVIP 体验卡' }).expect(200);
    expect(await planNames()).toContain('SVIP 体验卡');
    expect(await sources()).toContain('SVIP 体验卡');

    await t.http().patch(`/api/admin/membership/plans/${created.id}`).set('authorization', admin).send({ enabled: false }).expect(200);
    expect(await planNames()).toEqual(before);
  });

  it('a campaign that grants benefits joins the benefit sources at once, and a rename shows at once', async () => {
    const sources = async () =>
      ((await t.http().get('/api/admin/benefit-matrix').set('authorization', admin).expect(200)).body.sources as { type: string; name: string }[])
        .filter((s) => s.type === 'campaign')
        .map((s) => s.name);
    expect(await sources()).not.toContain('会员日权益');
    const definition = (name: string) => ({
      name,
      segmentId: null,
      schedule: { kind: 'trigger', trigger: { kind: 'date', monthDay: '01-01' } },
      actions: [{ type: 'benefit', days: 7 }],
      controlPercent: 0,
      attributionDays: 7,
      throttlePerMinute: 5,
    });
    const created = (await t.http().post('/api/admin/campaigns').set('authorization', admin).send(definition('会员日权益')).expect(201)).body;
    expect(await sources()).toContain('会员日权益');
    await t.http().put(`/api/admin/campaigns/${created.id}`).set('authorization', admin).send(definition('会员周权益')).expect(200);
    const after = await sources();
    expect(after).toContain('会员周权益');
    expect(after).not.toContain('会员日权益');
  });
});
