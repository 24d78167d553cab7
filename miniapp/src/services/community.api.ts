import type { CommunityGroupType } from '@mall/shared';
import { request } from './request';

/** What a member sees of a community group (no criteria, no code pool). */
export interface MemberGroupView {
  id: number;
  type: CommunityGroupType;
  typeLabel: string;
  name: string;
  description: string;
  coverUrl: string | null;
  endsAt: string | null;
  welcomeText: string;
  hasPerk: boolean;
}

export interface MemberInvitationView {
  id: number;
  groupId: number;
  invitedAt: string | null;
  viewedAt: string | null;
  codeShownAt: string | null;
  joinedAt: string | null;
  joinedVia: 'wecom' | 'member' | 'staff' | null;
}

export interface GroupCodeAnswer {
  group: MemberGroupView;
  code: { id: number; kind: 'image' | 'wecom'; imageUrl: string; expiresAt: string };
  invitation: MemberInvitationView;
}

/** Silent: the home and 我的 cards simply do not show when this fails. */
export const fetchInvitations = (silent = false) =>
  request<{ items: (MemberInvitationView & { group: MemberGroupView })[] }>({ url: '/api/community/invitations', silent });
export const fetchInvitedGroup = (groupId: number) =>
  request<{ group: MemberGroupView; invitation: MemberInvitationView }>({ url: `/api/community/groups/${groupId}`, silent: true });
export const fetchGroupCode = (groupId: number) => request<GroupCodeAnswer>({ url: `/api/community/groups/${groupId}/code`, method: 'POST' });
export const confirmJoined = (groupId: number) => request<{ confirmed: boolean }>({ url: `/api/community/groups/${groupId}/joined`, method: 'POST' });
export const claimGroupPerk = (groupId: number) => request<{ claimed: boolean }>({ url: `/api/community/groups/${groupId}/perk`, method: 'POST' });

/** 门店活码: the store and guide a brand-poster scan leads to. */
export interface StoreCodeAnswer {
  via: 'nearest' | 'bound';
  store: { id: number; name: string; address: string; openingHours: string };
  distanceM: number | null;
  guide: { staffAccountId: number; name: string; qrCode: string | null } | null;
}

export const resolveStoreCode = (location: { latitude: number; longitude: number } | null) =>
  request<StoreCodeAnswer>({ url: '/api/community/store-code', method: 'POST', body: location ?? {} });
