import { request } from './request';

/** An in-app banner or popup a campaign sent the member (GET /api/campaigns/banners). */
export interface CampaignBanner {
  id: number;
  kind: 'banner' | 'popup';
  title: string;
  body: string;
  /** A page of the mini-program, or '' for none. */
  link: string;
  expiresAt: string;
}

/** Silent: a home page without campaign banners is still a home page. */
export const fetchCampaignBanners = () => request<{ items: CampaignBanner[] }>({ url: '/api/campaigns/banners', silent: true });
export const touchCampaignBanner = (id: number, action: 'open' | 'dismiss') =>
  request<void>({ url: `/api/campaigns/banners/${id}`, method: 'POST', body: { action }, silent: true });
