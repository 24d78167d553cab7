import { create } from 'zustand';
import { beijingMonth, type PointsSummary } from '@mall/shared';
import { fetchPoints, fetchSignIns } from '@/services/points.api';

interface PointsState {
  summary: PointsSummary | null;
  /** Days of this (Beijing) month the member signed in, yyyy-MM-dd. */
  signedDays: string[];
  /** The summary and this month's sign-ins (the page shows loading and errors; the ledger pages itself). */
  load(): Promise<PointsSummary>;
}

export const usePointsStore = create<PointsState>((set) => ({
  summary: null,
  signedDays: [],
  async load() {
    const [summary, signIns] = await Promise.all([fetchPoints(), fetchSignIns(beijingMonth())]);
    set({ summary, signedDays: signIns.days.map((d) => d.day) });
    return summary;
  },
}));
