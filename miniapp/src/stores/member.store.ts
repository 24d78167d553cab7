import { create } from 'zustand';
import type { MemberCard, TierHistoryItem, TierSummary } from '@mall/shared';
import { fetchCard, fetchTierHistory, fetchTiers } from '@/services/member.api';

export interface MemberOverview {
  card: MemberCard;
  tiers: TierSummary[];
  history: TierHistoryItem[];
}

interface MemberState {
  overview: MemberOverview | null;
  /** Loads the card, the tier ladder and the tier history (the page shows loading and errors). */
  load(): Promise<MemberOverview>;
}

export const useMemberStore = create<MemberState>((set) => ({
  overview: null,
  async load() {
    const [card, tiers, history] = await Promise.all([fetchCard(), fetchTiers(), fetchTierHistory()]);
    const overview = { card, tiers, history: history.items };
    set({ overview });
    return overview;
  },
}));
