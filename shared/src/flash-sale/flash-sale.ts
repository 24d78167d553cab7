/**
 * Flash sales (秒杀): limited deal stock at a deal price in a time window, a per-member limit, an
 * audience, and early access for members whose tier or SVIP plan grants `earlyAccessMinutes`.
 * Pure rules only: the server decides with these, the apps preview with them.
 */

export type FlashSaleAudience =
  | { kind: 'everyone' }
  /** No paid order yet. */
  | { kind: 'new_members' }
  | { kind: 'tier_at_least'; level: number }
  | { kind: 'svip' }
  | { kind: 'segment'; segmentId: number }
  /** Only members who joined this community group (a group-only perk). */
  | { kind: 'community_group'; groupId: number };

export const FLASH_SALE_AUDIENCE_LABELS: Record<FlashSaleAudience['kind'], string> = {
  everyone: '所有会员',
  new_members: '新客专享',
  tier_at_least: '指定等级及以上',
  svip: 'SVIP 专享',
  segment: '指定人群',
  community_group: '社群专享',
};

/** What the server knows about the member when it checks an audience. */
export interface FlashSaleMemberFacts {
  paidOrders: number;
  tierLevel: number;
  svip: boolean;
  inSegment: (segmentId: number) => boolean;
  inCommunityGroup: (groupId: number) => boolean;
}

export function audienceAdmits(audience: FlashSaleAudience, member: FlashSaleMemberFacts): boolean {
  switch (audience.kind) {
    case 'everyone':
      return true;
    case 'new_members':
      return member.paidOrders === 0;
    case 'tier_at_least':
      return member.tierLevel >= audience.level;
    case 'svip':
      return member.svip;
    case 'segment':
      return member.inSegment(audience.segmentId);
    case 'community_group':
      return member.inCommunityGroup(audience.groupId);
  }
}

export function describeAudience(audience: FlashSaleAudience, names: { tier?: string; segment?: string; group?: string } = {}): string {
  switch (audience.kind) {
    case 'tier_at_least':
      return `${names.tier ?? `L${audience.level}`} 及以上`;
    case 'segment':
      return `人群：${names.segment ?? `#${audience.segmentId}`}`;
    case 'community_group':
      return `社群专享：${names.group ?? `#${audience.groupId}`}`;
    default:
      return FLASH_SALE_AUDIENCE_LABELS[audience.kind];
  }
}

/** Early access is capped so that a misconfigured benefit cannot open a sale days ahead. */
export const MAX_EARLY_ACCESS_MINUTES = 24 * 60;

/** When this member may start buying: the public start minus their early-access minutes. */
export function memberStartAt(publicStartAt: Date, earlyAccessMinutes: number): Date {
  const minutes = Math.min(MAX_EARLY_ACCESS_MINUTES, Math.max(0, Math.floor(earlyAccessMinutes)));
  return new Date(publicStartAt.getTime() - minutes * 60_000);
}

export type FlashSalePhase = 'upcoming' | 'early_access' | 'live' | 'sold_out' | 'ended';

export const FLASH_SALE_PHASE_LABELS: Record<FlashSalePhase, string> = {
  upcoming: '即将开始',
  early_access: '提前抢购中',
  live: '抢购中',
  sold_out: '已抢光',
  ended: '已结束',
};

/** The phase a member sees: early access is live for them only. */
export function flashSalePhase(event: { startAt: Date; endAt: Date; stockLeft: number }, now: Date, earlyAccessMinutes = 0): FlashSalePhase {
  if (now >= event.endAt) return 'ended';
  const mine = memberStartAt(event.startAt, earlyAccessMinutes);
  if (now < mine) return 'upcoming';
  if (event.stockLeft <= 0) return 'sold_out';
  return now < event.startAt ? 'early_access' : 'live';
}

export interface FlashSaleEventInput {
  name: string;
  skuId: number;
  dealPriceFen: number;
  stockTotal: number;
  perMemberLimit: number;
  startAt: Date;
  endAt: Date;
  holdMinutes: number;
}

export interface FlashSaleProblem {
  field: string;
  message: string;
}

/** Admin validation: end after start, stock ≥ 1, price below the SKU's normal price, sane limits. */
export function validateFlashSaleEvent(input: FlashSaleEventInput, normalPriceFen: number): FlashSaleProblem[] {
  const problems: FlashSaleProblem[] = [];
  if (!input.name.trim()) problems.push({ field: 'name', message: '请填写活动名称' });
  if (!Number.isInteger(input.dealPriceFen) || input.dealPriceFen < 1) problems.push({ field: 'dealPriceFen', message: '秒杀价至少 0.01 元' });
  else if (input.dealPriceFen >= normalPriceFen) problems.push({ field: 'dealPriceFen', message: '秒杀价必须低于商品原价' });
  if (!Number.isInteger(input.stockTotal) || input.stockTotal < 1) problems.push({ field: 'stockTotal', message: '秒杀库存至少为 1' });
  if (!Number.isInteger(input.perMemberLimit) || input.perMemberLimit < 1) problems.push({ field: 'perMemberLimit', message: '每人限购至少为 1' });
  else if (input.perMemberLimit > input.stockTotal) problems.push({ field: 'perMemberLimit', message: '每人限购不能超过秒杀库存' });
  if (!(input.endAt.getTime() > input.startAt.getTime())) problems.push({ field: 'endAt', message: '结束时间必须晚于开始时间' });
  if (!Number.isInteger(input.holdMinutes) || input.holdMinutes < 1 || input.holdMinutes > 120)
    problems.push({ field: 'holdMinutes', message: '支付时限为 1–120 分钟' });
  return problems;
}

/** Stock progress for the bar: the share already taken (reserved or sold), 0–100. */
export function soldPercent(stockTotal: number, stockLeft: number): number {
  if (stockTotal <= 0) return 100;
  const taken = Math.min(stockTotal, Math.max(0, stockTotal - stockLeft));
  return Math.floor((taken * 100) / stockTotal);
}

/** A countdown as the apps show it: "2 天 03:04:05" or "03:04:05"; never negative. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(total / 86_400);
  const pad = (n: number) => String(n).padStart(2, '0');
  const clock = `${pad(Math.floor((total % 86_400) / 3600))}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
  return days > 0 ? `${days} 天 ${clock}` : clock;
}
