import Taro from '@tarojs/taro';
import {
  SUBSCRIBE_MAX_TEMPLATES_PER_REQUEST,
  type MemberNotificationTemplates,
  type NotificationScene,
  type SubscribeConsentRequest,
  type SubscribeConsentResult,
  type SubscribeResult,
} from '@mall/shared';
import { request } from './request';

/** Scene → template id as ops configured them; loaded once per launch (ids change rarely). */
let templates: Map<NotificationScene, string> | null = null;
let loading: Promise<Map<NotificationScene, string>> | null = null;

function loadTemplates(): Promise<Map<NotificationScene, string>> {
  loading ??= request<MemberNotificationTemplates>({ url: '/api/notifications/templates', silent: true })
    .then((res) => (templates = new Map(res.items.map((i) => [i.scene, i.templateId]))))
    .finally(() => (loading = null));
  return loading;
}

/** Starts loading the template ids early, so a later tap can ask for consent without waiting on the network. */
export function prefetchSubscribeTemplates(): void {
  if (!templates) void loadTemplates().catch(() => undefined);
}

/** What WeChat answered, per template: accept (also with audio), reject, ban or filter. */
function resultsOf(answer: Record<string, unknown>, ids: string[]): Record<string, SubscribeResult> {
  const results: Record<string, SubscribeResult> = {};
  for (const id of ids) {
    const value = answer[id];
    if (value === 'accept' || value === 'acceptWithAudio') results[id] = 'accept';
    else if (value === 'reject' || value === 'ban' || value === 'filter') results[id] = value;
  }
  return results;
}

/**
 * H5 has no wx.requestSubscribeMessage. The bundled simulator ("WeChat") is told the member's
 * answer, so its sends later find the consent as they would in WeChat. The demo plays a member who
 * taps 允许 without a dialog (a dialog would stand between every tap and the simulated payment);
 * `localStorage['mall.subscribe'] = 'reject'` plays one who taps 取消.
 */
async function simulatorRequest(ids: string[]): Promise<Record<string, unknown>> {
  const decision = window.localStorage.getItem('mall.subscribe') === 'reject' ? 'reject' : 'accept';
  const res = await Taro.request<Record<string, unknown>>({
    url: `${API_BASE_URL}/__wechat/sim/subscribe`,
    method: 'POST',
    data: { user: window.localStorage.getItem('mall.devUser'), results: Object.fromEntries(ids.map((id) => [id, decision])) },
    header: { 'content-type': 'application/json' },
  });
  return res.data ?? {};
}

/**
 * Asks the member to allow the messages of these scenes (one message each per 允许) and reports the
 * answer to the server, which counts it. Call it first thing in the tap handler of the action that
 * earns the message (pay, recharge, buy SVIP, 提醒我, invite) and await it before opening WeChat Pay:
 * WeChat shows the dialog only from a tap, and one dialog at a time. It never throws: a refusal or a
 * failure must not block the action.
 */
export async function requestConsent(scenes: NotificationScene[]): Promise<void> {
  try {
    const known = templates ?? (await loadTemplates());
    const wanted = scenes.filter((s) => known.has(s));
    const ids = [...new Set(wanted.map((s) => known.get(s)!))].slice(0, SUBSCRIBE_MAX_TEMPLATES_PER_REQUEST);
    if (ids.length === 0) return;
    const answer =
      process.env.TARO_ENV === 'h5'
        ? await simulatorRequest(ids)
        : ((await Taro.requestSubscribeMessage({ tmplIds: ids } as Taro.requestSubscribeMessage.Option)) as unknown as Record<string, unknown>);
    const results = resultsOf(answer, ids);
    if (Object.keys(results).length === 0) return;
    const body: SubscribeConsentRequest = { results };
    await request<SubscribeConsentResult>({ url: '/api/notifications/consents', method: 'POST', body, silent: true });
  } catch {
    // The member closed the dialog, turned messages off, or the network failed: go on without consent.
  }
}
