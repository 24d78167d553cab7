import type {
  DealReport,
  FunnelReport,
  LiabilityReport2,
  LtvReport,
  MembersReport,
  PermissionMatrixView,
  SalesGroupView,
  SalesReport,
  SvipReport,
} from '@mall/shared';
import { downloadFile, http, qs } from './http';

/** A day range; `storeId` narrows a store-dimension dashboard (brand roles; the server fixes a store manager's own store). */
export type Range = { from: string; to: string; storeId?: number };

/** Export parameters of a range (only the keys that are set). */
export const rangeParams = (r: Range): Record<string, string> => ({ from: r.from, to: r.to, ...(r.storeId ? { storeId: String(r.storeId) } : {}) });

export const fetchSales = (r: Range) => http<SalesReport>(`/api/admin/analytics/sales${qs(r)}`);
export const fetchSalesBy = (groupBy: 'store' | 'guide' | 'channel', r: Range) =>
  http<{ items: SalesGroupView[] }>(`/api/admin/analytics/sales-by${qs({ ...r, groupBy })}`).then((x) => x.items);
export const fetchSvip = (r: Range) => http<SvipReport>(`/api/admin/analytics/svip${qs(r)}`);
export const fetchLiabilities = (r: Range) => http<LiabilityReport2>(`/api/admin/analytics/liabilities${qs(r)}`);
export const fetchMembers = (storeId?: number) => http<MembersReport>(`/api/admin/analytics/members${qs({ storeId })}`);
export const fetchFunnels = (r: Range) => http<FunnelReport>(`/api/admin/analytics/funnels${qs(r)}`);
export const fetchLtv = (fromMonth: string, toMonth: string) => http<LtvReport>(`/api/admin/analytics/ltv${qs({ fromMonth, toMonth })}`);
export const fetchPermissions = () => http<PermissionMatrixView>('/api/admin/permissions');

/** Downloads one dashboard table as the server streams it (CSV, UTF-8 with BOM). */
export const downloadAnalytics = (params: Record<string, string>, filename: string): Promise<void> =>
  downloadFile(`/api/admin/analytics/export.csv${qs(params)}`, filename, fetchPermissions);

export const fetchDealReport = (r: Range) => http<DealReport>(`/api/admin/deal-report${qs(r)}`);
/** The deal report as the server streams it (CSV, UTF-8 with BOM). */
export const downloadDealReport = (r: Range): Promise<void> =>
  downloadFile(`/api/admin/deal-report/export.csv${qs(r)}`, `deal-report-${r.from}-${r.to}.csv`, fetchPermissions);
