import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource, IsNull, Not } from 'typeorm';
import { CommunityInvitation, CommunityJobRun, GroupCode, GroupCodeClaim, WecomCallback } from '@mall/server/community/community.entity';
import { InvitationService } from '@mall/server/community/invitation.service';
import { WarningDigestService } from '@mall/server/community/warning-digest.service';
import { OutboxEvent } from '@mall/server/common/outbox/outbox-event.entity';
import { OutboxService } from '@mall/server/common/outbox/outbox.service';
import { CouponTemplate } from '@mall/server/coupon/coupon-template.entity';
import { Coupon } from '@mall/server/coupon/coupon.entity';
import { MemberFactService } from '@mall/server/insight/member-fact.service';
import { DemoSeeder } from '@mall/server/seed/demo-seeder';
import { WecomSimulatorState } from '@mall/server/wechat/simulator/wecom/wecom-simulator.state';
import { Tier } from '@mall/server/tier/tier.entity';
import { changedTables, snapshotDb } from '../helpers/db-snapshot';
import { startTestApp, type TestApp } from '../helpers/test-app';

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4e70000000049454e44ae426082',
  'hex',
);
const DAY = 86_400_000;

describe('community: groups with segment criteria, rotating codes, invitations and funnel, WeCom joins', () => {
  let t: TestApp;
  let ds: DataSource;
  let ops: string;
  let invitations: InvitationService;
  let tagId: number;
  const members: { id: number; auth: string; user: string }[] = [];
  let kocGroupId: number;
  let perkTemplateId: number;

  const kocCriteria = () => ({ kind: 'group', match: 'all', conditions: [{ kind: 'tag', op: 'hasAny', tagIds: [tagId] }] });
  const uploadQr = async () =>
    (await t.http().post('/api/admin/uploads').set('authorization', ops).field('purpose', 'group_qr').attach('file', PNG, 'qr.png').expect(201)).body.id;
  const code = (i: number, groupId: number) => t.http().post(`/api/community/groups/${groupId}/code`).set('authorization', members[i].auth);

  beforeAll(async () => {
    t = await startTestApp();
    ds = t.app.get<DataSource>(getDataSourceToken());
    invitations = t.app.get(InvitationService);
    await t.app.get(DemoSeeder).seed();
    await t.createAccount({ username: 'ops-cm', password: 'ops-cm-pass', displayName: '运营', role: 'ops' });
    ops = `Bearer ${(await t.loginAccount('ops-cm', 'ops-cm-pass')).accessToken}`;
    for (let i = 0; i < 8; i++) {
      const user = `cm-member-${i}`;
      const login = await t.loginMember(user);
      members.push({ id: login.member.id, auth: `Bearer ${login.accessToken}`, user });
    }
    tagId = (await t.http().post('/api/admin/tags').set('authorization', ops).send({ name: 'KOC候选' }).expect(201)).body.id;
    await t
      .http()
      .post(`/api/admin/tags/${tagId}/members`)
      .set('authorization', ops)
      .send({ memberIds: members.slice(0, 4).map((m) => m.id) })
      .expect(200);
    await t.app.get(MemberFactService).refreshAll();
    perkTemplateId = (
      await ds
        .getRepository(CouponTemplate)
        .save(
          ds
            .getRepository(CouponTemplate)
            .create({ name: '群专属 5 元', kind: 'fixed', amountFen: 500, thresholdFen: 0, validDays: 30, claimable: false, enabled: true }),
        )
    ).id;
  });
  afterAll(() => t?.close());

  it('ops configure a group; criteria are a segment, with a live eligible count that matches an independent count', async () => {
    const before = await snapshotDb(ds);
    const bad = await t
      .http()
      .post('/api/admin/community/groups')
      .set('authorization', ops)
      .send({ type: 'vip', name: '没有条件的VIP群', capacity: 100, criteria: null })
      .expect(400);
    expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ field: 'criteria' }] } });
    const badFlash = await t
      .http()
      .post('/api/admin/community/groups')
      .set('authorization', ops)
      .send({ type: 'flash', name: '快闪', capacity: 100 })
      .expect(400);
    expect(badFlash.body.details.fields.map((f: { field: string }) => f.field)).toEqual(['endsAt', 'nextGroupId']);
    expect(changedTables(before, await snapshotDb(ds))).toEqual([]);

    const count = await t.http().post('/api/admin/community/eligible-count').set('authorization', ops).send({ criteria: kocCriteria() }).expect(200);
    // Independent count: the members the tag was given to.
    expect(count.body.count).toBe(4);
    const created = await t
      .http()
      .post('/api/admin/community/groups')
      .set('authorization', ops)
      .send({
        type: 'koc',
        name: 'KOC 体验官',
        description: '新品抢先试',
        capacity: 100,
        criteria: kocCriteria(),
        perkCouponTemplateId: perkTemplateId,
        welcomeText: '欢迎加入',
      })
      .expect(201);
    kocGroupId = created.body.id;
    expect(created.body).toMatchObject({ type: 'koc', typeLabel: 'KOC群', criteriaText: expect.any(String) });
    const detail = (await t.http().get(`/api/admin/community/groups/${kocGroupId}`).set('authorization', ops).expect(200)).body;
    expect(detail).toMatchObject({ eligibleCount: 4, codes: [], warnings: [{ kind: 'pool_empty' }] });
  });

  it('a non-eligible member gets 403 for a code, also with a guessed group id, and nothing is written', async () => {
    const before = await snapshotDb(ds);
    for (const id of [kocGroupId, kocGroupId + 1000]) {
      const res = await code(5, id).expect(403);
      expect(res.body).toEqual({ code: 'FORBIDDEN', message: expect.any(String) });
      await t.http().get(`/api/community/groups/${id}`).set('authorization', members[5].auth).expect(403);
    }
    expect(changedTables(before, await snapshotDb(ds))).toEqual([]);
  });

  it('rotation: a member keeps their slot, the next code takes over at capacity and at expiry', async () => {
    const pool = await code(0, kocGroupId).expect(409);
    expect(pool.body.code).toBe('CONFLICT');
    const first = (
      await t
        .http()
        .post(`/api/admin/community/groups/${kocGroupId}/codes`)
        .set('authorization', ops)
        .send({ uploadId: await uploadQr(), capacity: 2 })
        .expect(201)
    ).body;
    expect(first).toMatchObject({ capacity: 2, used: 0, kind: 'image' });
    expect(new Date(first.expiresAt).getTime() - Date.now()).toBeGreaterThan(7 * DAY - 60_000);
    const a = (await code(0, kocGroupId).expect(200)).body;
    expect(a.code.id).toBe(first.id);
    // Asking again shows the same code without taking another slot.
    expect((await code(0, kocGroupId).expect(200)).body.code.id).toBe(first.id);
    expect((await code(1, kocGroupId).expect(200)).body.code.id).toBe(first.id);
    expect((await ds.getRepository(GroupCode).findOneByOrFail({ id: first.id })).used).toBe(2);
    await code(2, kocGroupId).expect(409);
    const second = (
      await t
        .http()
        .post(`/api/admin/community/groups/${kocGroupId}/codes`)
        .set('authorization', ops)
        .send({ uploadId: await uploadQr(), expiresInDays: 1 })
        .expect(201)
    ).body;
    expect((await code(2, kocGroupId).expect(200)).body.code.id).toBe(second.id);
    const warned = (await t.http().get(`/api/admin/community/groups/${kocGroupId}`).set('authorization', ops).expect(200)).body.warnings;
    expect(warned.map((w: { kind: string }) => w.kind)).toEqual(['expiring', 'pool_low']);
    // Past the second code's expiry nothing is usable: member 3 is refused rather than handed an expired code.
    await expect(invitations.code(members[3].id, kocGroupId, new Date(Date.now() + 2 * DAY))).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await ds.getRepository(GroupCodeClaim).countBy({ memberId: members[3].id })).toBe(0);
  });

  it('the daily warning list reaches ops once a day, however often and however concurrently the job runs', async () => {
    const digests = t.app.get(WarningDigestService);
    const now = new Date();
    const [a, b] = await Promise.all([digests.sendDaily(now), digests.sendDaily(now)]);
    const sent = a ?? b;
    expect([a, b].filter((d) => d !== null)).toHaveLength(1);
    expect(await digests.sendDaily(new Date(now.getTime() + 60_000))).toBeNull();
    expect(await ds.getRepository(CommunityJobRun).countBy({ job: 'warning_digest' })).toBe(1);
    const current = (await t.http().get('/api/admin/community/warnings').set('authorization', ops).expect(200)).body.now;
    expect(sent!.groups).toEqual(current);
    const kinds = sent!.groups.find((g) => g.groupId === kocGroupId)!.warnings.map((w) => w.kind);
    expect(kinds).toEqual(['expiring', 'pool_low']);
    const bell = (await t.http().get('/api/admin/community/warning-digests').set('authorization', ops).expect(200)).body.items;
    expect(bell).toEqual([expect.objectContaining({ day: sent!.day, total: sent!.total, groups: current })]);
    // The next Beijing day gets its own list.
    expect(await digests.sendDaily(new Date(now.getTime() + DAY))).not.toBeNull();
    expect((await t.http().get('/api/admin/community/warning-digests').set('authorization', ops).expect(200)).body.items).toHaveLength(2);
    await t.http().get('/api/admin/community/warning-digests').set('authorization', members[0].auth).expect(403);
  });

  it('a member confirms the join once (no WeCom); the group perk is for joined members once; the funnel moves', async () => {
    await t.http().post(`/api/community/groups/${kocGroupId}/perk`).set('authorization', members[0].auth).expect(403);
    await t.http().post(`/api/community/groups/${kocGroupId}/joined`).set('authorization', members[3].auth).expect(403);
    expect((await t.http().post(`/api/community/groups/${kocGroupId}/joined`).set('authorization', members[0].auth).expect(200)).body).toEqual({
      confirmed: true,
    });
    expect((await t.http().post(`/api/community/groups/${kocGroupId}/joined`).set('authorization', members[0].auth).expect(200)).body).toEqual({
      confirmed: false,
    });
    expect((await t.http().post(`/api/community/groups/${kocGroupId}/perk`).set('authorization', members[0].auth).expect(200)).body).toEqual({ claimed: true });
    expect((await t.http().post(`/api/community/groups/${kocGroupId}/perk`).set('authorization', members[0].auth).expect(200)).body).toEqual({
      claimed: false,
    });
    expect(await ds.getRepository(Coupon).countBy({ memberId: members[0].id, templateId: perkTemplateId })).toBe(1);
    const funnel = (await t.http().get(`/api/admin/community/funnel?groupId=${kocGroupId}`).set('authorization', ops).expect(200)).body.items[0].stages;
    // Member 3 was found eligible when refused a code (no usable code); a later stage counts for the earlier ones.
    expect(funnel).toEqual({ eligible: 4, invited: 3, viewed: 3, codeShown: 3, joined: 1, active: 0 });
  });

  it('the nightly run invites every eligible member once (claimed per day), with the in-app list', async () => {
    const run = (await t.http().post('/api/admin/community/run-nightly').set('authorization', ops).expect(200)).body;
    expect(run).toEqual({ invited: 4, handedOver: 0 });
    expect((await t.http().post('/api/admin/community/run-nightly').set('authorization', ops).expect(200)).body).toEqual({ skipped: true });
    const invited = await ds.getRepository(CommunityInvitation).findBy({ groupId: kocGroupId, invitedAt: Not(IsNull()) });
    expect(invited.map((i) => i.memberId).sort((x, y) => x - y)).toEqual(members.slice(0, 4).map((m) => m.id));
    const mine = (await t.http().get('/api/community/invitations').set('authorization', members[3].auth).expect(200)).body.items;
    expect(mine).toEqual([
      expect.objectContaining({ groupId: kocGroupId, joinedAt: null, group: expect.objectContaining({ name: 'KOC 体验官', hasPerk: true }) }),
    ]);
    expect(mine[0].group.criteria).toBeUndefined();
    // Evaluated on the tag-change event: a member tagged later is invited as soon as the event is dispatched.
    await t
      .http()
      .post(`/api/admin/tags/${tagId}/members`)
      .set('authorization', ops)
      .send({ memberIds: [members[4].id] })
      .expect(200);
    const tagEvents = await ds.getRepository(OutboxEvent).findBy({ name: 'member.tags_changed' });
    expect(tagEvents.map((e) => JSON.parse(e.payload))).toContainEqual({ memberId: members[4].id, added: [tagId], removed: [] });
    await t.app.get(OutboxService).dispatchDue(new Date(Date.now() + 60_000));
    expect(await ds.getRepository(CommunityInvitation).findOneBy({ groupId: kocGroupId, memberId: members[4].id })).toMatchObject({
      reason: 'criteria',
      invitedAt: expect.any(Date),
    });
    expect(await invitations.evaluateMember(members[4].id)).toBe(0);
    // Tagging the same member again changes nothing and publishes nothing.
    await t
      .http()
      .post(`/api/admin/tags/${tagId}/members`)
      .set('authorization', ops)
      .send({ memberIds: [members[4].id] })
      .expect(200);
    expect(await ds.getRepository(OutboxEvent).countBy({ name: 'member.tags_changed' })).toBe(tagEvents.length);
  });

  it('the groupInvites benefit of a tier invites its members to groups of that type', async () => {
    const vip = (
      await t
        .http()
        .post('/api/admin/community/groups')
        .set('authorization', ops)
        .send({
          type: 'vip',
          name: '黑金VIP',
          capacity: 500,
          criteria: { kind: 'group', match: 'all', conditions: [{ kind: 'fact', field: 'tierLevel', op: 'gte', value: 9 }] },
        })
        .expect(201)
    ).body;
    await code(6, vip.id).expect(403);
    const benefit = (
      await t
        .http()
        .post('/api/admin/benefits')
        .set('authorization', ops)
        .send({ name: 'VIP社群', spec: { type: 'group_invite', groupType: 'vip' } })
        .expect(201)
    ).body;
    const base = await ds.getRepository(Tier).findOneByOrFail({ level: 0 });
    await t
      .http()
      .post('/api/admin/benefit-attachments')
      .set('authorization', ops)
      .send({ sourceType: 'tier', sourceId: base.id, benefitId: benefit.id })
      .expect(204);
    await t.http().get(`/api/community/groups/${vip.id}`).set('authorization', members[6].auth).expect(200);
    expect((await ds.getRepository(CommunityInvitation).findOneByOrFail({ groupId: vip.id, memberId: members[6].id })).reason).toBe('benefit');
    expect(await invitations.evaluateMember(members[7].id)).toBeGreaterThanOrEqual(1);
    expect((await ds.getRepository(CommunityInvitation).findOneByOrFail({ groupId: vip.id, memberId: members[7].id })).invitedAt).not.toBeNull();
  });

  it('a flash group ends: its joined members are invited on to the member group once, and may take its code', async () => {
    const next = (
      await t
        .http()
        .post('/api/admin/community/groups')
        .set('authorization', ops)
        .send({
          type: 'koc',
          name: '老客会员群',
          capacity: 500,
          criteria: { kind: 'group', match: 'all', conditions: [{ kind: 'fact', field: 'tierLevel', op: 'gte', value: 9 }] },
        })
        .expect(201)
    ).body;
    await t
      .http()
      .post(`/api/admin/community/groups/${next.id}/codes`)
      .set('authorization', ops)
      .send({ uploadId: await uploadQr() })
      .expect(201);
    const flash = (
      await t
        .http()
        .post('/api/admin/community/groups')
        .set('authorization', ops)
        .send({ type: 'flash', name: '新客快闪群', capacity: 200, criteria: null, endsAt: new Date(Date.now() + 1500).toISOString(), nextGroupId: next.id })
        .expect(201)
    ).body;
    await t
      .http()
      .post(`/api/admin/community/groups/${flash.id}/codes`)
      .set('authorization', ops)
      .send({ uploadId: await uploadQr() })
      .expect(201);
    await code(7, flash.id).expect(200);
    await t.http().post(`/api/community/groups/${flash.id}/joined`).set('authorization', members[7].auth).expect(200);
    await code(7, next.id).expect(403);
    expect(await invitations.handOverEndedFlashGroups()).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 1600));
    await code(6, flash.id).expect(403);
    expect(await invitations.handOverEndedFlashGroups()).toBe(1);
    expect(await invitations.handOverEndedFlashGroups()).toBe(0);
    expect(await ds.getRepository(CommunityInvitation).findOneByOrFail({ groupId: next.id, memberId: members[7].id })).toMatchObject({
      reason: 'flash_next',
      invitedAt: expect.any(Date),
    });
    await code(7, next.id).expect(200);
  });

  it("a guide's WeCom 联系我 code (add_contact_way) is made once and reaches the members bound to them", async () => {
    await t.http().get('/api/community/guide-contact').set('authorization', members[2].auth).expect(404);
    await t.createAccount({ username: 'cm-guide', password: 'cm-guide-pass', displayName: '导购小王', role: 'staff', storeId: 1 });
    const guide = await t.loginAccount('cm-guide', 'cm-guide-pass');
    const qr = (await t.http().get('/api/members/me/qr').set('authorization', members[2].auth).expect(200)).body.token;
    await t.http().post('/api/staff/bindings').set('authorization', `Bearer ${guide.accessToken}`).send({ qrToken: qr }).expect(200);
    const forMember = (await t.http().get('/api/community/guide-contact').set('authorization', members[2].auth).expect(200)).body;
    expect(forMember.qrCode).toMatch(/\/__wechat\/wecom\/sim\/qr\/.+\.png$/);
    const forStaff = (await t.http().get('/api/staff/community/contact-way').set('authorization', `Bearer ${guide.accessToken}`).expect(200)).body;
    expect(forStaff.qrCode).toBe(forMember.qrCode);
    const state = t.app.get(WecomSimulatorState);
    expect([...state.contactWays.values()].filter((w) => w.user[0] === `staff${guide.account.id}`)).toHaveLength(1);
  });

  describe('WeCom join ways and the change_external_chat callback', () => {
    let groupId: number;
    let wecomCode: { id: number; imageUrl: string };

    beforeAll(async () => {
      groupId = (
        await t
          .http()
          .post('/api/admin/community/groups')
          .set('authorization', ops)
          .send({ type: 'event', name: '双十二活动群', capacity: 1000, criteria: null })
          .expect(201)
      ).body.id;
      wecomCode = (await t.http().post(`/api/admin/community/groups/${groupId}/wecom-codes`).set('authorization', ops).send({}).expect(201)).body;
    });

    const scan = async (user: string, extra: Record<string, unknown> = {}) =>
      (
        await t
          .http()
          .post('/__wechat/wecom/sim/scan')
          .send({ configId: (await ds.getRepository(GroupCode).findOneByOrFail({ id: wecomCode.id })).wecomConfigId, user, ...extra })
          .expect(200)
      ).body;
    const joinedAt = async (i: number) => (await ds.getRepository(CommunityInvitation).findOneBy({ groupId, memberId: members[i].id }))?.joinedAt ?? null;

    it('the join way was made through add_join_way/get_join_way and is handed to the member', async () => {
      expect(wecomCode.imageUrl).toMatch(/\/__wechat\/wecom\/sim\/qr\/.+\.png$/);
      const shown = (await code(5, groupId).expect(200)).body;
      expect(shown.code).toMatchObject({ id: wecomCode.id, kind: 'wecom' });
      const png = await t.http().get(new URL(shown.code.imageUrl).pathname).expect(200);
      expect(png.headers['content-type']).toBe('image/png');
    });

    it('a genuine callback confirms the join exactly once; its replay is refused and changes nothing', async () => {
      const first = await scan(members[5].user);
      expect(first.callback.status).toBe(200);
      expect(await joinedAt(5)).not.toBeNull();
      expect((await ds.getRepository(CommunityInvitation).findOneByOrFail({ groupId, memberId: members[5].id })).joinedVia).toBe('wecom');
      const before = await snapshotDb(ds);
      const replay = await t
        .http()
        .post(`/api/community/wecom/callback?${new URLSearchParams(first.callback.query)}`)
        .set('content-type', 'text/xml')
        .send(first.callback.body);
      expect(replay.status).toBe(409);
      expect(changedTables(before, await snapshotDb(ds))).toEqual([]);
      expect(await ds.getRepository(WecomCallback).count()).toBe(1);
    });

    it('forged, tampered and stale callbacks are refused and change nothing', async () => {
      await code(6, groupId).expect(200);
      const stale = await scan(members[6].user, { timestampOffsetSeconds: -3600 });
      expect(stale.callback.status).toBe(403);
      expect(await joinedAt(6)).toBeNull();
      const before = await snapshotDb(ds);
      const { query, body } = stale.callback;
      const now = String(Math.floor(Date.now() / 1000));
      const post = (q: Record<string, string>, b: string) =>
        t
          .http()
          .post(`/api/community/wecom/callback?${new URLSearchParams(q)}`)
          .set('content-type', 'text/xml')
          .send(b);
      // Fresh timestamp but the signature no longer matches.
      expect((await post({ ...query, timestamp: now }, body)).status).toBe(403);
      expect((await post({ ...query, msg_signature: 'f'.repeat(40) }, body)).status).toBe(403);
      const tampered = body.replace(/<Encrypt><!\[CDATA\[(.)/, (_: string, c: string) => `<Encrypt><![CDATA[${c === 'A' ? 'B' : 'A'}`);
      expect((await post(query, tampered)).status).toBe(403);
      expect((await post({}, body)).status).toBe(403);
      expect((await t.http().post('/api/community/wecom/callback').set('content-type', 'application/json').send({ Encrypt: 'x' })).status).toBe(403);
      expect(changedTables(before, await snapshotDb(ds))).toEqual([]);
      expect(await joinedAt(6)).toBeNull();
      // WeCom calls again (fresh): now it counts.
      expect((await scan(members[6].user)).callback.status).toBe(200);
      expect(await joinedAt(6)).not.toBeNull();
    });

    it('the callback URL check answers the decrypted echostr only to a signed request', async () => {
      await t.http().get('/api/community/wecom/callback?msg_signature=x&timestamp=1&nonce=1&echostr=abc').expect(403);
    });

    it('a scan by somebody who never got a code confirms nothing', async () => {
      const res = await scan(members[7].user);
      expect(res.callback.status).toBe(200);
      expect(await joinedAt(7)).toBeNull();
    });

    it('ops see the funnel per group', async () => {
      const funnel = (await t.http().get(`/api/admin/community/funnel?groupId=${groupId}`).set('authorization', ops).expect(200)).body.items[0].stages;
      expect(funnel).toMatchObject({ codeShown: 2, joined: 2 });
      const list = (await t.http().get('/api/admin/community/groups').set('authorization', ops).expect(200)).body.items;
      expect(list.find((g: { id: number }) => g.id === groupId).funnel.joined).toBe(2);
    });
  });
});
