import type { KocCentre } from '@mall/shared';
import { request } from './request';

export const fetchKocCentre = () => request<KocCentre>({ url: '/api/koc/centre' });
export const fetchKocPoster = () => request<{ image: string; scene: string; page: string }>({ url: '/api/koc/poster' });
