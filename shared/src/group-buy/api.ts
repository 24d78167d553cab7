import type { GroupBuyGroupStatus, GroupBuyMemberStatus } from '../state/group-buy';
import type { GroupBuyAudience, GroupBuyRole } from './group-buy';

export interface GroupBuyDealView {
  id: number;
  name: string;
  skuId: number;
  productId: number;
  productName: string;
  imageUrl: string;
  specs: string;
  skuPriceFen: number;
  groupPriceFen: number;
  leaderDiscountFen: number;
  leaderPriceFen: number;
  groupSize: number;
  timeLimitMinutes: number;
  audience: GroupBuyAudience;
  audienceLabel: string;
  allowRejoin: boolean;
  /** Groups not full at the time limit complete with virtual members (shown and counted as such). */
  fillWithVirtual: boolean;
  enabled: boolean;
  startsAt: string;
  endsAt: string;
  /** Groups waiting for members, soonest to finish first (the member's deals list shows a few). */
  openGroups?: GroupBuyGroupView[];
}

export interface GroupBuyMemberSlotView {
  nickname: string;
  avatarUrl: string | null;
  role: GroupBuyRole;
}

export interface GroupBuyGroupView {
  id: number;
  dealId: number;
  status: GroupBuyGroupStatus;
  statusLabel: string;
  groupSize: number;
  paidCount: number;
  /** Slots taken (held or paid). */
  heldCount: number;
  expiresAt: string | null;
  completedAt: string | null;
  failedAt: string | null;
  members: GroupBuyMemberSlotView[];
  /** Slots filled by virtual members when the group completed at its time limit (not people, not orders). */
  virtualCount: number;
}

export interface GroupBuyMineView {
  memberStatus: GroupBuyMemberStatus;
  memberStatusLabel: string;
  role: GroupBuyRole;
  orderId: number;
  unitPriceFen: number;
  refundedAt: string | null;
}

export interface GroupBuyGroupDetailView extends GroupBuyGroupView {
  deal: GroupBuyDealView;
  /** The caller's own slot (the latest one when they may rejoin). */
  mine: GroupBuyMineView | null;
}

export interface MyGroupBuyView extends GroupBuyMineView {
  group: GroupBuyGroupView;
  dealName: string;
  productName: string;
  imageUrl: string;
}

export interface GroupBuyCheckoutRequest {
  fulfilment: 'delivery' | 'pickup';
  addressId?: number;
  storeId?: number;
  couponIds?: number[];
  pointsToUse?: number;
  balanceToUse?: number;
  pin?: string;
}

export interface GroupBuyDealStatsView {
  dealId: number;
  name: string;
  groupsPending: number;
  groupsOpen: number;
  groupsCompleted: number;
  groupsFailed: number;
  paidMembers: number;
  refundingMembers: number;
  refundedMembers: number;
  /** What paid members paid (cash + balance), not counting refunds. */
  paidFen: number;
  /** Cash + balance returned to members of failed groups. */
  refundedFen: number;
  successBps: number;
}
