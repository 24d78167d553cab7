import { create } from 'zustand';
import { beijingMonth, type PointsEntryView, type PointsSummary } from '@mall/shared';
import { fetchPoints, fetchPointsEntries, fetchSignIns } from '@/services/points.api';

interface PointsState {
  summary: PointsSummary | null;
  entries: PointsEntryView[];
  cursor: string | null;
  /** Days of this (Beijing) month the member signed in, yyyy-MM-dd. */
  signedDays: string[];
  loadingMore: boolean;
  /** The summary, the first page of entries and this month's sign-ins (the page shows loading and errors). */
  load(): Promise<PointsSummary>;
  loadMore(): Promise<void>;
}

export const usePointsStore = create<PointsState>((set, get) => ({
  summary: null,
  entries: [],
  cursor: null,
  signedDays: [],
  loadingMore: false,
  async load() {
    const [summary, page, signIns] = await Promise.all([fetchPoints(), fetchPointsEntries(), fetchSignIns(beijingMonth())]);
    set({ summary, entries: page.items, cursor: page.nextCursor, signedDays: signIns.days.map((d) => d.day) });
    return summary;
  },
  async loadMore() {
    const { cursor, loadingMore } = get();
    if (!cursor || loadingMore) return;
    set({ loadingMore: true });
    try {
      const page = await fetchPointsEntries(cursor);
      set({ entries: [...get().entries, ...page.items], cursor: page.nextCursor });
    } catch {
      // the request wrapper toasted the reason; scrolling again retries
    } finally {
      set({ loadingMore: false });
    }
  },
}));
