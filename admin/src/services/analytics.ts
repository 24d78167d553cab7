import type { LiabilityReport2, LtvReport, MembersReport, PermissionMatrixView, SalesGroupView, SalesReport, SvipReport } from '@mall/shared';
import { ApiError, http, qs } from './http';
import { getSession } from './session';

export type Range = { from: string; to: string };

export const fetchSales = (r: Range) => http<SalesReport>(`/api/admin/analytics/sales${qs(r)}`);
export const fetchSalesBy = (groupBy: 'store' | 'guide' | 'channel', r: Range) =>
  http<{ items: SalesGroupView[] }>(`/api/admin/analytics/sales-by${qs({ ...r, groupBy })}`).then((x) => x.items);
export const fetchSvip = (r: Range) => http<SvipReport>(`/api/admin/analytics/svip${qs(r)}`);
export const fetchLiabilities = (r: Range) => http<LiabilityReport2>(`/api/admin/analytics/liabilities${qs(r)}`);
export const fetchMembers = () => http<MembersReport>('/api/admin/analytics/members');
export const fetchLtv = (fromMonth: string, toMonth: string) => http<LtvReport>(`/api/admin/analytics/ltv${qs({ fromMonth, toMonth })}`);
export const fetchPermissions = () => http<PermissionMatrixView>('/api/admin/permissions');

/**
 * Downloads one dashboard table as the server streams it (CSV, UTF-8 with BOM). A plain link cannot carry the
 * token; on a 401 one authorised JSON call refreshes it through the shared client, then the download is retried.
 */
export async function downloadAnalytics(params: Record<string, string>, filename: string): Promise<void> {
  const url = `/api/admin/analytics/export.csv${qs(params)}`;
  const get = () => fetch(url, { headers: { authorization: `Bearer ${getSession()?.tokens.accessToken ?? ''}` } });
  let res = await get();
  if (res.status === 401) {
    await fetchPermissions();
    res = await get();
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { code?: string; message?: string } | null;
    throw new ApiError(body?.code ?? 'DOWNLOAD_FAILED', body?.message ?? `下载失败（${res.status}）`, res.status);
  }
  const href = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 1000);
}
