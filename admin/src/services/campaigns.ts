import type { CampaignAction, CampaignDefinitionInput, CampaignSchedule, CampaignStatus } from '@mall/shared';
import { http } from './http';

/** GET /api/admin/campaigns rows (the server's toCampaignView). */
export interface CampaignView extends CampaignDefinitionInput {
  id: number;
  schedule: CampaignSchedule;
  actions: CampaignAction[];
  status: CampaignStatus;
  statusLabel: string;
  startsAt: string | null;
  createdAt: string;
}

export interface CampaignGroupResult {
  members: number;
  ordered: number;
  orders: number;
  gmvFen: number;
  conversion: number;
}

export interface CampaignDetailView extends CampaignView {
  segment: { id: number; name: string; description: string } | null;
  results: {
    target: CampaignGroupResult & { reached: number; failed: number; opened: number };
    control: CampaignGroupResult;
    couponsUsed: number;
    uplift: number;
  };
}

export type CampaignMove = 'launch' | 'pause' | 'resume' | 'cancel';

export const fetchCampaigns = () => http<{ items: CampaignView[] }>('/api/admin/campaigns');
export const fetchCampaign = (id: number) => http<CampaignDetailView>(`/api/admin/campaigns/${id}`);
export const createCampaign = (body: CampaignDefinitionInput) => http<CampaignView>('/api/admin/campaigns', { method: 'POST', body });
export const updateCampaign = (id: number, body: CampaignDefinitionInput) => http<CampaignView>(`/api/admin/campaigns/${id}`, { method: 'PUT', body });
export const moveCampaign = (id: number, action: CampaignMove) => http<CampaignView>(`/api/admin/campaigns/${id}/state`, { method: 'POST', body: { action } });
export const runDueCampaigns = () => http<unknown>('/api/admin/campaigns/run-due', { method: 'POST' });
