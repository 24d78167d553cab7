import { validateSegment, type SegmentGroup } from '../segment/segment-definition';

/**
 * Community groups (社群): WeChat groups ops run for members who meet their entry criteria. Criteria
 * are a segment definition, evaluated by the segments' own predicate and SQL compiler.
 */
export const COMMUNITY_GROUP_TYPES = ['koc', 'vip', 'flash', 'event'] as const;
export type CommunityGroupType = (typeof COMMUNITY_GROUP_TYPES)[number];
export const COMMUNITY_GROUP_TYPE_LABELS: Record<CommunityGroupType, string> = { koc: 'KOC群', vip: 'VIP群', flash: '快闪群', event: '活动群' };

/** WeChat group QR codes last 7 days; about 200 people can join one by scanning. */
export const DEFAULT_CODE_EXPIRY_DAYS = 7;
export const DEFAULT_CODE_CAPACITY = 200;
/** Ops are warned this long before a code expires. */
export const CODE_EXPIRY_WARNING_MS = 24 * 3600_000;
/** A pool with fewer free slots than this (over codes that stay valid past the warning window) is low. */
export const POOL_LOW_SLOTS = 50;

export interface CommunityGroupInput {
  type: CommunityGroupType;
  name: string;
  description: string;
  coverUploadId: number | null;
  /** null: open to everybody (an event group); otherwise a segment definition. */
  criteria: SegmentGroup | null;
  capacity: number;
  /** Flash groups end; when they end their members are invited on to `nextGroupId`. */
  endsAt: string | null;
  nextGroupId: number | null;
  /** A coupon template only members of the group may claim. */
  perkCouponTemplateId: number | null;
  welcomeText: string;
}

export interface CommunityRuleError {
  path: string;
  message: string;
}

export function validateCommunityGroup(input: CommunityGroupInput, now: Date, selfId: number | null = null): CommunityRuleError[] {
  const errors: CommunityRuleError[] = [];
  const name = (input.name ?? '').trim();
  if (name.length < 1 || name.length > 30) errors.push({ path: 'name', message: '群名称 1–30 个字' });
  if (!COMMUNITY_GROUP_TYPES.includes(input.type)) errors.push({ path: 'type', message: '群类型不正确' });
  if ((input.description ?? '').length > 200) errors.push({ path: 'description', message: '群介绍最多 200 字' });
  if ((input.welcomeText ?? '').length > 200) errors.push({ path: 'welcomeText', message: '欢迎语最多 200 字' });
  if (!Number.isInteger(input.capacity) || input.capacity < 1 || input.capacity > 100_000) errors.push({ path: 'capacity', message: '群容量 1–100000 人' });
  if (input.criteria !== null) {
    const problems = validateSegment(input.criteria);
    if (problems.length) errors.push({ path: `criteria${problems[0].path ? `.${problems[0].path}` : ''}`, message: problems[0].message });
  } else if (input.type === 'koc' || input.type === 'vip') errors.push({ path: 'criteria', message: 'KOC群和VIP群必须设置入群条件' });
  if (input.type === 'flash') {
    const ends = input.endsAt ? Date.parse(input.endsAt) : NaN;
    if (!Number.isFinite(ends)) errors.push({ path: 'endsAt', message: '快闪群必须设置结束时间' });
    else if (ends <= now.getTime()) errors.push({ path: 'endsAt', message: '结束时间必须晚于现在' });
    if (input.nextGroupId === null) errors.push({ path: 'nextGroupId', message: '快闪群结束后要把群成员邀请到一个会员群' });
  } else if (input.endsAt !== null && !Number.isFinite(Date.parse(input.endsAt))) errors.push({ path: 'endsAt', message: '结束时间不正确' });
  if (input.nextGroupId !== null && input.nextGroupId === selfId) errors.push({ path: 'nextGroupId', message: '不能转到本群' });
  return errors;
}

/** One entry code of a group's pool, as the rotation sees it. */
export interface GroupCodeState {
  id: number;
  expiresAt: Date;
  capacity: number;
  used: number;
  removed: boolean;
}

/** A code may be handed out: not removed, not expired at `now`, not full. */
export function codeUsable(code: GroupCodeState, now: Date): boolean {
  return !code.removed && code.expiresAt.getTime() > now.getTime() && code.used < code.capacity;
}

/**
 * The order codes are tried in: the one that expires first among the usable, so an older code is
 * filled before it lapses and the next one takes over. The server claims a slot on each in turn with
 * a conditional UPDATE; this decides only the order.
 */
export function rotationOrder(codes: GroupCodeState[], now: Date): GroupCodeState[] {
  return codes.filter((c) => codeUsable(c, now)).sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime() || a.id - b.id);
}

export type CodeWarningKind = 'expiring' | 'pool_low' | 'pool_empty';
export interface CodeWarning {
  kind: CodeWarningKind;
  codeId: number | null;
  message: string;
}

/** What ops should hear about a pool: codes expiring within 24 h, and a pool that is low or empty. */
export function poolWarnings(codes: GroupCodeState[], now: Date, lowSlots = POOL_LOW_SLOTS): CodeWarning[] {
  const warnings: CodeWarning[] = [];
  const horizon = now.getTime() + CODE_EXPIRY_WARNING_MS;
  for (const c of rotationOrder(codes, now))
    if (c.expiresAt.getTime() <= horizon) warnings.push({ kind: 'expiring', codeId: c.id, message: `群码 #${c.id} 将在 24 小时内过期` });
  const lasting = codes.filter((c) => codeUsable(c, now) && c.expiresAt.getTime() > horizon);
  const free = lasting.reduce((sum, c) => sum + (c.capacity - c.used), 0);
  if (rotationOrder(codes, now).length === 0) warnings.push({ kind: 'pool_empty', codeId: null, message: '没有可用的群码，会员拿不到入群码' });
  else if (free < lowSlots) warnings.push({ kind: 'pool_low', codeId: null, message: `群码余量不足：24 小时后仅剩 ${free} 个名额` });
  return warnings;
}

/** The invitation funnel: each stage stamped once, in order; a later stamp implies the earlier ones. */
export const FUNNEL_STAGES = ['eligible', 'invited', 'viewed', 'codeShown', 'joined', 'active'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];
export const FUNNEL_STAGE_LABELS: Record<FunnelStage, string> = {
  eligible: '符合条件',
  invited: '已邀请',
  viewed: '已查看',
  codeShown: '已领取群码',
  joined: '已入群',
  active: '入群后下单',
};
/** "Active": ordered within this many days after joining. */
export const ACTIVE_WITHIN_DAYS = 30;

export type FunnelStamps = Partial<Record<FunnelStage, Date | null>>;

/** Counts per stage; a member counts at a stage when they reached it or any later one. */
export function funnelOf(rows: FunnelStamps[]): Record<FunnelStage, number> {
  const out = Object.fromEntries(FUNNEL_STAGES.map((s) => [s, 0])) as Record<FunnelStage, number>;
  for (const row of rows) {
    let deepest = -1;
    FUNNEL_STAGES.forEach((s, i) => {
      if (row[s]) deepest = i;
    });
    for (let i = 0; i <= deepest; i += 1) out[FUNNEL_STAGES[i]] += 1;
  }
  return out;
}

/** How a join was confirmed. */
export const JOIN_CONFIRMATIONS = ['wecom', 'member', 'staff'] as const;
export type JoinConfirmation = (typeof JOIN_CONFIRMATIONS)[number];
