import type { ScanBindResult, StaffMemberSummary, StaffPerformance, StaffSession, WriteOffResult } from '@mall/shared';
import { request, type RequestOptions } from './request';

export interface StaffMemberRow {
  memberId: number;
  nickname: string;
  phoneMasked: string | null;
  binding: { storeId: number; storeName: string; staffAccountId: number | null; staffName: string | null; boundAt: string; protectedUntil: string; via: string };
}

export const staffLink = (inviteCode: string, code: string) => request<StaffSession>({ url: '/api/staff/auth/link', method: 'POST', data: { inviteCode, code }, auth: false, silent: true });
export const staffLogin = (code: string) => request<StaffSession>({ url: '/api/staff/auth/login', method: 'POST', data: { code }, auth: false, silent: true });

/** Calls made with the staff session's token (see stores/staff.store.ts for re-login on expiry). */
export function staffApi(send: <T>(options: RequestOptions) => Promise<T>) {
  return {
    scanBind: (qrToken: string) => send<ScanBindResult>({ url: '/api/staff/bindings', method: 'POST', data: { qrToken } }),
    members: () => send<{ items: StaffMemberRow[] }>({ url: '/api/staff/members' }),
    member: (id: number) => send<StaffMemberSummary>({ url: `/api/staff/members/${id}` }),
    writeOff: (code: string) => send<WriteOffResult>({ url: '/api/staff/write-offs', method: 'POST', data: { code } }),
    writeOffs: () => send<{ items: WriteOffResult[] }>({ url: '/api/staff/write-offs' }),
    performance: () => send<StaffPerformance>({ url: '/api/staff/performance' }),
    poster: () => send<{ image: string }>({ url: '/api/staff/poster' }),
    transfer: (fromStaffId: number, toStaffId: number, memberId?: number) => send<{ moved: number }>({ url: '/api/staff/transfers', method: 'POST', data: { fromStaffId, toStaffId, ...(memberId ? { memberId } : {}) } }),
  };
}
