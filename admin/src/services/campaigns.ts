import type { CampaignDefinitionInput, CampaignDetailView, CampaignMove, CampaignView, MemberCampaignDeliveryView } from '@mall/shared';
import { http } from './http';

export const fetchCampaigns = () => http<{ items: CampaignView[] }>('/api/admin/campaigns');
export const fetchCampaign = (id: number) => http<CampaignDetailView>(`/api/admin/campaigns/${id}`);
export const createCampaign = (body: CampaignDefinitionInput) => http<CampaignView>('/api/admin/campaigns', { method: 'POST', body });
export const updateCampaign = (id: number, body: CampaignDefinitionInput) => http<CampaignView>(`/api/admin/campaigns/${id}`, { method: 'PUT', body });
export const moveCampaign = (id: number, action: CampaignMove) => http<CampaignView>(`/api/admin/campaigns/${id}/state`, { method: 'POST', body: { action } });
export const runDueCampaigns = () => http<unknown>('/api/admin/campaigns/run-due', { method: 'POST' });
export const fetchMemberCampaigns = (memberId: number) => http<{ items: MemberCampaignDeliveryView[] }>(`/api/admin/members/${memberId}/campaigns`);
