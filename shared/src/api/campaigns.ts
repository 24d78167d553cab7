import type { CampaignAction, CampaignDefinitionInput, CampaignResultGroup, CampaignSchedule, CampaignStatus } from '../campaign';

/** GET /api/admin/campaigns (items): a campaign as the admin lists it. */
export interface CampaignView extends CampaignDefinitionInput {
  id: number;
  schedule: CampaignSchedule;
  actions: CampaignAction[];
  status: CampaignStatus;
  statusLabel: string;
  startsAt: string | null;
  createdAt: string;
}

/** Target against control: the control group is held out, so their conversion is what would have happened anyway. */
export interface CampaignResultsView {
  target: CampaignResultGroup & { reached: number; failed: number; opened: number };
  control: CampaignResultGroup;
  couponsUsed: number;
  /** Target conversion minus control conversion (percentage points as a fraction). */
  uplift: number;
}

/** GET /api/admin/campaigns/:id */
export interface CampaignDetailView extends CampaignView {
  segment: { id: number; name: string; description: string } | null;
  results: CampaignResultsView;
}

export type CampaignMove = 'launch' | 'pause' | 'resume' | 'cancel';

/** GET /api/admin/members/:id/campaigns (items): what campaigns did to one member (用户画像 · 收到的活动). */
export interface MemberCampaignDeliveryView {
  id: number;
  campaignId: number;
  campaignName: string;
  /** What fired: 'once' for a one-off run, a year for a birthday or a date, … */
  occurrence: string;
  cohort: 'target' | 'control';
  outcome: 'pending' | 'done' | 'failed';
  /** The first action error of a failed delivery; empty otherwise. */
  error: string;
  openedAt: string | null;
  deliveredAt: string;
}

/** GET /api/coupons/received (items): coupons given to the member (a campaign, a benefit…), for the 收到优惠券 notice. */
export interface ReceivedCouponView {
  id: number;
  name: string;
  text: string;
  /** 活动赠送, 会员权益 … */
  sourceLabel: string;
  validUntil: string;
  receivedAt: string;
}
