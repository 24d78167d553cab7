import dayjs, { type Dayjs } from 'dayjs';
import type { FlashSaleAdminInput, FlashSaleAdminView, FlashSaleAudience } from '@mall/shared';

/** What the event drawer edits: times as dayjs, the audience flattened into its kind and parameter. */
export interface FlashSaleForm {
  name: string;
  skuId?: number;
  dealPriceFen?: number;
  stockTotal: number;
  perMemberLimit: number;
  window?: [Dayjs, Dayjs];
  holdMinutes: number;
  audienceKind: FlashSaleAudience['kind'];
  level?: number;
  segmentId?: number;
  groupId?: number;
  enabled: boolean;
}

export const EMPTY_FLASH_SALE: FlashSaleForm = {
  name: '',
  stockTotal: 100,
  perMemberLimit: 1,
  holdMinutes: 15,
  audienceKind: 'everyone',
  enabled: true,
  window: [dayjs().add(1, 'hour').startOf('hour'), dayjs().add(3, 'hour').startOf('hour')],
};

export function toFlashSaleForm(v: FlashSaleAdminView): FlashSaleForm {
  return {
    name: v.name,
    skuId: v.skuId,
    dealPriceFen: v.dealPriceFen,
    stockTotal: v.stockTotal,
    perMemberLimit: v.perMemberLimit,
    window: [dayjs(v.startAt), dayjs(v.endAt)],
    holdMinutes: v.holdMinutes,
    audienceKind: v.audience.kind,
    level: v.audience.kind === 'tier_at_least' ? v.audience.level : undefined,
    segmentId: v.audience.kind === 'segment' ? v.audience.segmentId : undefined,
    groupId: v.audience.kind === 'community_group' ? v.audience.groupId : undefined,
    enabled: v.enabled,
  };
}

export function toFlashSaleInput(f: FlashSaleForm): FlashSaleAdminInput {
  const kind = f.audienceKind;
  const audience: FlashSaleAudience =
    kind === 'tier_at_least'
      ? { kind, level: f.level ?? 0 }
      : kind === 'segment'
        ? { kind, segmentId: f.segmentId ?? 0 }
        : kind === 'community_group'
          ? { kind, groupId: f.groupId ?? 0 }
          : { kind };
  return {
    name: f.name.trim(),
    skuId: f.skuId ?? 0,
    dealPriceFen: f.dealPriceFen ?? 0,
    stockTotal: f.stockTotal,
    perMemberLimit: f.perMemberLimit,
    startAt: f.window ? dayjs(f.window[0]).toISOString() : '',
    endAt: f.window ? dayjs(f.window[1]).toISOString() : '',
    holdMinutes: f.holdMinutes,
    audience,
    enabled: f.enabled,
  };
}
