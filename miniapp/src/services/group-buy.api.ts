import type { CreateOrderResult, GroupBuyCheckoutRequest, GroupBuyDealView, GroupBuyGroupDetailView, MyGroupBuyView } from '@mall/shared';
import { request } from './request';

export type GroupBuyPayResult = CreateOrderResult & { groupId: number };

export const fetchGroupDeals = () => request<{ items: GroupBuyDealView[] }>({ url: '/api/group-buys/deals' });
export const fetchGroup = (id: number) => request<GroupBuyGroupDetailView>({ url: `/api/group-buys/groups/${id}` });
export const fetchMyGroups = () => request<{ items: MyGroupBuyView[] }>({ url: '/api/group-buys/mine' });
export const openGroup = (dealId: number, body: GroupBuyCheckoutRequest) =>
  request<GroupBuyPayResult>({ url: `/api/group-buys/deals/${dealId}/open`, method: 'POST', body });
export const joinGroup = (groupId: number, body: GroupBuyCheckoutRequest) =>
  request<GroupBuyPayResult>({ url: `/api/group-buys/groups/${groupId}/join`, method: 'POST', body });
