import type { DataSource } from 'typeorm';
import { CommunityInvitation, CommunityJobRun, GroupCode, GroupCodeClaim, WecomCallback } from '@mall/server/community/community.entity';
import { InvitationService } from '@mall/server/community/invitation.service';
import type { TestApp } from '../helpers/test-app';
import { burst, count, startRaceApp } from './race-helpers';

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4e70000000049454e44ae426082',
  'hex',
);

describe('races: group codes never go past capacity, a join and a nightly run happen once (MariaDB)', () => {
  let t: TestApp;
  let ds: DataSource;
  let ops: string;
  const members: { id: number; auth: string; user: string }[] = [];

  beforeAll(async () => {
    ({ t, ds, ops } = await startRaceApp());
    for (let i = 0; i < 40; i++) {
      const user = `race-cm-${i}`;
      const login = await t.loginMember(user);
      members.push({ id: login.member.id, auth: `Bearer ${login.accessToken}`, user });
    }
  });
  afterAll(() => t?.close());

  const group = async (name: string) =>
    (await t.http().post('/api/admin/community/groups').set('authorization', ops).send({ type: 'event', name, capacity: 10_000, criteria: null }).expect(201))
      .body.id as number;
  const addCode = async (groupId: number, capacity: number) => {
    const uploadId = (
      await t.http().post('/api/admin/uploads').set('authorization', ops).field('purpose', 'group_qr').attach('file', PNG, 'qr.png').expect(201)
    ).body.id;
    return (await t.http().post(`/api/admin/community/groups/${groupId}/codes`).set('authorization', ops).send({ uploadId, capacity }).expect(201)).body
      .id as number;
  };

  it('40 members at once for the last 15 slots of two codes: 15 get a code, none past capacity, the rest are told the pool is empty', async () => {
    const groupId = await group('抢位群');
    const small = await addCode(groupId, 5);
    const large = await addCode(groupId, 10);
    const results = await burst(40, (i) => t.http().post(`/api/community/groups/${groupId}/code`).set('authorization', members[i].auth));
    expect(count(results, 200)).toBe(15);
    expect(count(results, 409)).toBe(25);
    for (const r of results.filter((x) => x.status === 409)) expect(r.body).toMatchObject({ code: 'CONFLICT' });
    const codes = await ds.getRepository(GroupCode).findBy({ groupId });
    expect(Object.fromEntries(codes.map((c) => [c.id, c.used]))).toEqual({ [small]: 5, [large]: 10 });
    // Each handed code matches a claim row; no member holds two slots.
    const claims = await ds.getRepository(GroupCodeClaim).findBy({ groupId });
    expect(claims).toHaveLength(15);
    expect(new Set(claims.map((c) => c.memberId)).size).toBe(15);
    for (const code of codes) expect(claims.filter((c) => c.codeId === code.id)).toHaveLength(code.capacity);
    const handed = results.filter((r) => r.status === 200).map((r) => (r.body as { code: { id: number } }).code.id);
    expect(handed.filter((id) => id === small)).toHaveLength(5);
    expect(handed.filter((id) => id === large)).toHaveLength(10);
  });

  it('one member asking 10 times at once takes one slot', async () => {
    const groupId = await group('单人并发群');
    const codeId = await addCode(groupId, 3);
    const results = await burst(10, () => t.http().post(`/api/community/groups/${groupId}/code`).set('authorization', members[0].auth));
    expect(count(results, 200)).toBe(10);
    expect((await ds.getRepository(GroupCode).findOneByOrFail({ id: codeId })).used).toBe(1);
    expect(await ds.getRepository(GroupCodeClaim).countBy({ groupId, memberId: members[0].id })).toBe(1);
  });

  it('the same genuine WeCom callback delivered 6 times at once confirms the join once', async () => {
    const groupId = await group('企微并发群');
    const code = (await t.http().post(`/api/admin/community/groups/${groupId}/wecom-codes`).set('authorization', ops).send({}).expect(201)).body;
    await t.http().post(`/api/community/groups/${groupId}/code`).set('authorization', members[1].auth).expect(200);
    const configId = (await ds.getRepository(GroupCode).findOneByOrFail({ id: code.id })).wecomConfigId;
    // A stale first delivery (refused) gives us a signed body to send again, freshly signed by the next scan.
    const scan = (await t.http().post('/__wechat/wecom/sim/scan').send({ configId, user: members[1].user, timestampOffsetSeconds: -3600 }).expect(200)).body;
    expect(scan.callback.status).toBe(403);
    const fresh = (await t.http().post('/__wechat/wecom/sim/scan').send({ configId, user: members[1].user }).expect(200)).body;
    expect(fresh.callback.status).toBe(200);
    const again = await burst(6, () =>
      t
        .http()
        .post(`/api/community/wecom/callback?${new URLSearchParams(fresh.callback.query)}`)
        .set('content-type', 'text/xml')
        .send(fresh.callback.body),
    );
    expect(count(again, 409)).toBe(6);
    expect(await ds.getRepository(WecomCallback).countBy({ signature: fresh.callback.query.msg_signature })).toBe(1);
    const invitation = await ds.getRepository(CommunityInvitation).findOneByOrFail({ groupId, memberId: members[1].id });
    expect(invitation.joinedVia).toBe('wecom');
  });

  it('two nightly runs at once: one runs, the other finds the day claimed', async () => {
    const invitations = t.app.get(InvitationService);
    const runs = await Promise.all([invitations.runNightly(), invitations.runNightly(), invitations.runNightly()]);
    expect(runs.filter((r) => r !== null)).toHaveLength(1);
    expect(await ds.getRepository(CommunityJobRun).countBy({ job: 'nightly' })).toBe(1);
  });
});
