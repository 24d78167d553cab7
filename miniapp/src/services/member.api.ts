import type { MemberCard, MemberProfile, MemberQr, TierHistoryItem, TierSummary } from '@mall/shared';
import { request } from './request';

export const fetchMe = () => request<MemberProfile>({ url: '/api/members/me' });
export const fetchCard = () => request<MemberCard>({ url: '/api/members/me/card' });
export const fetchTierHistory = () => request<{ items: TierHistoryItem[] }>({ url: '/api/members/me/tier-history' });
export const fetchTiers = () => request<TierSummary[]>({ url: '/api/tiers', auth: false });
export const fetchQr = () => request<MemberQr>({ url: '/api/members/me/qr', silent: true });
export const bindPhone = (code: string) => request<MemberProfile>({ url: '/api/members/me/phone', method: 'POST', body: { code } });
