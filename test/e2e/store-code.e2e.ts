import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { StoreCodeService } from '@mall/server/community/store-code.service';
import { DemoSeeder } from '@mall/server/seed/demo-seeder';
import { Store } from '@mall/server/store/store.entity';
import { startTestApp, type TestApp } from '../helpers/test-app';

/** 门店活码: one brand poster; the scan lands on the nearest open store's guide, or the member's bound store. */
describe('store code (门店活码): nearest open store by location, falling back to the bound store', () => {
  let t: TestApp;
  let ds: DataSource;
  let ops: string;
  const stores: Record<string, Store> = {};
  const guides: Record<string, number> = {};
  let boundMember: string;
  let freshMember: string;

  const storeCode = (auth: string, body: Record<string, unknown> = {}) => t.http().post('/api/community/store-code').set('authorization', auth).send(body);

  beforeAll(async () => {
    t = await startTestApp();
    ds = t.app.get<DataSource>(getDataSourceToken());
    await t.app.get(DemoSeeder).seed();
    await t.createAccount({ username: 'ops-sc', password: 'ops-sc-pass', displayName: '运营', role: 'ops' });
    ops = `Bearer ${(await t.loginAccount('ops-sc', 'ops-sc-pass')).accessToken}`;
    const repo = ds.getRepository(Store);
    // Open all day so that the HTTP cases do not depend on the hour the suite runs; hours are tested with a fixed clock below.
    stores.jingan = await repo.save(repo.create({ name: '静安店', address: '南京西路', latitude: 31.229, longitude: 121.46, openingHours: '', active: true }));
    stores.lujiazui = await repo.save(
      repo.create({ name: '陆家嘴店', address: '世纪大道', latitude: 31.2397, longitude: 121.4998, openingHours: '', active: true }),
    );
    stores.closed = await repo.save(
      repo.create({ name: '人民广场店', address: '人民大道', latitude: 31.2304, longitude: 121.4737, openingHours: '', active: false }),
    );
    stores.evening = await repo.save(
      repo.create({ name: '新天地夜店', address: '马当路', latitude: 31.2195, longitude: 121.4752, openingHours: '18:00-23:00', active: true }),
    );
    for (const [key, store] of Object.entries(stores)) {
      await t.createAccount({ username: `sc-guide-${key}`, password: 'sc-guide-pass', displayName: `导购${store.name}`, role: 'staff', storeId: store.id });
      guides[key] = (await t.loginAccount(`sc-guide-${key}`, 'sc-guide-pass')).account.id;
    }
    boundMember = `Bearer ${(await t.loginMember('sc-bound')).accessToken}`;
    freshMember = `Bearer ${(await t.loginMember('sc-fresh')).accessToken}`;
    const qr = (await t.http().get('/api/members/me/qr').set('authorization', boundMember).expect(200)).body.token;
    const lujiazuiGuide = `Bearer ${(await t.loginAccount('sc-guide-lujiazui', 'sc-guide-pass')).accessToken}`;
    await t.http().post('/api/staff/bindings').set('authorization', lujiazuiGuide).send({ qrToken: qr }).expect(200);
  });
  afterAll(() => t?.close());

  it('with a location: the nearest open store and its guide’s WeCom 联系我 code; a closed store is skipped', async () => {
    // Standing at People's Square: the closed store is nearest, then the evening store (not open at 15:00), then 静安.
    const res = (await storeCode(freshMember, { latitude: 31.2304, longitude: 121.4737 }).expect(200)).body;
    expect(res).toMatchObject({ via: 'nearest', store: { id: expect.any(Number) }, distanceM: expect.any(Number) });
    expect([stores.jingan.id, stores.evening.id]).toContain(res.store.id);
    expect(res.store.id).not.toBe(stores.closed.id);
    expect(res.guide.qrCode).toMatch(/\/__wechat\/wecom\/sim\/qr\/.+\.png$/);
    const service = t.app.get(StoreCodeService);
    const at = (hhmmBeijing: string) => new Date(`2026-11-26T${hhmmBeijing}:00+08:00`);
    const people = { latitude: 31.2304, longitude: 121.4737 };
    expect((await service.resolve(0, people, at('15:00'))).store.id).toBe(stores.jingan.id);
    expect((await service.resolve(0, people, at('19:00'))).store.id).toBe(stores.evening.id);
    const nearLujiazui = (await storeCode(freshMember, { latitude: 31.2398, longitude: 121.4997 }).expect(200)).body;
    expect(nearLujiazui).toMatchObject({ via: 'nearest', store: { id: stores.lujiazui.id }, guide: { staffAccountId: guides.lujiazui } });
    expect(nearLujiazui.distanceM).toBeLessThan(50);
  });

  it('without a location, or with no open store within the radius: the bound store and guide; no binding → 404', async () => {
    expect((await storeCode(boundMember).expect(200)).body).toMatchObject({ via: 'bound', store: { id: stores.lujiazui.id }, distanceM: null });
    const farAway = (await storeCode(boundMember, { latitude: 39.9042, longitude: 116.4074 }).expect(200)).body;
    expect(farAway).toMatchObject({ via: 'bound', store: { id: stores.lujiazui.id }, guide: { staffAccountId: guides.lujiazui } });
    expect((await storeCode(freshMember).expect(404)).body.code).toBe('NOT_FOUND');
    expect((await storeCode(freshMember, { latitude: 39.9042, longitude: 116.4074 }).expect(404)).body.code).toBe('NOT_FOUND');
  });

  it('validates the location: both or neither, within range, numbers', async () => {
    await storeCode(freshMember, { latitude: 31.2 }).expect(400);
    await storeCode(freshMember, { latitude: 91, longitude: 121 }).expect(400);
    await storeCode(freshMember, { latitude: '31.2', longitude: 121 }).expect(400);
    await t.http().post('/api/community/store-code').send({}).expect(401);
  });

  it('admin: one brand poster with a stable scene; members may not fetch it', async () => {
    const poster = (await t.http().get('/api/admin/community/store-poster').set('authorization', ops).expect(200)).body;
    expect(poster).toMatchObject({
      scene: 'store',
      page: 'subpackages/community/pages/store-code/index',
      image: expect.stringMatching(/^data:image\/png;base64,/),
    });
    const again = (await t.http().get('/api/admin/community/store-poster').set('authorization', ops).expect(200)).body;
    expect(again.scene).toBe(poster.scene);
    await t.http().get('/api/admin/community/store-poster').set('authorization', freshMember).expect(403);
  });
});
