import type { AdminStoreView } from '@mall/shared';
import { http } from '../services/http';
import { useLoad } from './use-load';

/** The stores as select options (filters and forms that pick a store). */
export function useStoreOptions() {
  const stores = useLoad(() => http<{ items: AdminStoreView[] }>('/api/admin/stores'));
  const items = stores.data?.items ?? [];
  return { items, options: items.map((s) => ({ value: s.id, label: s.name })), loading: stores.loading };
}
