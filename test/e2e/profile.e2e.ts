import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog } from '@mall/server/audit/audit-log.entity';
import { Member } from '@mall/server/member/member.entity';
import { PointsLot } from '@mall/server/points/points-lot.entity';
import { Store } from '@mall/server/store/store.entity';
import { DemoSeeder } from '@mall/server/seed/demo-seeder';
import { startTestApp, type TestApp } from '../helpers/test-app';

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4e70000000049454e44ae426082',
  'hex',
);

describe('member profile: completion reward once, birthday set once, staff/ops corrections audited, my store and guide', () => {
  let t: TestApp;
  let ds: DataSource;
  let ops: string;
  let storeA: Store;
  let storeB: Store;
  const staff: Record<string, { id: number; auth: string }> = {};

  beforeAll(async () => {
    t = await startTestApp();
    ds = t.app.get<DataSource>(getDataSourceToken());
    await t.app.get(DemoSeeder).seed();
    await t.createAccount({ username: 'ops-profile', password: 'ops-profile-pass', displayName: '运营', role: 'ops' });
    ops = `Bearer ${(await t.loginAccount('ops-profile', 'ops-profile-pass')).accessToken}`;
    storeA = await ds.getRepository(Store).findOneByOrFail({ id: 1 });
    storeB = (
      await t
        .http()
        .post('/api/admin/stores')
        .set('authorization', ops)
        .send({ name: '徐汇滨江店', address: '上海市徐汇区龙腾大道 2555 号', openingHours: '10:00-21:00' })
        .expect(201)
    ).body;
    for (const [username, storeId] of [
      ['pa-guide', storeA.id],
      ['pb-guide', storeB.id],
    ] as const) {
      await t.createAccount({ username, password: `${username}-pass`, displayName: username === 'pa-guide' ? '小林' : '小周', role: 'staff', storeId });
      const login = await t.loginAccount(username, `${username}-pass`);
      staff[username] = { id: login.account.id, auth: `Bearer ${login.accessToken}` };
    }
  });
  afterAll(() => t?.close());

  async function member(name: string) {
    const login = await t.loginMember(name);
    return { id: login.member.id, auth: `Bearer ${login.accessToken}` };
  }
  const pointsOf = async (memberId: number) => (await ds.getRepository(PointsLot).findBy({ memberId })).reduce((sum, lot) => sum + lot.remainingPoints, 0);
  const profile = async (auth: string) => (await t.http().get('/api/members/me').set('authorization', auth).expect(200)).body;

  it('the reward arrives once, only when nickname, phone, birthday, gender and region are all there', async () => {
    const m = await member('profile-reward');
    expect((await profile(m.auth)).missing).toEqual(expect.arrayContaining(['nickname', 'phone', 'birthday', 'gender', 'region']));

    await t.http().patch('/api/members/me').set('authorization', m.auth).send({ nickname: '阿青', birthday: '1995-03-08' }).expect(200);
    await t.http().post('/api/members/me/phone').set('authorization', m.auth).send({ code: '13500135000:profile' }).expect(201);
    expect(await pointsOf(m.id)).toBe(0);
    await t.http().patch('/api/members/me').set('authorization', m.auth).send({ gender: 'unknown', region: '上海市 静安区' }).expect(200);
    expect((await profile(m.auth)).missing).toEqual(['gender']);
    expect(await pointsOf(m.id)).toBe(0);

    const done = (await t.http().patch('/api/members/me').set('authorization', m.auth).send({ gender: 'female' }).expect(200)).body;
    expect(done).toMatchObject({ nickname: '阿青', birthday: '1995-03-08', gender: 'female', region: '上海市 静安区', missing: [] });
    expect(await pointsOf(m.id)).toBe(50);
    // Later edits, and several at once, do not pay again.
    await Promise.all(
      ['阿青青', '阿青', '青'].map((nickname) => t.http().patch('/api/members/me').set('authorization', m.auth).send({ nickname }).expect(200)),
    );
    expect(await pointsOf(m.id)).toBe(50);
  });

  it('a birthday is set once: the same value again is fine, another is a 409, and of two racing first settings one wins', async () => {
    const m = await member('profile-birthday');
    await t.http().patch('/api/members/me').set('authorization', m.auth).send({ birthday: '1990-12-01' }).expect(200);
    await t.http().patch('/api/members/me').set('authorization', m.auth).send({ birthday: '1990-12-01' }).expect(200);
    const refused = await t.http().patch('/api/members/me').set('authorization', m.auth).send({ birthday: '1991-01-01', nickname: '改名' }).expect(409);
    expect(refused.body).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('联系门店') });
    // The refused request wrote nothing, not even its other fields.
    expect(await ds.getRepository(Member).findOneByOrFail({ id: m.id })).toMatchObject({ birthday: '1990-12-01', nickname: expect.not.stringMatching('改名') });

    const racer = await member('profile-birthday-race');
    const days = ['1992-01-10', '1993-02-11', '1994-03-12', '1995-04-13', '1996-05-14', '1997-06-15'];
    const results = await Promise.all(days.map((birthday) => t.http().patch('/api/members/me').set('authorization', racer.auth).send({ birthday })));
    const winners = results.filter((r) => r.status === 200);
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(days.length - 1);
    expect((await ds.getRepository(Member).findOneByOrFail({ id: racer.id })).birthday).toBe(winners[0].body.birthday);

    for (const birthday of ['2099-01-01', '1890-05-05', '1990-02-30']) {
      const bad = await t
        .http()
        .patch('/api/members/me')
        .set('authorization', (await member(`profile-bad-${birthday}`)).auth)
        .send({ birthday });
      expect(bad.status).toBeGreaterThanOrEqual(400);
      expect(bad.status).toBeLessThan(500);
      expect(bad.body).toMatchObject({ code: expect.any(String), message: expect.any(String) });
    }
  });

  it('staff of the member’s own store and ops may correct a birthday, each audited with the reason; other stores may not', async () => {
    const m = await member('profile-correct');
    await t.http().patch('/api/members/me').set('authorization', m.auth).send({ birthday: '1988-08-08' }).expect(200);
    const qr = (await t.http().get('/api/members/me/qr').set('authorization', m.auth).expect(200)).body.token;
    await t.http().post('/api/staff/bindings').set('authorization', staff['pa-guide'].auth).send({ qrToken: qr }).expect(200);

    const foreign = await t
      .http()
      .put(`/api/staff/members/${m.id}/birthday`)
      .set('authorization', staff['pb-guide'].auth)
      .send({ birthday: '1988-09-09', reason: '会员要求更正' })
      .expect(403);
    expect(foreign.body.code).toBe('FORBIDDEN');
    await t
      .http()
      .put(`/api/staff/members/${m.id}/birthday`)
      .set('authorization', staff['pa-guide'].auth)
      .send({ birthday: '1988-09-09', reason: '会员出示身份证更正' })
      .expect(200);
    await t
      .http()
      .put(`/api/admin/members/${m.id}/birthday`)
      .set('authorization', staff['pa-guide'].auth)
      .send({ birthday: '1988-10-10', reason: '越权' })
      .expect(403);
    await t.http().put(`/api/admin/members/${m.id}/birthday`).set('authorization', ops).send({ birthday: '1988-10-10' }).expect(400);
    const byOps = await t
      .http()
      .put(`/api/admin/members/${m.id}/birthday`)
      .set('authorization', ops)
      .send({ birthday: '1988-10-10', reason: '客服工单 #88' })
      .expect(200);
    expect(byOps.body.birthday).toBe('1988-10-10');
    expect((await profile(m.auth)).birthday).toBe('1988-10-10');

    const trail = await ds.getRepository(AuditLog).find({ where: { action: 'member.birthday.change', targetId: String(m.id) }, order: { id: 'ASC' } });
    expect(trail.map((row) => [row.actorAccountId, JSON.parse(row.details)])).toEqual([
      [staff['pa-guide'].id, { before: '1988-08-08', after: '1988-09-09', reason: '会员出示身份证更正' }],
      [expect.any(Number), { before: '1988-09-09', after: '1988-10-10', reason: '客服工单 #88' }],
    ]);
    const listed = (await t.http().get(`/api/admin/audit-logs?targetType=member&targetId=${m.id}`).set('authorization', ops).expect(200)).body;
    expect(listed.total).toBe(2);
    await t.http().get('/api/admin/audit-logs').set('authorization', m.auth).expect(403);
    await t.http().get('/api/admin/audit-logs').set('authorization', staff['pa-guide'].auth).expect(403);
  });

  it('an avatar must be the member’s own upload', async () => {
    const owner = await member('profile-avatar-owner');
    const thief = await member('profile-avatar-thief');
    const upload = (await t.http().post('/api/uploads').set('authorization', owner.auth).field('purpose', 'avatar').attach('file', PNG, 'me.png').expect(201))
      .body;
    const stolen = await t.http().patch('/api/members/me').set('authorization', thief.auth).send({ avatarUploadId: upload.id, nickname: '小偷' });
    // Someone else's upload is indistinguishable from one that does not exist.
    expect(stolen.status).toBe(400);
    expect(stolen.body).toMatchObject({ code: 'VALIDATION_FAILED', message: '图片不存在或不属于你' });
    expect(await ds.getRepository(Member).findOneByOrFail({ id: thief.id })).toMatchObject({ avatarUrl: null, nickname: expect.not.stringMatching('小偷') });
    const mine = (await t.http().patch('/api/members/me').set('authorization', owner.auth).send({ avatarUploadId: upload.id }).expect(200)).body;
    expect(mine.avatarUrl).toBe(upload.url);
  });

  it('the member sees the store and guide they are bound to; the guide’s phone only when they ask, and only if there is one', async () => {
    const m = await member('profile-guide');
    expect((await t.http().get('/api/members/me/store').set('authorization', m.auth).expect(200)).body).toEqual({ store: null, guide: null });
    await t.http().post('/api/members/me/store/guide-phone').set('authorization', m.auth).expect(404);

    const qr = (await t.http().get('/api/members/me/qr').set('authorization', m.auth).expect(200)).body.token;
    await t.http().post('/api/staff/bindings').set('authorization', staff['pb-guide'].auth).send({ qrToken: qr }).expect(200);
    const view = (await t.http().get('/api/members/me/store').set('authorization', m.auth).expect(200)).body;
    expect(view).toEqual({
      store: expect.objectContaining({ id: storeB.id, name: '徐汇滨江店', address: '上海市徐汇区龙腾大道 2555 号', openingHours: '10:00-21:00' }),
      guide: { id: staff['pb-guide'].id, name: '小周', avatarUrl: null, hasPhone: false },
    });
    expect(JSON.stringify(view)).not.toMatch(/1[3-9]\d{9}/);
    await t.http().post('/api/members/me/store/guide-phone').set('authorization', m.auth).expect(404);

    const admin = `Bearer ${(await t.loginAccount('admin')).accessToken}`;
    await t.http().patch(`/api/admin/accounts/${staff['pb-guide'].id}`).set('authorization', admin).send({ workPhone: '13812345678' }).expect(200);
    expect((await t.http().get('/api/members/me/store').set('authorization', m.auth).expect(200)).body.guide.hasPhone).toBe(true);
    const phone = (await t.http().post('/api/members/me/store/guide-phone').set('authorization', m.auth).expect(200)).body;
    expect(phone).toEqual({ phone: '13812345678' });
  });
});
