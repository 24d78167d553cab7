import { formatYuan } from '../money/fen';
import type { BenefitSpec } from './benefit-types';

const isIntIn = (v: unknown, min: number, max: number) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
const isIdList = (v: unknown) => Array.isArray(v) && v.every((x) => isIntIn(x, 1, 2 ** 31 - 1));

/** Problems with a benefit's parameters, as field messages; empty when valid. */
export function validateBenefitSpec(spec: unknown): string[] {
  const s = spec as Record<string, unknown>;
  if (!s || typeof s !== 'object') return ['spec must be an object'];
  switch (s.type) {
    case 'member_discount':
      return [
        ...(isIntIn(s.priceBps, 1000, 9999) ? [] : ['priceBps must be an integer 1000–9999 (9000 = 9折)']),
        ...(s.categoryIds === undefined || isIdList(s.categoryIds) ? [] : ['categoryIds must be ids']),
        ...(s.productIds === undefined || isIdList(s.productIds) ? [] : ['productIds must be ids']),
      ];
    case 'member_price':
      return [];
    case 'points_multiplier':
      return [
        ...(isIntIn(s.multiplierPct, 101, 1000) ? [] : ['multiplierPct must be an integer 101–1000 (150 = 1.5倍)']),
        ...(s.stack === undefined || s.stack === 'max' || s.stack === 'add' ? [] : ['stack must be max or add']),
      ];
    case 'free_shipping':
      return s.minOrderFen === undefined || isIntIn(s.minOrderFen, 0, 100_000_000) ? [] : ['minOrderFen must be fen'];
    case 'birthday_gift':
    case 'upgrade_gift':
      return (s.couponTemplateId === undefined || isIntIn(s.couponTemplateId, 1, 2 ** 31 - 1)) &&
        (s.points === undefined || isIntIn(s.points, 1, 1_000_000)) &&
        (s.couponTemplateId !== undefined || s.points !== undefined)
        ? []
        : ['a gift needs couponTemplateId and/or points'];
    case 'monthly_coupon_pack':
      return isIdList(s.couponTemplateIds) && (s.couponTemplateIds as unknown[]).length > 0 ? [] : ['couponTemplateIds must list coupon templates'];
    case 'early_access':
      return isIntIn(s.minutes, 1, 24 * 60) ? [] : ['minutes must be 1–1440'];
    case 'exclusive_products':
      return isIdList(s.productIds) && (s.productIds as unknown[]).length > 0 ? [] : ['productIds must list products'];
    case 'group_invite':
      return s.groupType === 'vip' || s.groupType === 'koc' ? [] : ['groupType must be vip or koc'];
    default:
      return [`unknown benefit type ${String(s.type)}`];
  }
}

/** Short Chinese text for the benefits grid. */
export function describeBenefit(spec: BenefitSpec): string {
  switch (spec.type) {
    case 'member_discount': {
      const zhe = spec.priceBps / 1000;
      const scope = spec.categoryIds?.length || spec.productIds?.length ? '指定商品' : '全场';
      return `${scope}${Number.isInteger(zhe) ? zhe : zhe.toFixed(1).replace(/0$/, '')}折`;
    }
    case 'member_price':
      return '会员专享价';
    case 'points_multiplier':
      return `积分${spec.multiplierPct / 100}倍`;
    case 'free_shipping':
      return spec.minOrderFen ? `满¥${formatYuan(spec.minOrderFen, { trimZeros: true })}包邮` : '全场包邮';
    case 'birthday_gift':
      return spec.points ? `生日月送${spec.points}积分` : '生日月专属礼券';
    case 'monthly_coupon_pack':
      return `每月${spec.couponTemplateIds.length}张优惠券`;
    case 'upgrade_gift':
      return spec.points ? `升级送${spec.points}积分` : '升级礼券';
    case 'early_access':
      return `秒杀提前${spec.minutes}分钟`;
    case 'exclusive_products':
      return `${spec.productIds.length}款专属商品`;
    case 'group_invite':
      return spec.groupType === 'koc' ? 'KOC 社群邀请' : 'VIP 社群邀请';
  }
}
