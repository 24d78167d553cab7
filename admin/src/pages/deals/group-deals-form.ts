import dayjs from 'dayjs';
import type { GroupBuyDealInput as SharedDealInput, GroupBuyDealView } from '@mall/shared';
import type { GroupBuyDealInput } from '../../services/group-buys';

/** The form works in yuan and hours; the API in fen and minutes. */
export interface GroupDealForm {
  name: string;
  skuId?: number;
  groupPriceYuan?: number;
  leaderDiscountYuan: number;
  groupSize: number;
  timeLimitHours: number;
  audience: 'everyone' | 'new_member';
  allowRejoin: boolean;
  fillWithVirtual: boolean;
  enabled: boolean;
  startsAt?: string | dayjs.Dayjs;
  endsAt?: string | dayjs.Dayjs;
}

export const EMPTY_GROUP_DEAL: GroupDealForm = {
  name: '',
  leaderDiscountYuan: 0,
  groupSize: 3,
  timeLimitHours: 24,
  audience: 'everyone',
  allowRejoin: false,
  fillWithVirtual: false,
  enabled: true,
};

const fen = (yuan: number | undefined) => Math.round((yuan ?? 0) * 100);

export function toGroupDealInput(v: GroupDealForm): GroupBuyDealInput {
  return {
    name: v.name,
    skuId: v.skuId ?? 0,
    groupPriceFen: fen(v.groupPriceYuan),
    leaderDiscountFen: fen(v.leaderDiscountYuan),
    groupSize: v.groupSize,
    timeLimitMinutes: Math.round(v.timeLimitHours * 60),
    audience: v.audience,
    allowRejoin: v.allowRejoin,
    fillWithVirtual: v.fillWithVirtual ?? false,
    enabled: v.enabled,
    startsAt: dayjs(v.startsAt).toISOString(),
    endsAt: dayjs(v.endsAt).toISOString(),
  };
}

/** The input as the shared validateGroupBuyDeal reads it (times in epoch ms). */
export function toSharedInput(input: GroupBuyDealInput): SharedDealInput {
  return { ...input, startsAt: Date.parse(input.startsAt), endsAt: Date.parse(input.endsAt) };
}

export function toGroupDealForm(d: GroupBuyDealView): GroupDealForm {
  return {
    name: d.name,
    skuId: d.skuId,
    groupPriceYuan: d.groupPriceFen / 100,
    leaderDiscountYuan: d.leaderDiscountFen / 100,
    groupSize: d.groupSize,
    timeLimitHours: d.timeLimitMinutes / 60,
    audience: d.audience,
    allowRejoin: d.allowRejoin,
    fillWithVirtual: d.fillWithVirtual,
    enabled: d.enabled,
    startsAt: d.startsAt,
    endsAt: d.endsAt,
  };
}
