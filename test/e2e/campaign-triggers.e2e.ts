import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { beijingDate, DAY_MS } from '@mall/shared';
import { BenefitService } from '@mall/server/benefit/benefit.service';
import { Benefit } from '@mall/server/benefit/benefit.entity';
import { CampaignDelivery } from '@mall/server/campaign/campaign.entity';
import { CampaignService } from '@mall/server/campaign/campaign.service';
import { SimulatedSmsProvider } from '@mall/server/campaign/sms.provider';
import { Sku } from '@mall/server/catalog/sku.entity';
import { MemberFact } from '@mall/server/insight/insight.entity';
import { MemberFactService } from '@mall/server/insight/member-fact.service';
import { NotificationSend } from '@mall/server/notification/notification.entity';
import { PointsLot } from '@mall/server/points/points-lot.entity';
import { DemoSeeder } from '@mall/server/seed/demo-seeder';
import { WalletLedgerService } from '@mall/server/wallet/wallet-ledger.service';
import { simulatedOpenid } from '@mall/server/wechat/simulator/simulator-state';
import { grantSubscribeConsent, simSubscribeCalls } from '../helpers/notifications';
import { startTestApp, type TestApp } from '../helpers/test-app';

/** Beijing noon of a calendar day: a `now` for the scheduler that is unambiguously on that day. */
const beijingNoon = (date: string) => new Date(`${date}T12:00:00+08:00`);

