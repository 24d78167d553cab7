import type { BenefitSource, BenefitType } from '../benefits/benefit-types';

export interface MemberCardBenefit {
  benefitId: number;
  type: BenefitType;
  label: string;
  /** e.g. 全场9折, 积分1.5倍 */
  text: string;
  /** Who grants it, e.g. 金卡会员, SVIP 年卡. */
  sources: BenefitSource[];
}

/** GET /api/members/me/card */
export interface MemberCard {
  memberId: number;
  nickname: string;
  tier: { id: number | null; level: number; name: string; color: string };
  growth: number;
  /** Next tier and the growth still needed; null at the top tier. */
  next: { level: number; name: string; growthThreshold: number; needed: number } | null;
  progressPercent: number;
  /** The current tier is kept at least until this date. */
  keepUntil: string | null;
  benefits: MemberCardBenefit[];
}

export interface TierHistoryItem {
  fromLevel: number;
  toLevel: number;
  fromName: string;
  toName: string;
  kind: 'upgrade' | 'downgrade' | 'requalify';
  at: string;
}

/** GET /api/members/me/qr — show as a QR code; refresh before expiresAt. */
export interface MemberQr {
  token: string;
  expiresAt: string;
  ttlSeconds: number;
}
