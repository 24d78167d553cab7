/** What a member can ask for after buying. */
export type AfterSaleKind = 'refund_only' | 'return_refund' | 'exchange';

export const AFTER_SALE_KIND_LABELS: Record<AfterSaleKind, string> = { refund_only: '仅退款', return_refund: '退货退款', exchange: '换货' };
export const AFTER_SALE_KINDS = Object.keys(AFTER_SALE_KIND_LABELS) as AfterSaleKind[];

/** Kinds in which the goods come back to us first. */
export function afterSaleNeedsReturn(kind: AfterSaleKind): boolean {
  return kind !== 'refund_only';
}

/** The reasons a member picks from (plus free text); `other` needs the text. */
export const AFTER_SALE_REASONS = [
  { code: 'no_longer_needed', label: '不想要了', kinds: ['refund_only', 'return_refund'] },
  { code: 'not_shipped', label: '未按时发货', kinds: ['refund_only'] },
  { code: 'damaged', label: '商品破损', kinds: ['refund_only', 'return_refund', 'exchange'] },
  { code: 'quality', label: '质量问题', kinds: ['return_refund', 'exchange'] },
  { code: 'wrong_item', label: '发错货', kinds: ['return_refund', 'exchange'] },
  { code: 'not_as_described', label: '与描述不符', kinds: ['return_refund', 'exchange'] },
  { code: 'size', label: '尺码/规格不合适', kinds: ['exchange'] },
  { code: 'missing', label: '少件/漏发', kinds: ['refund_only'] },
  { code: 'other', label: '其他', kinds: ['refund_only', 'return_refund', 'exchange'] },
] as const satisfies readonly { code: string; label: string; kinds: readonly AfterSaleKind[] }[];

export type AfterSaleReasonCode = (typeof AFTER_SALE_REASONS)[number]['code'];
export const AFTER_SALE_REASON_CODES = AFTER_SALE_REASONS.map((r) => r.code) as AfterSaleReasonCode[];

export function afterSaleReasonLabel(code: string): string {
  return AFTER_SALE_REASONS.find((r) => r.code === code)?.label ?? code;
}

export function reasonsFor(kind: AfterSaleKind): (typeof AFTER_SALE_REASONS)[number][] {
  return AFTER_SALE_REASONS.filter((r) => (r.kinds as readonly AfterSaleKind[]).includes(kind));
}

/** At most this many photos per request. */
export const AFTER_SALE_MAX_PHOTOS = 6;
