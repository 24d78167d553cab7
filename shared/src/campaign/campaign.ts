import { defineStateMachine } from '../state/transitions';
import { LIFECYCLE_STAGES, type LifecycleStage } from '../segment/segment-definition';

/**
 * A campaign targets a segment and does something for each member in it, at most once per member and
 * occurrence: once now, at a time, or every time a trigger fires (a birthday, a first order, …).
 *
 * draft → scheduled | running | cancelled      launch: scheduled for later, or running now
 * scheduled → running | cancelled              the job starts it at its time
 * running → paused | finished                  a one-off run finishes when every member was visited
 * paused → running | cancelled | finished
 */
export type CampaignStatus = 'draft' | 'scheduled' | 'running' | 'paused' | 'finished' | 'cancelled';

export const CAMPAIGN_STATES = defineStateMachine<CampaignStatus>(
  'campaign',
  {
    draft: ['scheduled', 'running', 'cancelled'],
    scheduled: ['running', 'cancelled'],
    running: ['paused', 'finished'],
    paused: ['running', 'cancelled', 'finished'],
    finished: [],
    cancelled: [],
  },
  { draft: '草稿', scheduled: '待开始', running: '进行中', paused: '已暂停', finished: '已结束', cancelled: '已取消' },
);

/** A guide's follow-up task from a campaign: open → done (with an outcome), once. */
export type StaffTaskStatus = 'open' | 'done';
export const STAFF_TASK_STATES = defineStateMachine<StaffTaskStatus>('staff_task', { open: ['done'], done: [] }, { open: '待跟进', done: '已完成' });

export type CampaignAction =
  | { type: 'coupon'; couponTemplateId: number }
  | { type: 'points'; points: number }
  | { type: 'benefit'; days: number }
  | { type: 'subscribe'; title: string; note: string }
  | { type: 'sms'; text: string }
  | { type: 'banner'; kind: 'banner' | 'popup'; title: string; body: string; link: string; days: number }
  | { type: 'task'; reason: string; script: string; dueDays: number };

export const CAMPAIGN_ACTION_LABELS: Record<CampaignAction['type'], string> = {
  coupon: '发优惠券',
  points: '送积分',
  benefit: '限时权益',
  subscribe: '订阅消息',
  sms: '短信',
  banner: '小程序弹窗/横幅',
  task: '导购跟进任务',
};

export type CampaignTrigger =
  | { kind: 'birthday' }
  | { kind: 'first_order' }
  | { kind: 'days_after_last_order'; days: number }
  | { kind: 'lifecycle_enter'; stage: LifecycleStage }
  | { kind: 'joined_via_poster' }
  /** A date every year (MM-DD, Beijing), for 逢年过节 greetings. */
  | { kind: 'date'; monthDay: string };

export const CAMPAIGN_TRIGGER_LABELS: Record<CampaignTrigger['kind'], string> = {
  birthday: '会员生日当天',
  first_order: '首单支付后',
  days_after_last_order: '最近下单 N 天后',
  lifecycle_enter: '进入生命周期阶段',
  joined_via_poster: '通过海报加入',
  date: '每年指定日期',
};

export type CampaignSchedule = { kind: 'now' } | { kind: 'at'; at: string } | { kind: 'trigger'; trigger: CampaignTrigger };

export interface CampaignDefinitionInput {
  name: string;
  segmentId: number | null;
  schedule: CampaignSchedule;
  actions: CampaignAction[];
  /** Held out (0–50 %) and given nothing, so the uplift is measured against them. */
  controlPercent: number;
  /** Orders within this many days of a delivery count for the campaign. */
  attributionDays: number;
  /** Deliveries per minute at most. */
  throttlePerMinute: number;
}

const TEXT = (v: unknown, max: number) => typeof v === 'string' && v.trim().length > 0 && v.length <= max;
const INT = (v: unknown, min: number, max: number) => typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max;

