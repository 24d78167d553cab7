/**
 * Group buys (拼团): pure rules shared by the server (which decides), the mini-program and admin
 * (which preview). Money in fen, time in epoch milliseconds.
 */

export type GroupBuyAudience = 'everyone' | 'new_member';
export type GroupBuyRole = 'leader' | 'member';

export const GROUP_BUY_MIN_SIZE = 2;
export const GROUP_BUY_MAX_SIZE = 10;
/** A group's clock: at least 10 minutes, at most 7 days. */
export const GROUP_BUY_MIN_MINUTES = 10;
export const GROUP_BUY_MAX_MINUTES = 7 * 24 * 60;

export const GROUP_BUY_AUDIENCE_LABELS: Record<GroupBuyAudience, string> = { everyone: '所有会员', new_member: '拉新团（仅限新会员）' };

export interface GroupBuyDealInput {
  name: string;
  skuId: number;
  groupPriceFen: number;
  leaderDiscountFen: number;
  groupSize: number;
  timeLimitMinutes: number;
  audience: GroupBuyAudience;
  allowRejoin: boolean;
  /** At the time limit, complete a group that is not full with virtual members (off unless ops turn it on). */
  fillWithVirtual?: boolean;
  startsAt: number;
  endsAt: number;
}

export interface GroupBuyDealProblem {
  field: keyof GroupBuyDealInput;
  message: string;
}

const isFen = (n: number) => Number.isSafeInteger(n) && n >= 0;

/** Every problem of a deal against the SKU's normal price; empty when it may be saved. */
export function validateGroupBuyDeal(input: GroupBuyDealInput, skuPriceFen: number): GroupBuyDealProblem[] {
  const problems: GroupBuyDealProblem[] = [];
  if (!input.name.trim()) problems.push({ field: 'name', message: '请填写活动名称' });
  if (!isFen(input.groupPriceFen) || input.groupPriceFen < 1) problems.push({ field: 'groupPriceFen', message: '拼团价至少 0.01 元' });
  else if (input.groupPriceFen >= skuPriceFen) problems.push({ field: 'groupPriceFen', message: '拼团价必须低于商品原价' });
  if (!isFen(input.leaderDiscountFen)) problems.push({ field: 'leaderDiscountFen', message: '团长优惠必须是非负整数（分）' });
  else if (isFen(input.groupPriceFen) && input.leaderDiscountFen >= input.groupPriceFen)
    problems.push({ field: 'leaderDiscountFen', message: '团长优惠必须低于拼团价' });
  if (!Number.isInteger(input.groupSize) || input.groupSize < GROUP_BUY_MIN_SIZE || input.groupSize > GROUP_BUY_MAX_SIZE)
    problems.push({ field: 'groupSize', message: `成团人数为 ${GROUP_BUY_MIN_SIZE}–${GROUP_BUY_MAX_SIZE} 人` });
  if (!Number.isInteger(input.timeLimitMinutes) || input.timeLimitMinutes < GROUP_BUY_MIN_MINUTES || input.timeLimitMinutes > GROUP_BUY_MAX_MINUTES)
    problems.push({ field: 'timeLimitMinutes', message: '成团时限为 10 分钟到 7 天' });
  if (!(input.endsAt > input.startsAt)) problems.push({ field: 'endsAt', message: '结束时间必须晚于开始时间' });
  return problems;
}

/** What one slot costs: the group price, less the leader's discount for the member who opens the group. */
export function groupBuyUnitPrice(deal: Pick<GroupBuyDealInput, 'groupPriceFen' | 'leaderDiscountFen'>, role: GroupBuyRole): number {
  return role === 'leader' ? deal.groupPriceFen - deal.leaderDiscountFen : deal.groupPriceFen;
}

/** What the server knows about a member when they ask for a slot. */
export interface GroupBuyApplicant {
  hasPhone: boolean;
  /** Paid orders that were not refunded in full. */
  paidOrders: number;
  /** Already holds or paid a slot in this group. */
  inGroup: boolean;
}

export type GroupBuyRefusal = 'NEEDS_PHONE' | 'NOT_NEW_MEMBER' | 'ALREADY_IN_GROUP';

export const GROUP_BUY_REFUSAL_MESSAGES: Record<GroupBuyRefusal, string> = {
  NEEDS_PHONE: '拉新团需先绑定手机号',
  NOT_NEW_MEMBER: '拉新团仅限未下过单的新会员参加',
  ALREADY_IN_GROUP: '你已在这个团里了',
};

/** Why a member may not take a slot, or null. The one-per-phone rule is a unique key on the server. */
export function groupBuyRefusal(deal: Pick<GroupBuyDealInput, 'audience' | 'allowRejoin'>, applicant: GroupBuyApplicant): GroupBuyRefusal | null {
  if (deal.audience === 'new_member') {
    if (!applicant.hasPhone) return 'NEEDS_PHONE';
    if (applicant.paidOrders > 0) return 'NOT_NEW_MEMBER';
  }
  if (applicant.inGroup && !deal.allowRejoin) return 'ALREADY_IN_GROUP';
  return null;
}

/** Slots of a group as the page draws them: paid members first, then empty slots. */
export function groupSlots<T>(size: number, paid: T[]): (T | null)[] {
  return Array.from({ length: size }, (_, i) => paid[i] ?? null);
}

/** Milliseconds left on a group's clock (0 when over or not started). */
export function groupMsLeft(expiresAt: number | null, now: number): number {
  return expiresAt === null ? 0 : Math.max(0, expiresAt - now);
}

/** Success rate of a deal's finished groups in basis points (completed / (completed + failed)). */
export function groupSuccessBps(completed: number, failed: number): number {
  const finished = completed + failed;
  return finished === 0 ? 0 : Math.floor((completed * 10_000) / finished);
}
