import type { TestApp } from './test-app';

/**
 * The member taps 允许 in wx.requestSubscribeMessage for a template: WeChat (the simulator) learns
 * the consent, and the mini-program reports WeChat's answer to the server, as the app does.
 */
export async function grantSubscribeConsent(t: TestApp, member: { user: string; auth: string }, templateId: string, times = 1): Promise<void> {
  for (let i = 0; i < times; i++) {
    const answer = await t
      .http()
      .post('/__wechat/sim/subscribe')
      .send({ user: member.user, results: { [templateId]: 'accept' } });
    if (answer.status !== 200 || answer.body[templateId] !== 'accept') throw new Error(`sim subscribe failed: ${JSON.stringify(answer.body)}`);
    const reported = await t
      .http()
      .post('/api/notifications/consents')
      .set('authorization', member.auth)
      .send({ results: { [templateId]: answer.body[templateId] } });
    if (reported.status !== 200) throw new Error(`consent report failed: ${reported.status} ${JSON.stringify(reported.body)}`);
  }
}

export interface SimSubscribeCall {
  request: { touser: string; template_id: string; data: Record<string, { value: string }>; page?: string };
  response: { errcode: number };
}

/** subscribeMessage.send calls the simulator received for one openid. */
export async function simSubscribeCalls(t: TestApp, openid: string): Promise<SimSubscribeCall[]> {
  const res = await t.http().get('/__wechat/sim/calls?api=subscribeMessage.send').expect(200);
  return (res.body.items as SimSubscribeCall[]).filter((c) => c.request.touser === openid);
}
