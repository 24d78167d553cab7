import { REDEMPTION_STATES, type AdminPointsMallItemView, type PointsMallItemView, type RedemptionView } from '@mall/shared';
import type { PointsMallItem, PointsRedemption } from './points-mall.entity';

export function toMallItemView(i: PointsMallItem): PointsMallItemView {
  return {
    id: i.id,
    name: i.name,
    description: i.description,
    imageUrl: i.imageUrl,
    pricePoints: i.pricePoints,
    cashFen: i.cashFen,
    stock: i.stock,
    perMemberLimit: i.perMemberLimit,
    couponTemplateId: i.couponTemplateId,
  } satisfies PointsMallItemView;
}

export function toAdminMallItemView(i: PointsMallItem): AdminPointsMallItemView {
  return { ...toMallItemView(i), enabled: i.enabled, sortOrder: i.sortOrder } satisfies AdminPointsMallItemView;
}

export function toRedemptionView(r: PointsRedemption): RedemptionView {
  return {
    id: r.id,
    itemId: r.itemId,
    itemName: r.itemName,
    points: r.points,
    cashFen: r.cashFen,
    outTradeNo: r.outTradeNo,
    pickupCode: r.status === 'issued' ? r.pickupCode : null,
    status: r.status,
    statusText: REDEMPTION_STATES.labels[r.status],
    createdAt: r.createdAt.toISOString(),
  } satisfies RedemptionView;
}
