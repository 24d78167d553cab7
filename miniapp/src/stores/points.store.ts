import { create } from 'zustand';
import { fetchPoints, fetchPointsEntries, fetchSignIns, type PointsEntryView, type PointsSummary } from '@/services/points.api';
import { useSessionStore } from './session.store';

interface PointsState {
  summary: PointsSummary | null;
  entries: PointsEntryView[];
  cursor: string | null;
  signedDays: string[];
  loading: boolean;
  error: string | null;
  load(): Promise<void>;
  loadMore(): Promise<void>;
}

const thisMonth = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);

export const usePointsStore = create<PointsState>((set, get) => ({
  summary: null,
  entries: [],
  cursor: null,
  signedDays: [],
  loading: false,
  error: null,
  async load() {
    set({ loading: true, error: null });
    try {
      await useSessionStore.getState().ready();
      const [summary, page, signIns] = await Promise.all([fetchPoints(), fetchPointsEntries(), fetchSignIns(thisMonth())]);
      set({ summary, entries: page.items, cursor: page.nextCursor, signedDays: signIns.days.map((d) => d.day), loading: false });
    } catch (error) {
      set({ loading: false, error: (error as Error).message || '加载失败' });
    }
  },
  async loadMore() {
    const { cursor } = get();
    if (!cursor) return;
    const page = await fetchPointsEntries(cursor);
    set({ entries: [...get().entries, ...page.items], cursor: page.nextCursor });
  },
}));
