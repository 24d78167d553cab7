import Taro from '@tarojs/taro';
import { create } from 'zustand';
import type { ReceivedCouponView } from '@mall/shared';
import { fetchCampaignBanners, touchCampaignBanner, type CampaignBanner } from '@/services/campaign.api';
import { fetchReceivedCoupons } from '@/services/coupon.api';

/** Popups already shown on this device: each pops up once, whatever the member did with it. */
const SEEN_KEY = 'campaign-popups-seen';
/** Received coupons the member has acknowledged on this device: the notice stays until tapped or closed. */
const COUPONS_SEEN_KEY = 'received-coupons-seen';

function seenIds(key: string): number[] {
  const seen: unknown = Taro.getStorageSync(key);
  return Array.isArray(seen) ? seen.filter((id): id is number => typeof id === 'number') : [];
}
const seenPopups = () => seenIds(SEEN_KEY);

interface CampaignState {
  banners: CampaignBanner[];
  /** Coupons a campaign (or a benefit) gave the member that they have not acknowledged here yet: 收到优惠券. */
  receivedCoupons: ReceivedCouponView[];
  loadReceivedCoupons(): Promise<void>;
  /** The notice was tapped or closed: it does not come back for these coupons. */
  ackReceivedCoupons(): void;
  /** Loads the member's banners; answers the first popup not shown yet (and marks it shown). */
  load(): Promise<CampaignBanner | null>;
  /** Tapped: counts as opened, then goes to its page. */
  open(banner: CampaignBanner): Promise<void>;
  /** Closed: the server stops sending it. */
  dismiss(banner: CampaignBanner): Promise<void>;
}

export const useCampaignStore = create<CampaignState>((set, get) => ({
  banners: [],
  receivedCoupons: [],
  async loadReceivedCoupons() {
    try {
      const seen = seenIds(COUPONS_SEEN_KEY);
      set({ receivedCoupons: (await fetchReceivedCoupons()).items.filter((c) => !seen.includes(c.id)) });
    } catch {
      set({ receivedCoupons: [] });
    }
  },
  ackReceivedCoupons() {
    const ids = get().receivedCoupons.map((c) => c.id);
    Taro.setStorageSync(COUPONS_SEEN_KEY, [...seenIds(COUPONS_SEEN_KEY), ...ids].slice(-100));
    set({ receivedCoupons: [] });
  },
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
