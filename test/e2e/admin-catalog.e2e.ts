import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Product } from '@mall/server/catalog/product.entity';
import { DemoSeeder } from '@mall/server/seed/demo-seeder';
import { startTestApp, TestApp } from '../helpers/test-app';

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4e70000000049454e44ae426082',
  'hex',
);

describe('admin catalog: a new product is a draft with category, description and an uploaded image until ops put it on sale', () => {
  let t: TestApp;
  let ds: DataSource;
  let ops: string;
  let otherOps: string;
  let member: string;

  beforeAll(async () => {
    t = await startTestApp();
    ds = t.app.get<DataSource>(getDataSourceToken());
    await t.app.get(DemoSeeder).seed();
    await t.createAccount({ username: 'cat-ops', password: 'cat-ops-pass', displayName: '运营', role: 'ops' });
    await t.createAccount({ username: 'cat-ops2', password: 'cat-ops2-pass', displayName: '运营二', role: 'ops' });
    ops = `Bearer ${(await t.loginAccount('cat-ops', 'cat-ops-pass')).accessToken}`;
    otherOps = `Bearer ${(await t.loginAccount('cat-ops2', 'cat-ops2-pass')).accessToken}`;
    member = `Bearer ${(await t.loginMember('cat-member')).accessToken}`;
  });
  afterAll(() => t?.close());

  const listed = async () => ((await t.http().get('/api/catalog/products').expect(200)).body.items as { id: number }[]).map((p) => p.id);

  it('creates a draft members cannot see or buy, publishes it, takes it down; a draft cannot be taken down', async () => {
    const categories = (await t.http().get('/api/admin/categories').set('authorization', ops).expect(200)).body.items as { id: number; name: string }[];
    expect(categories.length).toBeGreaterThan(0);
    const upload = (await t.http().post('/api/admin/uploads').set('authorization', ops).field('purpose', 'product').attach('file', PNG, 'p.png').expect(201))
      .body;

    const created = (
      await t
        .http()
        .post('/api/admin/products')
        .set('authorization', ops)
        .send({
          name: '草稿挂耳',
          subtitle: '新品',
          categoryId: categories[0].id,
          detail: '产地：云南\n\n烘焙：中深',
          imageUploadId: upload.id,
          skus: [{ specs: '10 包', priceFen: 3900, stock: 5 }],
        })
        .expect(201)
    ).body;
    expect(created).toMatchObject({ status: 'draft', categoryId: categories[0].id, detail: '产地：云南\n\n烘焙：中深', imageUrl: upload.url, priceFen: 3900 });
    expect(await listed()).not.toContain(created.id);
    await t.http().get(`/api/catalog/products/${created.id}`).expect(404);
    const skuId = (await t.http().get('/api/admin/products').set('authorization', ops).expect(200)).body.items.find((p: { id: number }) => p.id === created.id)
      .skus[0].id;
    const buy = await t
      .http()
      .post('/api/orders')
      .set('authorization', member)
      .send({ lines: [{ skuId, quantity: 1 }], fulfilment: 'pickup', storeId: 1 })
      .expect(422);
    expect(buy.body.code).toBe('PRODUCT_UNAVAILABLE');

    const takeDownDraft = await t.http().patch(`/api/admin/products/${created.id}`).set('authorization', ops).send({ status: 'off_shelf' }).expect(409);
    expect(takeDownDraft.body).toMatchObject({ code: 'CONFLICT', message: '草稿的商品不能改为已下架' });

    await t.http().patch(`/api/admin/products/${created.id}`).set('authorization', ops).send({ status: 'on_shelf', detail: '产地：云南' }).expect(200);
    expect(await listed()).toContain(created.id);
    expect((await t.http().get(`/api/catalog/products/${created.id}`).expect(200)).body).toMatchObject({ detail: '产地：云南', imageUrl: upload.url });

    await t.http().patch(`/api/admin/products/${created.id}`).set('authorization', ops).send({ status: 'off_shelf' }).expect(200);
    expect(await listed()).not.toContain(created.id);
    expect((await ds.getRepository(Product).findOneByOrFail({ id: created.id })).status).toBe('off_shelf');
    const audit = (await t.http().get(`/api/admin/audit-logs?targetType=product&targetId=${created.id}`).set('authorization', ops).expect(200)).body.items;
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['product.update', 'product.update', 'product.create']);
  });

  it('publishes at once when asked; refuses an unknown category and an image uploaded by someone else', async () => {
    const now = (
      await t
        .http()
        .post('/api/admin/products')
        .set('authorization', ops)
        .send({ name: '立即上架', status: 'on_shelf', skus: [{ specs: '标准', priceFen: 100, stock: 1 }] })
        .expect(201)
    ).body;
    expect(now.status).toBe('on_shelf');
    expect(await listed()).toContain(now.id);

    const badCategory = await t
      .http()
      .post('/api/admin/products')
      .set('authorization', ops)
      .send({ name: '无分类', categoryId: 99999, skus: [{ specs: '标准', priceFen: 100, stock: 1 }] })
      .expect(400);
    expect(badCategory.body.code).toBe('VALIDATION_FAILED');
    const theirs = (
      await t.http().post('/api/admin/uploads').set('authorization', otherOps).field('purpose', 'product').attach('file', PNG, 'q.png').expect(201)
    ).body;
    await t.http().patch(`/api/admin/products/${now.id}`).set('authorization', ops).send({ imageUploadId: theirs.id }).expect(400);
    await t
      .http()
      .post('/api/admin/products')
      .set('authorization', ops)
      .send({ name: '非法状态', status: 'off_shelf', skus: [{ specs: 'x', priceFen: 1, stock: 0 }] })
      .expect(400);
  });
});