describe('campaign schedules, triggers and actions: at a time, birthday, holiday date, N days after last order, lifecycle stage, poster join; SMS, subscribe message, benefit for a period', () => {
  let t: TestApp;
  let ds: DataSource;
  let ops: string;
  let campaigns: CampaignService;
  let facts: MemberFactService;
  let tagSeq = 0;
  /** Every JSON log line the server wrote (kept out of the test output). */
  const logLines: string[] = [];
  let logSpies: jest.SpyInstance[] = [];

  beforeAll(async () => {
    // Debug logs on: the SMS case reads what the server logs and checks no phone number or text is in it.
    logSpies = [process.stdout, process.stderr].map((stream) => {
      const write = stream.write.bind(stream);
      return jest.spyOn(stream, 'write').mockImplementation(((chunk: string | Uint8Array, ...rest: never[]) => {
        const text = String(chunk);
        if (!text.startsWith('{"')) return write(chunk, ...rest);
        logLines.push(text);
        return true;
      }) as never);
    });
    t = await startTestApp({ LOG_LEVEL: 'debug', LOG_FORMAT: 'json' });
    ds = t.app.get<DataSource>(getDataSourceToken());
    campaigns = t.app.get(CampaignService);
    facts = t.app.get(MemberFactService);
    await t.app.get(DemoSeeder).seed();
    await t.createAccount({ username: 'ops-trg', password: 'ops-trg-pass', displayName: '运营', role: 'ops' });
    ops = `Bearer ${(await t.loginAccount('ops-trg', 'ops-trg-pass')).accessToken}`;
  });
  afterAll(async () => {
    await t?.close();
    logSpies.forEach((spy) => spy.mockRestore());
  });

  async function member(user: string) {
    const login = await t.loginMember(user);
    return { id: login.member.id as number, user, auth: `Bearer ${login.accessToken}` };
  }

  /** A saved segment holding exactly these members (a manual tag), so every case targets only its own members. */
  async function segmentOf(memberIds: number[]): Promise<number> {
    tagSeq += 1;
    const tagId = (
      await t
        .http()
        .post('/api/admin/tags')
        .set('authorization', ops)
        .send({ name: `触发测试${tagSeq}` })
        .expect(201)
    ).body.id;
    await t.http().post(`/api/admin/tags/${tagId}/members`).set('authorization', ops).send({ memberIds }).expect(200);
    return (
      await t
        .http()
        .post('/api/admin/segments')
        .set('authorization', ops)
        .send({ name: `触发人群${tagSeq}`, definition: { kind: 'group', match: 'all', conditions: [{ kind: 'tag', op: 'hasAny', tagIds: [tagId] }] } })
        .expect(201)
    ).body.id;
  }

  async function launch(body: Record<string, unknown>): Promise<number> {
    const created = (
      await t
        .http()
        .post('/api/admin/campaigns')
        .set('authorization', ops)
        .send({ controlPercent: 0, attributionDays: 7, throttlePerMinute: 100, ...body })
        .expect(201)
    ).body;
    await t.http().post(`/api/admin/campaigns/${created.id}/state`).set('authorization', ops).send({ action: 'launch' }).expect(200);
    return created.id;
  }
  /** Trigger campaigns run until paused; pausing at the end of a case keeps them out of the next case's scheduler runs. */
  const pause = (id: number) => t.http().post(`/api/admin/campaigns/${id}/state`).set('authorization', ops).send({ action: 'pause' }).expect(200);
  const deliveriesOf = (campaignId: number) => ds.getRepository(CampaignDelivery).find({ where: { campaignId }, order: { id: 'ASC' } });
  const occurrences = async (campaignId: number) => (await deliveriesOf(campaignId)).map((d) => [d.memberId, d.occurrence, d.outcome]);

  async function payOrder(m: { id: number; auth: string }): Promise<void> {
    await ds.transaction((manager) =>
      t.app.get(WalletLedgerService).move(manager, {
        memberId: m.id,
        deltaPrincipalFen: 100_000,
        deltaBonusFen: 0,
        kind: 'adjust',
        refType: 'test',
        refId: 'seed',
        idempotencyKey: `trg-seed:${m.id}:${Date.now()}`,
      }),
    );
    const [sku] = await ds.getRepository(Sku).find({ order: { id: 'ASC' } });
    await t
      .http()
      .post('/api/orders')
      .set('authorization', m.auth)
      .send({ lines: [{ skuId: sku.id, quantity: 1 }], balanceToUse: 100_000, fulfilment: 'pickup', storeId: 1 })
      .expect(201);
  }

  it('a campaign scheduled `at` a time waits, then starts at that time and reaches each member once, however many runs race', async () => {
    const a = await member('trg-at-a');
    const b = await member('trg-at-b');
    await facts.refresh([a.id, b.id]);
    const at = new Date(Date.now() + 3 * 3600_000);
    const id = await launch({
      name: '定时发积分',
      segmentId: await segmentOf([a.id, b.id]),
      schedule: { kind: 'at', at: at.toISOString() },
      actions: [{ type: 'points', points: 20 }],
    });
    const view = (await t.http().get(`/api/admin/campaigns/${id}`).set('authorization', ops).expect(200)).body;
    expect(view).toMatchObject({ status: 'scheduled', startsAt: at.toISOString() });

    // Before its time: nothing starts, nothing is delivered.
    await campaigns.runDue(new Date(at.getTime() - 60_000));
    expect((await t.http().get(`/api/admin/campaigns/${id}`).set('authorization', ops).expect(200)).body.status).toBe('scheduled');
    expect(await deliveriesOf(id)).toEqual([]);

    // At its time, three scheduler runs at once: it starts once and each member gets it once.
    const due = new Date(at.getTime() + 30_000);
    const runs = await Promise.all([campaigns.runDue(due), campaigns.runDue(due), campaigns.runDue(due)]);
    expect(runs.reduce((sum, r) => sum + r.started, 0)).toBe(1);
    await campaigns.runDue(due);
    expect((await t.http().get(`/api/admin/campaigns/${id}`).set('authorization', ops).expect(200)).body.status).toBe('finished');
    expect((await occurrences(id)).sort()).toEqual(
      [
        [a.id, 'once', 'done'],
        [b.id, 'once', 'done'],
      ].sort(),
    );
    for (const m of [a, b]) expect((await ds.getRepository(PointsLot).findBy({ memberId: m.id, source: 'campaign' })).map((l) => l.amountPoints)).toEqual([20]);
  });

  it('a birthday trigger fires on the member’s birthday (Beijing date), once per member and year', async () => {
    const soon = new Date(Date.now() + 5 * DAY_MS);
    let monthDay = beijingDate(soon).slice(5);
    if (monthDay === '02-29') monthDay = '03-01';
    const year = Number(beijingDate(soon).slice(0, 4));
    const born = await member('trg-bday');
    const other = await member('trg-bday-other');
    await t
      .http()
      .patch('/api/members/me')
      .set('authorization', born.auth)
      .send({ birthday: `1990-${monthDay}` })
      .expect(200);
    const otherDay = monthDay.startsWith('06') ? '07-15' : '06-15';
    await t
      .http()
      .patch('/api/members/me')
      .set('authorization', other.auth)
      .send({ birthday: `1991-${otherDay}` })
      .expect(200);
    await facts.refresh([born.id, other.id]);

    const id = await launch({
      name: '生日礼',
      segmentId: await segmentOf([born.id, other.id]),
      schedule: { kind: 'trigger', trigger: { kind: 'birthday' } },
      actions: [{ type: 'points', points: 66 }],
    });
    await campaigns.runDue(beijingNoon(`${year}-${monthDay === '01-01' ? '01-02' : '01-01'}`));
    expect(await deliveriesOf(id)).toEqual([]);

    const birthday = beijingNoon(`${year}-${monthDay}`);
    await Promise.all([campaigns.runDue(birthday), campaigns.runDue(birthday)]);
    await campaigns.runDue(new Date(birthday.getTime() + 3600_000));
    expect(await occurrences(id)).toEqual([[born.id, String(year), 'done']]);
    // Next year's birthday is a new occurrence.
    await campaigns.runDue(beijingNoon(`${year + 1}-${monthDay}`));
    expect(await occurrences(id)).toEqual([
      [born.id, String(year), 'done'],
      [born.id, String(year + 1), 'done'],
    ]);
    await pause(id);
  });

  it('a holiday date trigger greets the segment on that day each year, once per member and year', async () => {
    const a = await member('trg-date-a');
    const b = await member('trg-date-b');
    await facts.refresh([a.id, b.id]);
    const id = await launch({
      name: '元宵节问候',
      segmentId: await segmentOf([a.id, b.id]),
      schedule: { kind: 'trigger', trigger: { kind: 'date', monthDay: '02-12' } },
      actions: [{ type: 'banner', kind: 'popup', title: '元宵节快乐', body: '汤圆已备好', link: '', days: 3 }],
    });
    await campaigns.runDue(beijingNoon('2027-02-11'));
    expect(await deliveriesOf(id)).toEqual([]);
    // Just after midnight Beijing (still the 11th in UTC): the Beijing date decides.
    const day = new Date('2027-02-12T00:05:00+08:00');
    await Promise.all([campaigns.runDue(day), campaigns.runDue(day)]);
    await campaigns.runDue(beijingNoon('2027-02-12'));
    expect((await occurrences(id)).sort()).toEqual(
      [
        [a.id, '2027', 'done'],
        [b.id, '2027', 'done'],
      ].sort(),
    );
    await campaigns.runDue(beijingNoon('2028-02-12'));
    expect(await deliveriesOf(id)).toHaveLength(4);
    // One greeting popup per year's delivery (each shows for three days from its own date).
    const popups = (await t.http().get('/api/campaigns/banners').set('authorization', a.auth).expect(200)).body.items;
    expect(popups.map((p: { title: string; kind: string }) => [p.kind, p.title])).toEqual([
      ['popup', '元宵节快乐'],
      ['popup', '元宵节快乐'],
    ]);
    await pause(id);
  });

  it('N days after the last order: fires on that day only, once; the occurrence is the order day', async () => {
    const buyer = await member('trg-lastorder');
    const idle = await member('trg-lastorder-none');
    await payOrder(buyer);
    await facts.refresh([buyer.id, idle.id]);
    const lastOrderAt = (await ds.getRepository(MemberFact).findOneByOrFail({ memberId: buyer.id })).lastOrderAt!;
    const orderDay = beijingDate(lastOrderAt);
    const id = await launch({
      name: '复购提醒',
      segmentId: await segmentOf([buyer.id, idle.id]),
      schedule: { kind: 'trigger', trigger: { kind: 'days_after_last_order', days: 14 } },
      actions: [{ type: 'points', points: 14 }],
    });
    const day = (offset: number) => beijingNoon(beijingDate(new Date(beijingNoon(orderDay).getTime() + offset * DAY_MS)));
    await campaigns.runDue(day(13));
    expect(await deliveriesOf(id)).toEqual([]);
    await Promise.all([campaigns.runDue(day(14)), campaigns.runDue(day(14))]);
    await campaigns.runDue(new Date(day(14).getTime() + 6 * 3600_000));
    await campaigns.runDue(day(15));
    expect(await occurrences(id)).toEqual([[buyer.id, orderDay, 'done']]);
    await pause(id);
  });

  it('entering a lifecycle stage fires once per entry; members who were already in the stage get nothing', async () => {
    const fresh = await member('trg-life-new');
    await payOrder(fresh);
    const id = await launch({
      name: '新客欢迎',
      segmentId: null,
      schedule: { kind: 'trigger', trigger: { kind: 'lifecycle_enter', stage: 'new' } },
      actions: [{ type: 'points', points: 10 }],
    });
    // Someone who became 新客 long ago (facts refreshed 10 days back) has not entered it now.
    const old = await member('trg-life-old');
    await payOrder(old);
    await facts.refresh([old.id], new Date(Date.now() - 10 * DAY_MS));
    await facts.refresh([old.id]);
    await facts.refresh([fresh.id]);
    expect((await ds.getRepository(MemberFact).findOneByOrFail({ memberId: fresh.id })).lifecycle).toBe('new');

    await Promise.all([campaigns.runDue(), campaigns.runDue()]);
    await campaigns.runDue();
    const mine = (await occurrences(id)).filter(([memberId]) => memberId === fresh.id || memberId === old.id);
    expect(mine).toEqual([[fresh.id, `enter:${beijingDate(new Date())}`, 'done']]);

    // A hundred days without an order (沉睡 from 90): 沉睡. A campaign on entering 沉睡 reaches them that day, once.
    const sleepy = await launch({
      name: '沉睡唤醒',
      segmentId: await segmentOf([fresh.id]),
      schedule: { kind: 'trigger', trigger: { kind: 'lifecycle_enter', stage: 'dormant' } },
      actions: [{ type: 'points', points: 5 }],
    });
    const later = new Date(Date.now() + 100 * DAY_MS);
    await facts.refresh([fresh.id], later);
    expect((await ds.getRepository(MemberFact).findOneByOrFail({ memberId: fresh.id })).lifecycle).toBe('dormant');
    await Promise.all([campaigns.runDue(later), campaigns.runDue(later)]);
    await facts.refresh([fresh.id], new Date(later.getTime() + 2 * DAY_MS));
    await campaigns.runDue(new Date(later.getTime() + 2 * DAY_MS));
    expect(await occurrences(sleepy)).toEqual([[fresh.id, `enter:${beijingDate(later)}`, 'done']]);
    await pause(id);
    await pause(sleepy);
  });

  it('joining via a store or guide poster fires the poster-join trigger once; other new members get nothing', async () => {
    const id = await launch({
      name: '海报新人礼',
      segmentId: null,
      schedule: { kind: 'trigger', trigger: { kind: 'joined_via_poster' } },
      actions: [{ type: 'points', points: 50 }],
    });
    // The mini-program code on a store poster carries scene `s<storeId>` (a guide's: `s<storeId>u<staffId>`).
    const viaPoster = (await t.http().post('/api/auth/wechat/login').send({ code: 'trg-poster:c1', scene: 's1' }).expect(200)).body.member.id;
    const plain = (await member('trg-no-poster')).id;
    await facts.refresh([viaPoster, plain]);
    await Promise.all([campaigns.runDue(), campaigns.runDue()]);
    await campaigns.runDue();
    expect(await occurrences(id)).toEqual([[viaPoster, 'join', 'done']]);
    // A day later they are no longer a new poster member: nothing more.
    await campaigns.runDue(new Date(Date.now() + 2 * DAY_MS));
    expect(await deliveriesOf(id)).toHaveLength(1);
    await pause(id);
  });

  it('SMS through the provider: members with a phone get the text once, one without fails with a reason; logs carry no phone or text', async () => {
    const withPhone = await member('trg-sms-a');
    const withoutPhone = await member('trg-sms-b');
    await t.http().post('/api/members/me/phone').set('authorization', withPhone.auth).send({ code: '13812345678:trg-sms-a' }).expect(201);
    await facts.refresh([withPhone.id, withoutPhone.id]);
    const sms = t.app.get(SimulatedSmsProvider);
    const text = '会员日全场8折，回T退订';
    const id = await launch({
      name: '会员日短信',
      segmentId: await segmentOf([withPhone.id, withoutPhone.id]),
      schedule: { kind: 'now' },
      actions: [{ type: 'sms', text }],
    });
    await Promise.all([campaigns.runDue(), campaigns.runDue()]);
    await campaigns.runDue();
    expect(sms.sent.filter((s) => s.text === text)).toEqual([{ phone: '13812345678', text, messageId: expect.any(String) }]);
    const rows = await deliveriesOf(id);
    expect(rows.map((d) => [d.memberId, d.outcome]).sort()).toEqual(
      [
        [withPhone.id, 'done'],
        [withoutPhone.id, 'failed'],
      ].sort(),
    );
    expect(rows.find((d) => d.memberId === withoutPhone.id)!.error).toContain('会员未绑定手机号');
    // The whole suite's server log so far (debug level): the sends are logged, the number and the text never.
    const log = logLines.join('');
    expect(log.match(/"msg":"sms sent"/g)).toHaveLength(1);
    expect(log).not.toContain('13812345678');
    expect(log).not.toContain('2345678');
    expect(log).not.toContain(text);
  });

  it('a subscribe message goes to members who consented (once, by the delivery), and is a recorded failure for one who did not', async () => {
    const yes = await member('trg-sub-yes');
    const no = await member('trg-sub-no');
    await facts.refresh([yes.id, no.id]);
    const scenes = (await t.http().get('/api/admin/notifications/scenes').set('authorization', ops).expect(200)).body.items;
    const templateId = scenes.find((s: { scene: string }) => s.scene === 'campaign_notice').templateId as string;
    expect(templateId).toBeTruthy();
    await grantSubscribeConsent(t, yes, templateId, 2);
    const id = await launch({
      name: '新品上市通知',
      segmentId: await segmentOf([yes.id, no.id]),
      schedule: { kind: 'now' },
      actions: [{ type: 'subscribe', title: '新品上市', note: '秋冬新品到店' }],
    });
    await Promise.all([campaigns.runDue(), campaigns.runDue()]);
    await campaigns.runDue();
    const calls = await simSubscribeCalls(t, simulatedOpenid(t.config.wechat.appId, yes.user));
    expect(calls).toHaveLength(1);
    expect(calls[0].request).toMatchObject({ template_id: templateId, data: { thing1: { value: '新品上市' }, thing2: { value: '秋冬新品到店' } } });
    expect(await simSubscribeCalls(t, simulatedOpenid(t.config.wechat.appId, no.user))).toEqual([]);
    const rows = await deliveriesOf(id);
    expect(rows.find((d) => d.memberId === yes.id)!.outcome).toBe('done');
    expect(rows.find((d) => d.memberId === no.id)).toMatchObject({ outcome: 'failed', error: expect.stringContaining('no_consent') });
    // One consent used, one left; the send is recorded once.
    expect(await ds.getRepository(NotificationSend).countBy({ memberId: yes.id, scene: 'campaign_notice', status: 'sent' })).toBe(1);
  });

  it('a benefit for a period: the `campaign` benefit source grants the attached benefit to target members while it lasts, not to the control group', async () => {
    await ds.createQueryBuilder().update(Benefit).set({ enabled: false }).where('id > 0').execute();
    const members = await Promise.all(['trg-ben-0', 'trg-ben-1', 'trg-ben-2', 'trg-ben-3', 'trg-ben-4', 'trg-ben-5'].map(member));
    await facts.refresh(members.map((m) => m.id));
    const created = (
      await t
        .http()
        .post('/api/admin/campaigns')
        .set('authorization', ops)
        .send({
          name: '七天会员折扣',
          segmentId: await segmentOf(members.map((m) => m.id)),
          schedule: { kind: 'now' },
          actions: [{ type: 'benefit', days: 7 }],
          controlPercent: 50,
          attributionDays: 7,
          throttlePerMinute: 100,
        })
        .expect(201)
    ).body;
    const benefitId = (
      await t
        .http()
        .post('/api/admin/benefits')
        .set('authorization', ops)
        .send({ name: '活动折扣', spec: { type: 'member_discount', priceBps: 9500 } })
        .expect(201)
    ).body.id;
    await t
      .http()
      .post('/api/admin/benefit-attachments')
      .set('authorization', ops)
      .send({ sourceType: 'campaign', sourceId: created.id, benefitId })
      .expect(204);
    await t.http().post(`/api/admin/campaigns/${created.id}/state`).set('authorization', ops).send({ action: 'launch' }).expect(200);
    await Promise.all([campaigns.runDue(), campaigns.runDue()]);
    await campaigns.runDue();

    const rows = await deliveriesOf(created.id);
    expect(rows).toHaveLength(members.length);
    const benefits = t.app.get(BenefitService);
    for (const m of members) {
      const cohort = rows.find((d) => d.memberId === m.id)!.cohort;
      const card = (await t.http().get('/api/members/me/card').set('authorization', m.auth).expect(200)).body;
      const granted = card.benefits.filter((b: { sources: { type: string }[] }) => b.sources.some((s) => s.type === 'campaign'));
      if (cohort === 'target') {
        expect(granted).toEqual([expect.objectContaining({ text: '全场9.5折', sources: [{ type: 'campaign', id: created.id, name: '七天会员折扣' }] })]);
        // Eight days on the period is over.
        const after = await benefits.effectiveFor(m.id, new Date(Date.now() + 8 * DAY_MS));
        expect(after.grants.filter((g) => g.source.type === 'campaign')).toEqual([]);
      } else expect(granted).toEqual([]);
    }
    expect(rows.some((d) => d.cohort === 'target')).toBe(true);
  });
});
