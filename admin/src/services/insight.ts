import type {
  AssignTagRequest,
  AssignTagResult,
  CreateTagRequest,
  InsightOverview,
  MemberEventView,
  MemberInsightView,
  SaveSegmentRequest,
  SegmentGroup,
  SegmentPreviewView,
  SegmentView,
  TagGroupView,
  TagView,
} from '@mall/shared';
import { downloadFile, http } from './http';

export const fetchTagGroups = () => http<TagGroupView[]>('/api/admin/tag-groups');
export const createTagGroup = (name: string) => http<TagGroupView>('/api/admin/tag-groups', { method: 'POST', body: { name } });
export const fetchTags = () => http<{ items: TagView[] }>('/api/admin/tags');
export const createTag = (body: CreateTagRequest) => http<TagView>('/api/admin/tags', { method: 'POST', body });
export const assignTag = (tagId: number, body: AssignTagRequest) => http<AssignTagResult>(`/api/admin/tags/${tagId}/members`, { method: 'POST', body });
export const removeTag = (tagId: number, memberIds: number[]) =>
  http<{ removed: number }>(`/api/admin/tags/${tagId}/members/remove`, { method: 'POST', body: { memberIds } });

export const previewSegment = (definition: SegmentGroup) => http<SegmentPreviewView>('/api/admin/segments/preview', { method: 'POST', body: { definition } });
export const fetchSegments = () => http<{ items: SegmentView[] }>('/api/admin/segments');
export const createSegment = (body: SaveSegmentRequest) => http<{ id: number }>('/api/admin/segments', { method: 'POST', body });
export const updateSegment = (id: number, body: SaveSegmentRequest) => http<{ id: number }>(`/api/admin/segments/${id}`, { method: 'PUT', body });
export const deleteSegment = (id: number) => http<void>(`/api/admin/segments/${id}`, { method: 'DELETE' });
export const fetchOverview = () => http<InsightOverview>('/api/admin/insight/overview');

export const fetchMemberInsight = (id: number) => http<MemberInsightView>(`/api/admin/members/${id}/insight`);
export const fetchMemberEvents = (id: number, limit = 50) => http<{ items: MemberEventView[] }>(`/api/admin/members/${id}/events?limit=${limit}`);

/** Downloads a file the server streams behind the operator's token (segment exports). */
export const downloadInsightFile = (url: string, filename: string): Promise<void> => downloadFile(url, filename, fetchTagGroups);
