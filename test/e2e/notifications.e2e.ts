import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { NOTIFICATION_SCENE_KEYS, type NotificationScene, type WechatTemplateView } from '@mall/shared';
import { OutboxService } from '@mall/server/common/outbox/outbox.service';
import { NotificationConsent, NotificationSend } from '@mall/server/notification/notification.entity';
import { NotificationService } from '@mall/server/notification/notification.service';
import { DemoSeeder } from '@mall/server/seed/demo-seeder';
import { simulatedOpenid } from '@mall/server/wechat/simulator/simulator-state';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { grantSubscribeConsent, simSubscribeCalls } from '../helpers/notifications';
import { simPay, waitFor } from '../helpers/wechat-pay';

describe('subscribe messages: configured templates, counted consents, every attempt recorded', () => {
  let t: TestApp;
  let ds: DataSource;
  let notifications: NotificationService;
  let ops: string;
  let wechatTemplates: WechatTemplateView[];
  const templateOf = (scene: NotificationScene) => wechatTemplates.find((tpl) => tpl.title === sceneTitles[scene])!.templateId;
  let sceneTitles: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp({ WECHAT_SIM_NOTIFY_TIME_SCALE: '0.001' });
    ds = t.app.get<DataSource>(getDataSourceToken());
    notifications = t.app.get(NotificationService);
    await t.app.get(DemoSeeder).seed();
    await t.createAccount({ username: 'ops-msg', password: 'ops-msg-pass', displayName: '运营', role: 'ops' });
    ops = `Bearer ${(await t.loginAccount('ops-msg', 'ops-msg-pass')).accessToken}`;
    wechatTemplates = (await t.http().get('/api/admin/notifications/wechat-templates').set('authorization', ops).expect(200)).body.items;
    const scenes = (await t.http().get('/api/admin/notifications/scenes').set('authorization', ops).expect(200)).body.items;
    sceneTitles = Object.fromEntries(scenes.map((s: { scene: string; label: string }) => [s.scene, s.label]));
  });
  afterAll(() => t?.close());

  async function member(user: string) {
    const login = await t.loginMember(user);
    return { id: login.member.id as number, user, auth: `Bearer ${login.accessToken}`, openid: simulatedOpenid(t.config.wechat.appId, user) };
  }

  const consent = (m: { user: string; auth: string }, templateId: string, times = 1) => grantSubscribeConsent(t, m, templateId, times);

  const sendsOf = (memberId: number, scene?: string) =>
    ds.getRepository(NotificationSend).find({ where: { memberId, ...(scene ? { scene } : {}) }, order: { id: 'ASC' } });
  const simCallsTo = (openid: string) => simSubscribeCalls(t, openid);

  const couponData = { thing1: '新人满 100 减 20', date2: '2026-12-01', thing3: '优惠券即将到期，别忘了使用' };

  it('only ops (and admins) configure scenes and read the log; a change is audited', async () => {
    const m = await member('msg-nosy');
    await t.createAccount({ username: 'fin-msg', password: 'fin-msg-pass', displayName: '财务', role: 'finance' });
    const finance = `Bearer ${(await t.loginAccount('fin-msg', 'fin-msg-pass')).accessToken}`;
    await t.http().get('/api/admin/notifications/scenes').expect(401);
    await t.http().get('/api/admin/notifications/scenes').set('authorization', m.auth).expect(403);
    await t.http().get('/api/admin/notifications/sends').set('authorization', finance).expect(403);
    await t.http().put('/api/admin/notifications/scenes/order_paid').set('authorization', finance).send({ templateId: null, enabled: false }).expect(403);
    const admin = `Bearer ${(await t.loginAccount('admin')).accessToken}`;
    await t.http().get('/api/admin/notifications/sends').set('authorization', admin).expect(200);

    const scenes = (await t.http().get('/api/admin/notifications/scenes').set('authorization', ops).expect(200)).body.items;
    expect(scenes.map((s: { scene: string }) => s.scene)).toEqual(NOTIFICATION_SCENE_KEYS);
    // The simulated account offers a template per scene with exactly the scene's keys, and the demo uses them.
    for (const s of scenes) {
      expect(s.templateId).toBe(templateOf(s.scene));
      expect(wechatTemplates.find((tpl) => tpl.templateId === s.templateId)!.keys).toEqual(s.fields.map((f: { key: string }) => f.key));
    }

    await t.http().put('/api/admin/notifications/scenes/nope').set('authorization', ops).send({ templateId: null, enabled: true }).expect(400);
    await t.http().put('/api/admin/notifications/scenes/deal_reminder').set('authorization', ops).send({ templateId: 'bad id!', enabled: true }).expect(400);
    await t.http().put('/api/admin/notifications/scenes/deal_reminder').set('authorization', ops).send({ templateId: null }).expect(400);
    const cleared = (
      await t.http().put('/api/admin/notifications/scenes/deal_reminder').set('authorization', ops).send({ templateId: null, enabled: true }).expect(200)
    ).body;
    expect(cleared).toMatchObject({ scene: 'deal_reminder', label: '活动开始提醒', templateId: null, enabled: true });
    const audit = (await t.http().get('/api/admin/audit-logs?action=notification.scene.update').set('authorization', ops).expect(200)).body.items;
    expect(audit[0]).toMatchObject({
      target: { type: 'notification_scene', id: 'deal_reminder' },
      details: { before: { templateId: templateOf('deal_reminder'), enabled: true }, after: { templateId: null, enabled: true } },
    });
  });

  it('a scene without a template is skipped and recorded, and members are not asked for it', async () => {
    const m = await member('msg-unconfigured');
    await t.http().put('/api/admin/notifications/scenes/deal_reminder').set('authorization', ops).send({ templateId: null, enabled: true }).expect(200);
    const offered = (await t.http().get('/api/notifications/templates?scenes=deal_reminder,coupon_expiring').set('authorization', m.auth).expect(200)).body
      .items;
    expect(offered).toEqual([{ scene: 'coupon_expiring', templateId: templateOf('coupon_expiring') }]);
    await t.http().get('/api/notifications/templates?scenes=nope').set('authorization', m.auth).expect(400);

    const outcome = await notifications.notify(m.id, 'deal_reminder', { thing1: '周末咖啡节', time2: '2026-12-05 10:00', thing3: '活动即将开始' });
    expect(outcome).toMatchObject({ status: 'skipped', reason: 'no_template' });
    expect(await simCallsTo(m.openid)).toHaveLength(0);

    await t
      .http()
      .put('/api/admin/notifications/scenes/coupon_expiring')
      .set('authorization', ops)
      .send({ templateId: templateOf('coupon_expiring'), enabled: false });
    expect(await notifications.notify(m.id, 'coupon_expiring', couponData)).toMatchObject({ status: 'skipped', reason: 'disabled' });
    await t
      .http()
      .put('/api/admin/notifications/scenes/coupon_expiring')
      .set('authorization', ops)
      .send({ templateId: templateOf('coupon_expiring'), enabled: true });

    const log = (await t.http().get(`/api/admin/notifications/sends?scene=deal_reminder&status=skipped&memberId=${m.id}`).set('authorization', ops).expect(200))
      .body;
    expect(log.total).toBe(1);
    expect(log.items[0]).toMatchObject({ sceneLabel: '活动开始提醒', statusText: '已跳过', reason: 'no_template', reasonText: '未配置模板', errcode: null });
  });

  it('without consent nothing is sent and the attempt is recorded as skipped (no_consent)', async () => {
    const m = await member('msg-no-consent');
    const outcome = await notifications.notify(m.id, 'coupon_expiring', couponData);
    expect(outcome).toMatchObject({ status: 'skipped', reason: 'no_consent', errcode: null });
    expect(await simCallsTo(m.openid)).toHaveLength(0);
    const [row] = await sendsOf(m.id);
    expect(row).toMatchObject({ status: 'skipped', reason: 'no_consent', templateId: templateOf('coupon_expiring') });
    expect(JSON.parse(row.data)).toEqual(couponData);
  });

  it('one consent allows exactly one send: the first is delivered, the second skipped', async () => {
    const m = await member('msg-one');
    const templateId = templateOf('coupon_expiring');
    // A reject and an id no scene uses count nothing.
    const rejected = await t
      .http()
      .post('/api/notifications/consents')
      .set('authorization', m.auth)
      .send({ results: { [templateId]: 'reject', [templateOf('invitation').replace(/.$/, 'x')]: 'accept' } })
      .expect(200);
    expect(rejected.body.accepted).toEqual([]);
    await t
      .http()
      .post('/api/notifications/consents')
      .set('authorization', m.auth)
      .send({ results: { [templateId]: 'maybe' } })
      .expect(400);
    await t.http().post('/api/notifications/consents').set('authorization', m.auth).send({ results: [] }).expect(400);
    await consent(m, templateId);
    expect(await notifications.consentsLeft(m.id, templateId)).toBe(1);

    expect(await notifications.notify(m.id, 'coupon_expiring', { ...couponData, thing1: '一张名字特别特别特别特别长的咖啡九折优惠券' })).toMatchObject({
      status: 'sent',
    });
    expect(await notifications.notify(m.id, 'coupon_expiring', couponData)).toMatchObject({ status: 'skipped', reason: 'no_consent' });
    const calls = await simCallsTo(m.openid);
    expect(calls).toHaveLength(1);
    expect(calls[0].response.errcode).toBe(0);
    expect(calls[0].request).toMatchObject({ template_id: templateId, page: 'subpackages/mall/pages/coupons/index' });
    expect([...calls[0].request.data.thing1.value]).toHaveLength(20); // a long name is cut to WeChat's 20 characters
    expect((await sendsOf(m.id)).map((s) => s.status)).toEqual(['sent', 'skipped']);
    expect(await notifications.consentsLeft(m.id, templateId)).toBe(0);
  });

  it('concurrent sends with one consent: exactly one is sent', async () => {
    const m = await member('msg-race');
    const templateId = templateOf('coupon_expiring');
    await consent(m, templateId);
    const outcomes = await Promise.all(Array.from({ length: 8 }, () => notifications.notify(m.id, 'coupon_expiring', couponData)));
    expect(outcomes.filter((o) => o?.status === 'sent')).toHaveLength(1);
    expect(outcomes.filter((o) => o?.status === 'skipped' && o.reason === 'no_consent')).toHaveLength(7);
    expect((await simCallsTo(m.openid)).filter((c) => c.response.errcode === 0)).toHaveLength(1);
    expect((await ds.getRepository(NotificationConsent).findOneByOrFail({ memberId: m.id, templateId })).remaining).toBe(0);
  });

  it('WeChat refusals are recorded as failed with their errcode: 40037 bad template, 47003 wrong keys, 43101 no consent at WeChat', async () => {
    const m = await member('msg-refused');
    // 40037: a well-formed id the account does not have. The consent is the member's still: WeChat did not use it.
    const unknownId = 'x'.repeat(43);
    await t.http().put('/api/admin/notifications/scenes/invitation').set('authorization', ops).send({ templateId: unknownId, enabled: true }).expect(200);
    await t
      .http()
      .post('/api/notifications/consents')
      .set('authorization', m.auth)
      .send({ results: { [unknownId]: 'accept' } })
      .expect(200);
    const bad = await notifications.notify(m.id, 'invitation', { thing1: '小明', thing2: '100 积分', time3: '2026-11-26 10:00' });
    expect(bad).toMatchObject({ status: 'failed', errcode: 40037 });
    expect((await sendsOf(m.id, 'invitation'))[0]).toMatchObject({ status: 'failed', errcode: 40037, errorMessage: 'invalid template id' });
    expect(await notifications.consentsLeft(m.id, unknownId)).toBe(1);

    // 47003: a real template whose keys are not the scene's.
    const generic = wechatTemplates.find((tpl) => tpl.title === '服务通知')!.templateId;
    await t.http().put('/api/admin/notifications/scenes/invitation').set('authorization', ops).send({ templateId: generic, enabled: true }).expect(200);
    await consent(m, generic);
    expect(await notifications.notify(m.id, 'invitation', { thing1: '小明', thing2: '100 积分', time3: '2026-11-26 10:00' })).toMatchObject({
      status: 'failed',
      errcode: 47003,
    });

    // 43101: our count says yes (the app reported a consent) but WeChat has none: the count is not given back.
    await t
      .http()
      .put('/api/admin/notifications/scenes/invitation')
      .set('authorization', ops)
      .send({ templateId: templateOf('invitation'), enabled: true })
      .expect(200);
    await t
      .http()
      .post('/api/notifications/consents')
      .set('authorization', m.auth)
      .send({ results: { [templateOf('invitation')]: 'accept' } })
      .expect(200);
    expect(await notifications.notify(m.id, 'invitation', { thing1: '小明', thing2: '100 积分', time3: '2026-11-26 10:00' })).toMatchObject({
      status: 'failed',
      errcode: 43101,
    });
    expect(await notifications.consentsLeft(m.id, templateOf('invitation'))).toBe(0);

    const failed = (await t.http().get(`/api/admin/notifications/sends?status=failed&memberId=${m.id}`).set('authorization', ops).expect(200)).body;
    expect(failed.items.map((s: { errcode: number }) => s.errcode)).toEqual([43101, 47003, 40037]);
    expect(failed.items[0]).toMatchObject({ statusText: '发送失败', sceneLabel: '邀请成功通知' });
  });

  it('an order paid through the simulator sends one order_paid message via the outbox, however often it is dispatched', async () => {
    const m = await member('msg-buyer');
    const templateId = templateOf('order_paid');
    await consent(m, templateId, 2);
    const order = (
      await t
        .http()
        .post('/api/orders')
        .set('authorization', m.auth)
        .send({ lines: [{ skuId: 1, quantity: 2 }], fulfilment: 'pickup', storeId: 1 })
        .expect(201)
    ).body;
    await simPay(t, order.outTradeNo);
    await waitFor(async () => (await t.http().get(`/api/orders/${order.orderId}`).set('authorization', m.auth)).body.status === 'paid', 'order paid');
    const outbox = t.app.get(OutboxService);
    await Promise.all([outbox.dispatchDue(), outbox.dispatchDue()]);
    await outbox.dispatchDue();
    await outbox.dispatchDue(new Date(Date.now() + 60_000)); // past any lease: a redelivery would show here

    const sends = await sendsOf(m.id, 'order_paid');
    expect(sends).toHaveLength(1);
    expect(sends[0]).toMatchObject({
      status: 'sent',
      dedupeKey: `order.paid:${order.orderId}`,
      page: `subpackages/mall/pages/order/index?id=${order.orderId}`,
    });
    const calls = await simCallsTo(m.openid);
    expect(calls).toHaveLength(1);
    const view = (await t.http().get(`/api/orders/${order.orderId}`).set('authorization', m.auth)).body;
    expect(calls[0].request.data).toMatchObject({
      character_string1: { value: view.orderNo },
      thing2: { value: expect.stringMatching(/等2件$/) },
      amount3: { value: `¥${(order.cashFen / 100).toFixed(2)}` }, // no balance used: all of it was cash
    });
    expect(await notifications.consentsLeft(m.id, templateId)).toBe(1);

    // A pickup order made ready (the fulfilment service publishes order.shipped) tells the member where to collect it.
    await consent(m, templateOf('pickup_ready'));
    await ds.transaction((manager) =>
      outbox.publish(manager, 'order.shipped', { orderId: order.orderId, memberId: m.id, fulfilment: 'pickup', shipmentId: null }),
    );
    await outbox.dispatchDue();
    const ready = await sendsOf(m.id, 'pickup_ready');
    expect(ready).toHaveLength(1);
    expect(ready[0].status).toBe('sent');
    expect(JSON.parse(ready[0].data).thing2).toBe('上海南京西路旗舰店');
  });
});
