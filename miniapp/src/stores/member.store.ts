import { create } from 'zustand';
import type { MemberCard, MembershipSummary, TierHistoryItem, TierSummary } from '@mall/shared';
import { fetchCard, fetchTierHistory, fetchTiers } from '@/services/member.api';
import { fetchMembership } from '@/services/membership.api';

export interface MemberOverview {
  card: MemberCard;
  tiers: TierSummary[];
  history: TierHistoryItem[];
  /** Paid membership (SVIP): the card shows its mark and expiry while active. */
  svip: Pick<MembershipSummary, 'status' | 'expiresAt' | 'currentPlan'>;
}

interface MemberState {
  overview: MemberOverview | null;
  /** Loads the card, the tier ladder, the tier history and the SVIP status (the page shows loading and errors). */
  load(): Promise<MemberOverview>;
}

export const useMemberStore = create<MemberState>((set) => ({
  overview: null,
  async load() {
    const [card, tiers, history, membership] = await Promise.all([fetchCard(), fetchTiers(), fetchTierHistory(), fetchMembership()]);
    const overview = {
      card,
      tiers,
      history: history.items,
      svip: { status: membership.status, expiresAt: membership.expiresAt, currentPlan: membership.currentPlan },
    };
    set({ overview });
    return overview;
  },
}));
