import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource, LessThanOrEqual } from 'typeorm';
import { yuanLabel } from '@mall/shared';
import { Sku } from '@mall/server/catalog/sku.entity';
import { OutboxService } from '@mall/server/common/outbox/outbox.service';
import { GroupBuyJobs } from '@mall/server/group-buy/group-buy.jobs';
import { GroupBuyGroup, GroupBuyMember } from '@mall/server/group-buy/group-buy.entity';
import { NotificationSend } from '@mall/server/notification/notification.entity';
import { ShopOrder } from '@mall/server/order/order.entity';
import { DemoSeeder } from '@mall/server/seed/demo-seeder';
import { simulatedOpenid } from '@mall/server/wechat/simulator/simulator-state';
import { grantSubscribeConsent, simSubscribeCalls } from '../helpers/notifications';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { simPay, waitFor } from '../helpers/wechat-pay';

const HOUR = 3_600_000;

describe('group buys: 拼团结果通知 — 成团成功 to every paid member, 拼团失败 with the refund, each exactly once', () => {
  let t: TestApp;
  let ds: DataSource;
  let ops: string;
  let sku: Sku;
  let templateId: string;
  let seq = 0;

  beforeAll(async () => {
    t = await startTestApp({ WECHAT_SIM_NOTIFY_TIME_SCALE: '0.001', PAYMENT_TTL_SECONDS: '120' });
    ds = t.app.get<DataSource>(getDataSourceToken());
    await t.app.get(DemoSeeder).seed();
    await t.createAccount({ username: 'ops-gbn', password: 'ops-gbn-pass', displayName: '运营', role: 'ops' });
    ops = `Bearer ${(await t.loginAccount('ops-gbn', 'ops-gbn-pass')).accessToken}`;
    [sku] = await ds.getRepository(Sku).find({ where: { enabled: true }, order: { priceFen: 'DESC' } });
    const scenes = (await t.http().get('/api/admin/notifications/scenes').set('authorization', ops).expect(200)).body.items;
    templateId = scenes.find((s: { scene: string }) => s.scene === 'group_result').templateId;
    expect(templateId).toBeTruthy();
  });
  afterAll(() => t?.close());

  const buyer = async (name: string, consent = true) => {
    const user = `gbn-${name}-${++seq}`;
    const login = await t.loginMember(user);
    const auth = `Bearer ${login.accessToken}`;
    const address = (
      await t
        .http()
        .post('/api/addresses')
        .set('authorization', auth)
        .send({ name: '赵六', phone: '13900139000', region: '上海市 浦东新区', detail: '世纪大道 2 号', isDefault: true })
        .expect(201)
    ).body;
    const b = { user, auth, id: login.member.id as number, addressId: address.id as number, openid: simulatedOpenid(t.config.wechat.appId, user) };
    // Two consents each: a second message of the same result would have one to use, so "once" is the code's doing.
    if (consent) await grantSubscribeConsent(t, b, templateId, 2);
    return b;
  };
  type Buyer = Awaited<ReturnType<typeof buyer>>;

  const createDeal = async (name: string, groupSize: number) =>
    (
      await t
        .http()
        .post('/api/admin/group-buys/deals')
        .set('authorization', ops)
        .send({
          name,
          skuId: sku.id,
          groupPriceFen: Math.floor(sku.priceFen / 2),
          leaderDiscountFen: 0,
          groupSize,
          timeLimitMinutes: 60,
          audience: 'everyone',
          allowRejoin: false,
          startsAt: new Date(Date.now() - HOUR).toISOString(),
          endsAt: new Date(Date.now() + 48 * HOUR).toISOString(),
        })
        .expect(201)
    ).body as { id: number };
  const pay = async (b: Buyer, result: { orderId: number; outTradeNo: string | null }) => {
    if (result.outTradeNo) await simPay(t, result.outTradeNo);
    await waitFor(async () => (await t.http().get(`/api/orders/${result.orderId}`).set('authorization', b.auth)).body.status === 'paid', 'paid');
  };
  const open = async (b: Buyer, dealId: number) => {
    const r = (
      await t
        .http()
        .post(`/api/group-buys/deals/${dealId}/open`)
        .set('authorization', b.auth)
        .send({ fulfilment: 'delivery', addressId: b.addressId })
        .expect(201)
    ).body;
    await pay(b, r);
    return r as { groupId: number; orderId: number };
  };
  const join = async (b: Buyer, groupId: number) => {
    const r = (
      await t
        .http()
        .post(`/api/group-buys/groups/${groupId}/join`)
        .set('authorization', b.auth)
        .send({ fulfilment: 'delivery', addressId: b.addressId })
        .expect(201)
    ).body;
    await pay(b, r);
    return r as { orderId: number };
  };
  const dispatchRepeatedly = async () => {
    const outbox = t.app.get(OutboxService);
    await Promise.all([outbox.dispatchDue(), outbox.dispatchDue()]);
    await outbox.dispatchDue(new Date(Date.now() + 10 * 60_000)); // past any lease: a redelivery would show here
  };
  const groupSends = (memberId: number) => ds.getRepository(NotificationSend).findBy({ memberId, scene: 'group_result' });
  const values = async (b: Buyer) => (await simSubscribeCalls(t, b.openid)).filter((c) => c.request.template_id === templateId).map((c) => c.request.data);

  it('成团成功: the Nth payment completes the group and every paid member gets one message, however often the outbox runs', async () => {
    const deal = await createDeal('两人团通知', 3);
    const [leader, second, third] = [await buyer('ok-leader'), await buyer('ok-second'), await buyer('ok-third', false)];
    const { groupId } = await open(leader, deal.id);
    await join(second, groupId);
    await dispatchRepeatedly();
    expect(await groupSends(leader.id)).toHaveLength(0); // not complete yet: nothing said
    await join(third, groupId);
    expect((await ds.getRepository(GroupBuyGroup).findOneByOrFail({ id: groupId })).status).toBe('completed');
    await dispatchRepeatedly();
    await dispatchRepeatedly();

    for (const b of [leader, second]) {
      const sends = await groupSends(b.id);
      expect(sends.map((s) => s.status)).toEqual(['sent']);
      expect(sends[0].page).toBe(`subpackages/deals/pages/group/index?id=${groupId}`);
      const sent = await values(b);
      expect(sent).toHaveLength(1);
      expect(sent[0].phrase2.value).toBe('拼团成功');
    }
    // No consent: recorded as skipped (the member still sees it in 消息通知), nothing sent to WeChat.
    expect((await groupSends(third.id)).map((s) => [s.status, s.reason])).toEqual([['skipped', 'no_consent']]);
    expect(await values(third)).toHaveLength(0);
    const notices = (await t.http().get('/api/notifications/notices').set('authorization', third.auth).expect(200)).body.items;
    expect(notices[0]).toMatchObject({ scene: 'group_result', sceneLabel: '拼团结果通知', page: `subpackages/deals/pages/group/index?id=${groupId}` });
    expect(notices[0].lines).toContainEqual({ label: '拼团结果', value: '拼团成功' });
  });

  it('拼团失败: at the time limit each paid member gets one message with the refund amount, with two job runs racing twice', async () => {
    const deal = await createDeal('失败团通知', 3);
    const [leader, second] = [await buyer('fail-leader'), await buyer('fail-second')];
    const { groupId } = await open(leader, deal.id);
    await join(second, groupId);
    const jobs = t.app.get(GroupBuyJobs);
    const later = new Date(Date.now() + 2 * HOUR);
    expect(await ds.getRepository(GroupBuyGroup).countBy({ status: 'open', expiresAt: LessThanOrEqual(later) })).toBeGreaterThanOrEqual(1);
    await waitFor(async () => {
      await Promise.all([jobs.runOnce(later), jobs.runOnce(later)]);
      return (await ds.getRepository(GroupBuyMember).countBy({ groupId, status: 'refunded' })) === 2;
    }, 'both refunded');
    await Promise.all([jobs.runOnce(later), jobs.runOnce(later)]);
    await dispatchRepeatedly();
    await dispatchRepeatedly();

    for (const b of [leader, second]) {
      const slot = await ds.getRepository(GroupBuyMember).findOneByOrFail({ groupId, memberId: b.id });
      const paid = await ds.getRepository(ShopOrder).findOneByOrFail({ id: slot.orderId });
      // Everything the member paid comes back (the deal price and the shipping), and the message says how much.
      expect(slot.refundedFen).toBe(paid.cashFen + paid.balanceFen);
      expect(slot.refundedFen).toBeGreaterThanOrEqual(slot.unitPriceFen);
      const sends = await groupSends(b.id);
      expect(sends.map((s) => s.status)).toEqual(['sent']);
      const sent = await values(b);
      expect(sent).toHaveLength(1);
      expect(sent[0].phrase2.value).toBe('拼团失败');
      expect(sent[0].thing3.value).toContain(yuanLabel(slot.refundedFen));
    }
    const notices = (await t.http().get('/api/notifications/notices').set('authorization', leader.auth).expect(200)).body.items;
    const results = notices.filter((n: { scene: string }) => n.scene === 'group_result');
    expect(results).toHaveLength(1);
    expect(results[0].lines).toContainEqual({ label: '拼团结果', value: '拼团失败' });
    // The after-sale's own 退款结果通知 sits beside it in the list.
    expect(notices.map((n: { scene: string }) => n.scene)).toContain('refund_result');
  });
});
