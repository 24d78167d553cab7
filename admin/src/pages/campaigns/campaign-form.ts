import dayjs from 'dayjs';
import type { CampaignAction, CampaignDefinitionInput, CampaignTrigger, LifecycleStage } from '@mall/shared';
import type { CampaignView } from '@mall/shared';

/** One action row of the editor: the fields of every action type, only those of `type` are read. */
export interface ActionRow {
  type: CampaignAction['type'];
  couponTemplateId?: number;
  points?: number;
  days?: number;
  title?: string;
  note?: string;
  text?: string;
  kind?: 'banner' | 'popup';
  body?: string;
  link?: string;
  reason?: string;
  script?: string;
  dueDays?: number;
}

/** The editor's flat form values. */
export interface CampaignForm {
  name: string;
  segmentId?: number | null;
  scheduleKind: 'now' | 'at' | 'trigger';
  /** Local date-time as the picker gives it. */
  at?: string | dayjs.Dayjs;
  triggerKind?: CampaignTrigger['kind'];
  triggerDays?: number;
  triggerStage?: LifecycleStage;
  triggerMonthDay?: string;
  actions: ActionRow[];
  controlPercent: number;
  attributionDays: number;
  throttlePerMinute: number;
}

export const EMPTY_CAMPAIGN: CampaignForm = {
  name: '',
  scheduleKind: 'now',
  actions: [{ type: 'coupon' }],
  controlPercent: 10,
  attributionDays: 7,
  throttlePerMinute: 600,
};

function triggerOf(v: CampaignForm): CampaignTrigger {
  switch (v.triggerKind) {
    case 'days_after_last_order':
      return { kind: 'days_after_last_order', days: v.triggerDays ?? 0 };
    case 'lifecycle_enter':
      return { kind: 'lifecycle_enter', stage: v.triggerStage as LifecycleStage };
    case 'date':
      return { kind: 'date', monthDay: v.triggerMonthDay ?? '' };
    case 'first_order':
    case 'joined_via_poster':
    case 'birthday':
      return { kind: v.triggerKind };
    default:
      return { kind: undefined as unknown as 'birthday' };
  }
}

function actionOf(r: ActionRow): CampaignAction {
  switch (r.type) {
    case 'coupon':
      return { type: 'coupon', couponTemplateId: r.couponTemplateId ?? 0 };
    case 'points':
      return { type: 'points', points: r.points ?? 0 };
    case 'benefit':
      return { type: 'benefit', days: r.days ?? 0 };
    case 'subscribe':
      return { type: 'subscribe', title: r.title ?? '', note: r.note ?? '' };
    case 'sms':
      return { type: 'sms', text: r.text ?? '' };
    case 'banner':
      return { type: 'banner', kind: r.kind ?? 'popup', title: r.title ?? '', body: r.body ?? '', link: r.link ?? '', days: r.days ?? 0 };
    case 'task':
      return { type: 'task', reason: r.reason ?? '', script: r.script ?? '', dueDays: r.dueDays ?? 0 };
    default:
      return r as unknown as CampaignAction;
  }
}

/** Form values → the body the server (and validateCampaign) takes. */
export function toCampaignInput(v: CampaignForm): CampaignDefinitionInput {
  return {
    name: (v.name ?? '').trim(),
    segmentId: v.segmentId ?? null,
    schedule:
      v.scheduleKind === 'at'
        ? { kind: 'at', at: v.at ? dayjs(v.at).toISOString() : '' }
        : v.scheduleKind === 'trigger'
          ? { kind: 'trigger', trigger: triggerOf(v) }
          : { kind: 'now' },
    actions: (v.actions ?? []).map(actionOf),
    controlPercent: v.controlPercent,
    attributionDays: v.attributionDays,
    throttlePerMinute: v.throttlePerMinute,
  };
}

/** A saved campaign → the editor's values. */
export function toCampaignForm(c: CampaignView): CampaignForm {
  const s = c.schedule;
  const t = s.kind === 'trigger' ? s.trigger : null;
  return {
    name: c.name,
    segmentId: c.segmentId,
    scheduleKind: s.kind,
    at: s.kind === 'at' ? dayjs(s.at) : undefined,
    triggerKind: t?.kind,
    triggerDays: t?.kind === 'days_after_last_order' ? t.days : undefined,
    triggerStage: t?.kind === 'lifecycle_enter' ? t.stage : undefined,
    triggerMonthDay: t?.kind === 'date' ? t.monthDay : undefined,
    actions: c.actions.map((a) => ({ ...a })),
    controlPercent: c.controlPercent,
    attributionDays: c.attributionDays,
    throttlePerMinute: c.throttlePerMinute,
  };
}
