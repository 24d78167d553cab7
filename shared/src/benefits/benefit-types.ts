/** The benefits ops can configure, each with its parameters. Amounts in fen, rates in basis points. */
export type BenefitSpec =
  /** Pay `priceBps` of the price (9000 = 9折) on products in scope (empty scope = everything). */
  | { type: 'member_discount'; priceBps: number; categoryIds?: number[]; productIds?: number[] }
  /** Use the tier's member price where the product has one. */
  | { type: 'member_price' }
  /** Points earned × multiplierPct/100; `stack: 'add'` adds the extra part to other multipliers. */
  | { type: 'points_multiplier'; multiplierPct: number; stack?: 'max' | 'add' }
  | { type: 'free_shipping'; minOrderFen?: number }
  | { type: 'birthday_gift'; couponTemplateId?: number; points?: number }
  | { type: 'monthly_coupon_pack'; couponTemplateIds: number[] }
  | { type: 'upgrade_gift'; couponTemplateId?: number; points?: number }
  | { type: 'early_access'; minutes: number }
  | { type: 'exclusive_products'; productIds: number[] }
  | { type: 'group_invite'; groupType: 'vip' | 'koc' };

export type BenefitType = BenefitSpec['type'];

export const BENEFIT_LABELS: Record<BenefitType, string> = {
  member_discount: '会员折扣',
  member_price: '会员价',
  points_multiplier: '积分加倍',
  free_shipping: '包邮',
  birthday_gift: '生日礼',
  monthly_coupon_pack: '每月券包',
  upgrade_gift: '升级礼',
  early_access: '抢先购',
  exclusive_products: '专属商品',
  group_invite: '专属社群',
};

export type BenefitSourceType = 'tier' | 'plan' | 'campaign';

export interface BenefitSource {
  type: BenefitSourceType;
  id: number;
  name: string;
}

/** A benefit granted by a source the member currently holds. */
export interface BenefitGrant {
  benefitId: number;
  source: BenefitSource;
  spec: BenefitSpec;
}
