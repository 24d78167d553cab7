import type { MemberNoticeView } from '@mall/shared';
import { request } from './request';

export const fetchNotices = () => request<{ items: MemberNoticeView[] }>({ url: '/api/notifications/notices' });