/** Problems with a campaign definition (path and Chinese message); empty when it can be saved. */
export function validateCampaign(input: CampaignDefinitionInput, now: Date): { path: string; message: string }[] {
  const errors: { path: string; message: string }[] = [];
  const err = (path: string, message: string) => errors.push({ path, message });
  if (!TEXT(input.name, 40)) err('name', '请填写活动名称（40 字以内）');
  if (input.segmentId === null && input.schedule?.kind !== 'trigger') err('segmentId', '请选择目标人群');
  if (!INT(input.controlPercent, 0, 50)) err('controlPercent', '对照组比例须为 0–50 的整数');
  if (!INT(input.attributionDays, 1, 30)) err('attributionDays', '归因天数须为 1–30');
  if (!INT(input.throttlePerMinute, 1, 10_000)) err('throttlePerMinute', '发送速率须为每分钟 1–10000');
  const s = input.schedule;
  if (!s || !['now', 'at', 'trigger'].includes(s.kind)) err('schedule', '请选择执行方式');
  else if (s.kind === 'at' && (typeof s.at !== 'string' || Number.isNaN(Date.parse(s.at)) || Date.parse(s.at) <= now.getTime()))
    err('schedule.at', '定时时间须晚于现在');
  else if (s.kind === 'trigger') {
    const t = s.trigger;
    if (!t || !(t.kind in CAMPAIGN_TRIGGER_LABELS)) err('schedule.trigger', '未知触发条件');
    else if (t.kind === 'days_after_last_order' && !INT(t.days, 1, 365)) err('schedule.trigger.days', '天数须为 1–365');
    else if (t.kind === 'lifecycle_enter' && !LIFECYCLE_STAGES.includes(t.stage)) err('schedule.trigger.stage', '未知生命周期阶段');
    else if (t.kind === 'date' && !/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(t.monthDay)) err('schedule.trigger.monthDay', '日期格式为 MM-DD');
  }
  if (!Array.isArray(input.actions) || input.actions.length === 0 || input.actions.length > 5) err('actions', '请设置 1–5 个动作');
  else
    input.actions.forEach((a, i) => {
      const p = `actions[${i}]`;
      switch (a?.type) {
        case 'coupon':
          if (!INT(a.couponTemplateId, 1, 2 ** 31 - 1)) err(p, '请选择优惠券');
          break;
        case 'points':
          if (!INT(a.points, 1, 100_000)) err(p, '积分须为 1–100000');
          break;
        case 'benefit':
          if (!INT(a.days, 1, 366)) err(p, '权益天数须为 1–366');
          break;
        case 'subscribe':
          if (!TEXT(a.title, 20) || !TEXT(a.note, 20)) err(p, '消息标题和内容各 20 字以内');
          break;
        case 'sms':
          if (!TEXT(a.text, 70)) err(p, '短信内容 70 字以内');
          break;
        case 'banner':
          if (!['banner', 'popup'].includes(a.kind) || !TEXT(a.title, 20) || typeof a.body !== 'string' || a.body.length > 100 || !INT(a.days, 1, 90))
            err(p, '弹窗标题 20 字、内容 100 字以内，展示 1–90 天');
          else if (typeof a.link !== 'string' || (a.link !== '' && !/^\/(pages|subpackages)\/[\w/-]+(\?[\w=&-]*)?$/.test(a.link)))
            err(p, '跳转链接须为小程序内页面');
          break;
        case 'task':
          if (!TEXT(a.reason, 40) || typeof a.script !== 'string' || a.script.length > 200 || !INT(a.dueDays, 1, 30))
            err(p, '任务原因 40 字、话术 200 字以内，1–30 天内完成');
          break;
        default:
          err(p, '未知动作');
      }
    });
  return errors;
}

/** Whether a member is in a campaign's control group: a stable hash, so a re-run puts them in the same group. */
export function inControlGroup(campaignId: number, memberId: number, controlPercent: number): boolean {
  if (controlPercent <= 0) return false;
  let h = 2166136261;
  for (const ch of `${campaignId}:${memberId}`) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 16777619) >>> 0;
  }
  return h % 100 < controlPercent;
}

export interface CampaignResultGroup {
  members: number;
  ordered: number;
  orders: number;
  gmvFen: number;
  /** ordered / members, 0 when empty. */
  conversion: number;
}

export function conversionOf(members: number, ordered: number): number {
  return members === 0 ? 0 : ordered / members;
}
