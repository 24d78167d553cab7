import { create } from 'zustand';
import type { MemberCard, TierHistoryItem, TierSummary } from '@mall/shared';
import { fetchCard, fetchTierHistory, fetchTiers } from '@/services/member.api';
import { useSessionStore } from './session.store';

interface MemberState {
  card: MemberCard | null;
  tiers: TierSummary[];
  history: TierHistoryItem[];
  loading: boolean;
  error: string | null;
  load(): Promise<void>;
}

export const useMemberStore = create<MemberState>((set) => ({
  card: null,
  tiers: [],
  history: [],
  loading: false,
  error: null,
  async load() {
    set({ loading: true, error: null });
    try {
      await useSessionStore.getState().ready();
      const [card, tiers, history] = await Promise.all([fetchCard(), fetchTiers(), fetchTierHistory()]);
      set({ card, tiers, history: history.items, loading: false });
    } catch (error) {
      set({ loading: false, error: (error as Error).message || '加载失败' });
    }
  },
}));
