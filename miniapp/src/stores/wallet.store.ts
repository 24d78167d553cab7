import { create } from 'zustand';
import type { RechargeOptions, WalletEntryView, WalletSummary } from '@mall/shared';
import { fetchEntries, fetchRechargeOptions, fetchWallet } from '@/services/wallet.api';
import { useSessionStore } from './session.store';

interface WalletState {
  summary: WalletSummary | null;
  options: RechargeOptions | null;
  entries: WalletEntryView[];
  cursor: string | null;
  hasMore: boolean;
  loading: boolean;
  loadingMore: boolean;
  error: string | null;
  load(): Promise<void>;
  loadMore(): Promise<void>;
}

export const useWalletStore = create<WalletState>((set, get) => ({
  summary: null,
  options: null,
  entries: [],
  cursor: null,
  hasMore: false,
  loading: false,
  loadingMore: false,
  error: null,
  async load() {
    set({ loading: true, error: null });
    try {
      await useSessionStore.getState().ready();
      const [summary, options, page] = await Promise.all([fetchWallet(), fetchRechargeOptions(), fetchEntries()]);
      set({ summary, options, entries: page.items, cursor: page.nextCursor, hasMore: page.nextCursor !== null, loading: false });
    } catch (error) {
      set({ loading: false, error: (error as Error).message || '加载失败' });
    }
  },
  async loadMore() {
    const { cursor, hasMore, loadingMore } = get();
    if (!hasMore || loadingMore) return;
    set({ loadingMore: true });
    try {
      const page = await fetchEntries(cursor);
      set({ entries: [...get().entries, ...page.items], cursor: page.nextCursor, hasMore: page.nextCursor !== null });
    } finally {
      set({ loadingMore: false });
    }
  },
}));
