import { startTestApp, type TestApp } from '../helpers/test-app';

/** Bad input found by testing the running demo: each is refused with a clear 400 and writes nothing. */
describe('bad input reaching the server', () => {
  let t: TestApp;
  let auth: string;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    auth = `Bearer ${(await t.loginMember('input-defects')).accessToken}`;
    admin = `Bearer ${(await t.loginAccount('admin')).accessToken}`;
  });
  afterAll(() => t?.close());

  it('an id beyond the INT range is a 400, not a database error', async () => {
    const order = await t
      .http()
      .post('/api/orders')
      .set('authorization', auth)
      .send({ lines: [{ skuId: 1, quantity: 1 }], fulfilment: 'pickup', storeId: 2147483648 })
      .expect(400);
    expect(order.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ field: 'storeId' }] } });
    const account = await t
      .http()
      .post('/api/admin/accounts')
      .set('authorization', admin)
      .send({ username: 'big-store', password: 'big-store-pass', displayName: '店员', role: 'staff', storeId: 2147483648 })
      .expect(400);
    expect(account.body.details.fields[0].field).toBe('storeId');
  });

  it('isDefault must be a boolean: the string "false" is refused instead of being stored as true', async () => {
    const res = await t
      .http()
      .post('/api/addresses')
      .set('authorization', auth)
      .send({ name: '张三', phone: '13800138000', region: '上海', detail: '一号', isDefault: 'false' })
      .expect(400);
    expect(res.body.details.fields[0].field).toBe('isDefault');
    expect((await t.http().get('/api/addresses').set('authorization', auth).expect(200)).body.items).toEqual([]);
    const ok = (
      await t
        .http()
        .post('/api/addresses')
        .set('authorization', auth)
        .send({ name: '张三', phone: '13800138000', region: '上海', detail: '一号', isDefault: false })
        .expect(201)
    ).body;
    expect(ok.isDefault).toBe(false);
  });

  it('a recharge with both planId and amount, both garbage, is refused instead of reaching the database (found by dto-fuzz on MariaDB)', async () => {
    const wallet = async () => (await t.http().get('/api/wallet').set('authorization', auth).expect(200)).body;
    const before = await wallet();
    for (const body of [
      { planId: '1; DROP TABLE member; --', amount: 'x' },
      { planId: 1, amount: 'x' },
      { planId: 'x', amount: 100 },
      { planId: 1, amount: 100 },
    ]) {
      const res = await t.http().post('/api/wallet/recharges').set('authorization', auth).send(body).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
    expect(await wallet()).toEqual(before);
    expect((await t.http().post('/api/wallet/recharges').set('authorization', auth).send({}).expect(400)).body.code).toBe('VALIDATION_FAILED');
  });

  it('a product in a category that does not exist is a 400 naming the field, not a foreign-key failure (found by dto-fuzz on MariaDB)', async () => {
    const before = (await t.http().get('/api/admin/products').set('authorization', admin).expect(200)).body.items.length;
    const res = await t
      .http()
      .post('/api/admin/products')
      .set('authorization', admin)
      .send({ name: '无分类商品', categoryId: 2147483647, skus: [{ specs: '默认', priceFen: 100, stock: 1 }] })
      .expect(400);
    expect(res.body).toEqual({
      code: 'VALIDATION_FAILED',
      message: '分类不存在',
      details: { fields: [{ field: 'categoryId', errors: ['unknown category'] }] },
    });
    expect((await t.http().get('/api/admin/products').set('authorization', admin).expect(200)).body.items).toHaveLength(before);
  });

  it('null for an optional field that cannot be empty is a 400, not a NOT NULL failure (found by dto-fuzz on MariaDB)', async () => {
    const product = (
      await t
        .http()
        .post('/api/admin/products')
        .set('authorization', admin)
        .send({ name: '可空测试', skus: [{ specs: '默认', priceFen: 100, stock: 1 }] })
        .expect(201)
    ).body;
    for (const field of ['name', 'status', 'minTierLevel']) {
      const res = await t
        .http()
        .patch(`/api/admin/products/${product.id}`)
        .set('authorization', admin)
        .send({ [field]: null })
        .expect(400);
      expect(res.body).toEqual({ code: 'VALIDATION_FAILED', message: expect.any(String) });
    }
    const after = (await t.http().get('/api/admin/products').set('authorization', admin).expect(200)).body.items.find(
      (p: { id: number }) => p.id === product.id,
    );
    expect(after).toMatchObject({ name: '可空测试', status: 'draft' });
    // A nullable column still clears with null.
    const plan = (await t.http().post('/api/admin/recharge-plans').set('authorization', admin).send({ name: '充 100', payFen: 10000, bonusFen: 0 }).expect(201))
      .body;
    await t.http().patch(`/api/admin/recharge-plans/${plan.id}`).set('authorization', admin).send({ membershipPlanId: null }).expect(200);
  });

  it('a month like 2026-13 is refused', async () => {
    const res = await t.http().get('/api/points/sign-ins?month=2026-13').set('authorization', auth).expect(400);
    expect(res.body.details.fields[0].field).toBe('month');
    await t.http().get('/api/points/sign-ins?month=2026-12').set('authorization', auth).expect(200);
  });

  it.each([
    ['a NUL character', 'evil\u0000name'],
    ['a right-to-left override', 'admin\u202Egnp.exe'],
    ['a bidi isolate', 'a\u2066b'],
  ])('a nickname with %s is refused and the profile is unchanged', async (_what, nickname) => {
    const before = (await t.http().get('/api/members/me').set('authorization', auth).expect(200)).body.nickname;
    const res = await t.http().patch('/api/members/me').set('authorization', auth).send({ nickname }).expect(400);
    expect(res.body.details.fields[0].field).toBe('nickname');
    expect((await t.http().get('/api/members/me').set('authorization', auth).expect(200)).body.nickname).toBe(before);
  });

  it('a nickname with Chinese and emoji is fine', async () => {
    const res = await t.http().patch('/api/members/me').set('authorization', auth).send({ nickname: '小满🌸' }).expect(200);
    expect(res.body.nickname).toBe('小满🌸');
  });
});
