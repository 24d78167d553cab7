import type { CursorPage, ScanBindResult, StaffMemberSummary, StaffPerformance, StaffSession, WriteOffResult } from '@mall/shared';
import { request, type Request } from './request';

/** GET /api/staff/members rows: a bound member as a list shows them. */
export type StaffMemberRow = Pick<StaffMemberSummary, 'memberId' | 'nickname' | 'phoneMasked'> & { binding: NonNullable<StaffMemberSummary['binding']> };

/** GET /api/staff/tasks rows: a follow-up a campaign assigned to the guide. */
export interface StaffTaskRow {
  id: number;
  campaignId: number;
  memberId: number;
  memberName: string;
  reason: string;
  script: string;
  dueAt: string;
  overdue: boolean;
  status: 'open' | 'done';
  outcome: string;
}

export const staffLink = (inviteCode: string, code: string) =>
  request<StaffSession>({ url: '/api/staff/auth/link', method: 'POST', body: { inviteCode, code }, auth: false, silent: true });
export const staffLogin = (code: string) => request<StaffSession>({ url: '/api/staff/auth/login', method: 'POST', body: { code }, auth: false, silent: true });

/** Calls made as staff: `send` carries the staff session's token (see stores/staff.store.ts). */
export function staffApi(send: Request) {
  return {
    /** Silent: the page shows the refusal in a dialog. */
    scanBind: (qrToken: string) => send<ScanBindResult>({ url: '/api/staff/bindings', method: 'POST', body: { qrToken }, silent: true }),
    /** A page of the caller's members (the cursor counts rows already shown) and how many there are in all. */
    members: (cursor?: string | null) =>
      send<CursorPage<StaffMemberRow> & { total: number }>({ url: `/api/staff/members?limit=20${cursor ? `&cursor=${cursor}` : ''}` }),
    member: (id: number) => send<StaffMemberSummary>({ url: `/api/staff/members/${id}` }),
    /** Silent: the page shows the refusal in a dialog. */
    writeOff: (code: string) => send<WriteOffResult>({ url: '/api/staff/write-offs', method: 'POST', body: { code }, silent: true }),
    writeOffs: () => send<{ items: WriteOffResult[] }>({ url: '/api/staff/write-offs' }),
    performance: () => send<StaffPerformance>({ url: '/api/staff/performance' }),
    poster: () => send<{ image: string }>({ url: '/api/staff/poster' }),
    tasks: (status: 'open' | 'done' = 'open', scope: 'mine' | 'store' = 'mine') =>
      send<{ items: StaffTaskRow[] }>({ url: `/api/staff/tasks?scope=${scope}&status=${status}` }),
    completeTask: (id: number, outcome: string) => send<StaffTaskRow>({ url: `/api/staff/tasks/${id}/done`, method: 'POST', body: { outcome }, silent: true }),
    transfer: (fromStaffId: number, toStaffId: number, memberId?: number) =>
      send<{ moved: number }>({ url: '/api/staff/transfers', method: 'POST', body: { fromStaffId, toStaffId, ...(memberId ? { memberId } : {}) } }),
  };
}
