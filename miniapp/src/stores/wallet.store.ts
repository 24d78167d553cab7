import { create } from 'zustand';
import type { RechargeOptions, WalletEntryView, WalletSummary } from '@mall/shared';
import { fetchEntries, fetchRechargeOptions, fetchWallet } from '@/services/wallet.api';

export interface WalletOverview {
  summary: WalletSummary;
  options: RechargeOptions;
}

interface WalletState {
  overview: WalletOverview | null;
  entries: WalletEntryView[];
  cursor: string | null;
  loadingMore: boolean;
  /** Balance, recharge options and the first page of entries (the page shows loading and errors). */
  load(): Promise<WalletOverview>;
  loadMore(): Promise<void>;
}

export const useWalletStore = create<WalletState>((set, get) => ({
  overview: null,
  entries: [],
  cursor: null,
  loadingMore: false,
  async load() {
    const [summary, options, page] = await Promise.all([fetchWallet(), fetchRechargeOptions(), fetchEntries()]);
    const overview = { summary, options };
    set({ overview, entries: page.items, cursor: page.nextCursor });
    return overview;
  },
  async loadMore() {
    const { cursor, loadingMore } = get();
    if (!cursor || loadingMore) return;
    set({ loadingMore: true });
    try {
      const page = await fetchEntries(cursor);
      set({ entries: [...get().entries, ...page.items], cursor: page.nextCursor });
    } catch {
      // the request wrapper toasted the reason; scrolling again retries
    } finally {
      set({ loadingMore: false });
    }
  },
}));
