import type { TierSummary } from './catalog';

/** GET /api/admin/tiers */
export interface AdminTierList {
  items: TierSummary[];
  /** Configuration advice (e.g. more than four tiers); saving is still allowed. */
  warnings: string[];
}

/** POST /api/admin/tiers and PATCH /api/admin/tiers/:id */
export interface TierRequest {
  level: number;
  name: string;
  growthThreshold: number;
  /** #RRGGBB */
  color?: string;
  description?: string;
}

/** What POST /api/admin/tiers and PATCH /api/admin/tiers/:id answer. */
export interface TierSaveResult {
  tier: TierSummary;
  warnings: string[];
}

/** GET/PUT /api/admin/tier-settings: growth and evaluation policy (one row). */
export interface TierSettingsView {
  id: number;
  /** Growth per whole yuan of paid spend. */
  growthPerYuan: number;
  /** Whether a recharge's principal earns growth too. */
  growthFromRecharge: boolean;
  keepMonths: number;
  trailingMonths: number;
  updatedAt: string;
}

/** PUT /api/admin/tier-settings body */
export type TierSettingsRequest = Partial<Pick<TierSettingsView, 'growthPerYuan' | 'growthFromRecharge' | 'keepMonths' | 'trailingMonths'>>;
