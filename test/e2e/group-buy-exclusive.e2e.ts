import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Product } from '@mall/server/catalog/product.entity';
import { Sku } from '@mall/server/catalog/sku.entity';
import { DemoSeeder } from '@mall/server/seed/demo-seeder';
import { Tier } from '@mall/server/tier/tier.entity';
import { GrowthService } from '@mall/server/tier/growth.service';
import { startTestApp, type TestApp } from '../helpers/test-app';

describe('members-only products: the exclusive_products benefit shows and sells a product only to its holders', () => {
  let t: TestApp;
  let ds: DataSource;
  let ops: string;

  beforeAll(async () => {
    t = await startTestApp();
    ds = t.app.get<DataSource>(getDataSourceToken());
    await t.app.get(DemoSeeder).seed();
    await t.createAccount({ username: 'ops-excl', password: 'ops-excl-pass', displayName: '运营', role: 'ops' });
    ops = `Bearer ${(await t.loginAccount('ops-excl', 'ops-excl-pass')).accessToken}`;
  });
  afterAll(() => t?.close());

  it('403 for others (list hides it, by id too, and checkout), visible and buyable for holders; off again when the benefit is disabled', async () => {
    const [product] = await ds.getRepository(Product).find({ where: { status: 'on_shelf' }, order: { id: 'ASC' } });
    const sku = await ds.getRepository(Sku).findOneByOrFail({ productId: product.id });
    const gold = (await ds.getRepository(Tier).find({ order: { level: 'ASC' } })).find((x) => x.level === 2)!;
    const benefit = (
      await t
        .http()
        .post('/api/admin/benefits')
        .set('authorization', ops)
        .send({ name: '金卡专享', spec: { type: 'exclusive_products', productIds: [product.id] } })
        .expect(201)
    ).body;
    await t
      .http()
      .post('/api/admin/benefit-attachments')
      .set('authorization', ops)
      .send({ sourceType: 'tier', sourceId: gold.id, benefitId: benefit.id })
      .expect(204);

    const holderLogin = await t.loginMember('excl-holder');
    const otherLogin = await t.loginMember('excl-other');
    const holder = `Bearer ${holderLogin.accessToken}`;
    const other = `Bearer ${otherLogin.accessToken}`;
    await ds.transaction((m) =>
      t.app.get(GrowthService).earn(m, {
        memberId: holderLogin.member.id,
        delta: gold.growthThreshold,
        kind: 'spend',
        refType: 'test',
        refId: 'excl',
        idempotencyKey: `excl-growth:${holderLogin.member.id}`,
      }),
    );

    const ids = async (auth?: string) => {
      const req = t.http().get('/api/catalog/products');
      return ((await (auth ? req.set('authorization', auth) : req).expect(200)).body.items as { id: number }[]).map((p) => p.id);
    };
    expect(await ids()).not.toContain(product.id);
    expect(await ids(other)).not.toContain(product.id);
    expect(await ids(holder)).toContain(product.id);
    // A bad token on a public route is served as anonymous, never as someone.
    expect(await ids('Bearer not-a-token')).not.toContain(product.id);

    const anon = await t.http().get(`/api/catalog/products/${product.id}`).expect(403);
    expect(anon.body.code).toBe('FORBIDDEN');
    await t.http().get(`/api/catalog/products/${product.id}`).set('authorization', other).expect(403);
    expect((await t.http().get(`/api/catalog/products/${product.id}`).set('authorization', holder).expect(200)).body.id).toBe(product.id);

    const buy = (auth: string) =>
      t
        .http()
        .post('/api/orders')
        .set('authorization', auth)
        .send({ lines: [{ skuId: sku.id, quantity: 1 }], fulfilment: 'pickup', storeId: 1 });
    const refused = await buy(other).expect(403);
    expect(refused.body.code).toBe('FORBIDDEN');
    expect(Number((await ds.query('SELECT COUNT(*) AS c FROM shop_order WHERE member_id = ?', [otherLogin.member.id]))[0].c)).toBe(0);
    await buy(holder).expect(201);

    // Other products stay open to everyone.
    const [, open] = await ds.getRepository(Product).find({ where: { status: 'on_shelf' }, order: { id: 'ASC' } });
    await t.http().get(`/api/catalog/products/${open.id}`).set('authorization', other).expect(200);

    // Switched off, the product is for everyone again.
    const off = await t.http().patch(`/api/admin/benefits/${benefit.id}`).set('authorization', ops).send({ enabled: false });
    expect(off.status).toBeLessThan(300);
    expect(await ids(other)).toContain(product.id);
    await t.http().get(`/api/catalog/products/${product.id}`).expect(200);
  });
});
