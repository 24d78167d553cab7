import type { BenefitGrant, BenefitSource, BenefitSpec } from './benefit-types';

type Spec<T extends BenefitSpec['type']> = Extract<BenefitSpec, { type: T }>;

export interface Sourced<T> {
  value: T;
  /** Every source that grants it (the winning one first). */
  sources: BenefitSource[];
}

export interface DiscountRule {
  priceBps: number;
  categoryIds: number[];
  productIds: number[];
  source: BenefitSource;
}

export interface EffectiveBenefits {
  /** All discount rules; pricing picks the best one per product (bestDiscountFor). */
  discounts: DiscountRule[];
  memberPrice: Sourced<true> | null;
  pointsMultiplierPct: Sourced<number> | null;
  freeShipping: Sourced<{ minOrderFen: number }> | null;
  earlyAccessMinutes: Sourced<number> | null;
  exclusiveProductIds: Sourced<number[]> | null;
  groupInvites: Sourced<('vip' | 'koc')[]> | null;
  /** Periodic and one-off gifts: each grant counts on its own (a birthday gift from a tier and one from a plan are two gifts). */
  gifts: BenefitGrant[];
}

function merge<T>(current: Sourced<T> | null, value: T, source: BenefitSource, better: (a: T, b: T) => boolean): Sourced<T> {
  if (!current) return { value, sources: [source] };
  if (better(value, current.value)) return { value, sources: [source, ...current.sources] };
  return { value: current.value, sources: [...current.sources, source] };
}

/**
 * Effective benefits = union over the member's active sources, with explicit conflict rules:
 * best discount wins per product (never stacked), free shipping once with the lowest threshold,
 * points multipliers take the maximum unless configured to add, early access the longest,
 * exclusive products and group invitations are unions; every value keeps the sources that grant it.
 */
export function resolveBenefits(grants: readonly BenefitGrant[]): EffectiveBenefits {
  const out: EffectiveBenefits = {
    discounts: [],
    memberPrice: null,
    pointsMultiplierPct: null,
    freeShipping: null,
    earlyAccessMinutes: null,
    exclusiveProductIds: null,
    groupInvites: null,
    gifts: [],
  };
  let maxMultiplier: Sourced<number> | null = null;
  let addedExtra = 0;
  const addSources: BenefitSource[] = [];

  for (const grant of grants) {
    const { spec, source } = grant;
    switch (spec.type) {
      case 'member_discount':
        if (spec.priceBps > 0 && spec.priceBps < 10_000) {
          out.discounts.push({ priceBps: spec.priceBps, categoryIds: spec.categoryIds ?? [], productIds: spec.productIds ?? [], source });
        }
        break;
      case 'member_price':
        out.memberPrice = merge(out.memberPrice, true as const, source, () => false);
        break;
      case 'points_multiplier': {
        const pct = Math.max(100, Math.floor(spec.multiplierPct));
        if ((spec as Spec<'points_multiplier'>).stack === 'add') {
          addedExtra += pct - 100;
          addSources.push(source);
        } else {
          maxMultiplier = merge(maxMultiplier, pct, source, (a, b) => a > b);
        }
        break;
      }
      case 'free_shipping':
        out.freeShipping = merge(out.freeShipping, { minOrderFen: Math.max(0, spec.minOrderFen ?? 0) }, source, (a, b) => a.minOrderFen < b.minOrderFen);
        break;
      case 'early_access':
        if (spec.minutes > 0) out.earlyAccessMinutes = merge(out.earlyAccessMinutes, Math.floor(spec.minutes), source, (a, b) => a > b);
        break;
      case 'exclusive_products': {
        const ids = [...new Set([...(out.exclusiveProductIds?.value ?? []), ...spec.productIds])].sort((a, b) => a - b);
        out.exclusiveProductIds = { value: ids, sources: [...(out.exclusiveProductIds?.sources ?? []), source] };
        break;
      }
      case 'group_invite': {
        const groups = [...new Set([...(out.groupInvites?.value ?? []), spec.groupType])].sort();
        out.groupInvites = { value: groups, sources: [...(out.groupInvites?.sources ?? []), source] };
        break;
      }
      case 'birthday_gift':
      case 'monthly_coupon_pack':
      case 'upgrade_gift':
        out.gifts.push(grant);
        break;
    }
  }
  if (maxMultiplier || addSources.length > 0) {
    const base = (maxMultiplier as Sourced<number> | null)?.value ?? 100;
    out.pointsMultiplierPct = { value: base + addedExtra, sources: [...((maxMultiplier as Sourced<number> | null)?.sources ?? []), ...addSources] };
  }
  return out;
}

/** The best (lowest-price) discount rule that covers a product, or null. */
export function bestDiscountFor(benefits: EffectiveBenefits, product: { id: number; categoryId: number | null }): DiscountRule | null {
  let best: DiscountRule | null = null;
  for (const rule of benefits.discounts) {
    const inScope =
      (rule.categoryIds.length === 0 && rule.productIds.length === 0) ||
      rule.productIds.includes(product.id) ||
      (product.categoryId !== null && rule.categoryIds.includes(product.categoryId));
    if (inScope && (!best || rule.priceBps < best.priceBps)) best = rule;
  }
  return best;
}
