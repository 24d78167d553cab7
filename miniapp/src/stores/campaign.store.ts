import Taro from '@tarojs/taro';
import { create } from 'zustand';
import { fetchCampaignBanners, touchCampaignBanner, type CampaignBanner } from '@/services/campaign.api';

/** Popups already shown on this device: each pops up once, whatever the member did with it. */
const SEEN_KEY = 'campaign-popups-seen';

function seenPopups(): number[] {
  const seen: unknown = Taro.getStorageSync(SEEN_KEY);
  return Array.isArray(seen) ? seen.filter((id): id is number => typeof id === 'number') : [];
}

interface CampaignState {
  banners: CampaignBanner[];
  /** Loads the member's banners; answers the first popup not shown yet (and marks it shown). */
  load(): Promise<CampaignBanner | null>;
  /** Tapped: counts as opened, then goes to its page. */
  open(banner: CampaignBanner): Promise<void>;
  /** Closed: the server stops sending it. */
  dismiss(banner: CampaignBanner): Promise<void>;
}

export const useCampaignStore = create<CampaignState>((set, get) => ({
  banners: [],
  async load() {
    let items: CampaignBanner[];
    try {
      items = (await fetchCampaignBanners()).items;
    } catch {
      return null;
    }
    set({ banners: items.filter((b) => b.kind === 'banner') });
    const seen = seenPopups();
    const popup = items.find((b) => b.kind === 'popup' && !seen.includes(b.id)) ?? null;
    if (popup) Taro.setStorageSync(SEEN_KEY, [...seen, popup.id].slice(-50));
    return popup;
  },
  async open(banner) {
    await touchCampaignBanner(banner.id, 'open').catch(() => undefined);
    if (banner.link) await Taro.navigateTo({ url: banner.link }).catch(() => Taro.switchTab({ url: banner.link }));
  },
  async dismiss(banner) {
    set({ banners: get().banners.filter((b) => b.id !== banner.id) });
    await touchCampaignBanner(banner.id, 'dismiss').catch(() => undefined);
  },
}));
