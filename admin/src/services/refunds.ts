import type { AdminRefundView, Page } from '@mall/shared';
import { http, qs } from './http';

/** How many refunds WeChat ended ABNORMAL or CLOSED: each needs a person (the amount is refundable again). */
export const fetchFailedRefundCount = () =>
  http<Page<AdminRefundView>>(`/api/admin/refunds${qs({ status: 'failed', page: 1, pageSize: 1 })}`).then((p) => p.total);

/** The refund list, filtered to the failed ones (the dashboard's warning links here). */
export const FAILED_REFUNDS_PATH = '/payments?tab=refunds&status=failed';
