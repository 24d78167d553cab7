import type { CodeWarning, CommunityGroupInput, CommunityGroupType, FunnelStage, SegmentGroup } from '@mall/shared';
import { http } from '../../services/http';

/** GET /api/admin/community/groups rows (the server's toGroupView plus funnel and warnings). */
export interface CommunityGroupView {
  id: number;
  type: CommunityGroupType;
  typeLabel: string;
  name: string;
  description: string;
  coverUploadId: number | null;
  coverUrl: string | null;
  criteria: SegmentGroup | null;
  criteriaText: string;
  capacity: number;
  endsAt: string | null;
  nextGroupId: number | null;
  perkCouponTemplateId: number | null;
  welcomeText: string;
  enabled: boolean;
  createdAt: string;
  funnel?: Record<FunnelStage, number>;
  warnings?: CodeWarning[];
}

export interface GroupCodeView {
  id: number;
  kind: 'image' | 'wecom';
  imageUrl: string;
  label: string;
  capacity: number;
  used: number;
  expiresAt: string;
  expired: boolean;
  full: boolean;
}

export interface GroupDetailResponse extends Omit<CommunityGroupView, 'funnel'> {
  eligibleCount: number;
  codes: GroupCodeView[];
  warnings: CodeWarning[];
  funnel: { stage: FunnelStage; label: string; count: number }[];
}

export const fetchGroups = () => http<{ items: CommunityGroupView[] }>('/api/admin/community/groups');
export const fetchGroup = (id: number) => http<GroupDetailResponse>(`/api/admin/community/groups/${id}`);
export const createGroup = (body: CommunityGroupInput) => http<CommunityGroupView>('/api/admin/community/groups', { method: 'POST', body });
export const updateGroup = (id: number, body: CommunityGroupInput) => http<CommunityGroupView>(`/api/admin/community/groups/${id}`, { method: 'PUT', body });
export const setGroupEnabled = (id: number, enabled: boolean) =>
  http<CommunityGroupView>(`/api/admin/community/groups/${id}/enabled`, { method: 'POST', body: { enabled } });
export const eligibleCount = (criteria: SegmentGroup | null) =>
  http<{ count: number }>('/api/admin/community/eligible-count', { method: 'POST', body: { criteria } });
export const addImageCode = (groupId: number, body: { uploadId: number; expiresInDays?: number; capacity?: number; label?: string }) =>
  http<GroupCodeView>(`/api/admin/community/groups/${groupId}/codes`, { method: 'POST', body });
export const addWecomCode = (groupId: number) => http<GroupCodeView>(`/api/admin/community/groups/${groupId}/wecom-codes`, { method: 'POST', body: {} });
export const removeCode = (groupId: number, codeId: number) => http<void>(`/api/admin/community/groups/${groupId}/codes/${codeId}`, { method: 'DELETE' });
export const fetchWarnings = () =>
  http<{ now: { groupId: number; groupName: string; warnings: CodeWarning[] }[]; daily: { day: string; summary: unknown }[] }>('/api/admin/community/warnings');
export const runNightly = () => http<unknown>('/api/admin/community/run-nightly', { method: 'POST' });
export interface WarningDigestView {
  day: string;
  sentAt: string;
  total: number;
  groups: { groupId: number; groupName: string; warnings: CodeWarning[] }[];
}
export const fetchWarningDigests = () => http<{ items: WarningDigestView[] }>('/api/admin/community/warning-digests');
export const fetchStorePoster = () => http<{ image: string; scene: string; page: string }>('/api/admin/community/store-poster');
