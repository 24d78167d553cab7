import type { GroupBuyAudience, GroupBuyDealStatsView, GroupBuyDealView, GroupBuyGroupView } from '@mall/shared';
import { http } from './http';

export interface GroupBuyDealInput {
  name: string;
  skuId: number;
  groupPriceFen: number;
  leaderDiscountFen: number;
  groupSize: number;
  timeLimitMinutes: number;
  audience: GroupBuyAudience;
  allowRejoin: boolean;
  fillWithVirtual: boolean;
  enabled: boolean;
  startsAt: string;
  endsAt: string;
}

export interface SkuOption {
  label: string;
  value: number;
  priceFen: number;
}

export const fetchGroupDeals = () => http<{ items: GroupBuyDealView[] }>('/api/admin/group-buys/deals');
export const fetchGroupDeal = (id: number) => http<GroupBuyDealView & { groups: GroupBuyGroupView[] }>(`/api/admin/group-buys/deals/${id}`);
export const createGroupDeal = (body: GroupBuyDealInput) => http<GroupBuyDealView>('/api/admin/group-buys/deals', { method: 'POST', body });
export const updateGroupDeal = (id: number, body: GroupBuyDealInput) => http<GroupBuyDealView>(`/api/admin/group-buys/deals/${id}`, { method: 'PUT', body });
export const fetchGroupStats = () => http<{ items: GroupBuyDealStatsView[] }>('/api/admin/group-buys/stats');
export const runGroupJobs = () =>
  http<{ failed: number; filled: number; refunded: number; settled: number }>('/api/admin/group-buys/run-due', { method: 'POST', body: {} });

/** Every SKU of every product, for the deal form. */
export async function fetchSkuOptions(): Promise<SkuOption[]> {
  const { items } = await http<{ items: { name: string; skus: { id: number; specs: string; priceFen: number; enabled: boolean }[] }[] }>('/api/admin/products');
  return items.flatMap((p) =>
    p.skus.filter((s) => s.enabled).map((s) => ({ label: `${p.name} · ${s.specs}（¥${(s.priceFen / 100).toFixed(2)}）`, value: s.id, priceFen: s.priceFen })),
  );
}
