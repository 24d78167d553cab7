import { POINTS_ENTRY_TITLES, type PointsEntryKind } from '../api/points';

/** What a ledger line records about itself (points_entry kind, refType and the note written with it). */
export interface PointsEntryFacts {
  kind: PointsEntryKind;
  refType: string;
  note: string;
}

/** A trade number as written into older notes: a letter and 20+ digits (O2611261930…). */
const TRADE_NO = /\s*[A-Z]?\d{16,}\s*/g;

/**
 * The line a member reads in their points ledger: why the points moved (订单消费抵扣, 下单赠送,
 * 兑换「帆布袋」, 每日签到), never a raw order number. The ledger keeps its notes as written;
 * this reads them, so rows written before the wording changed read the same way.
 */
export function pointsEntryTitle(entry: PointsEntryFacts): string {
  const note = entry.note.trim();
  if (entry.refType === 'order') {
    if (entry.kind === 'spend') return '订单消费抵扣';
    if (entry.kind === 'earn' && /^订单.*获得$/.test(note)) return '下单赠送';
    if (entry.kind === 'restore' && /^订单.*退回$/.test(note)) return '订单取消，积分退回';
  }
  if (entry.refType === 'redemption') {
    if (entry.kind === 'spend') {
      const item = /^兑换\s*「?(.+?)」?$/.exec(note)?.[1];
      return item ? `兑换「${item}」` : '积分兑换';
    }
    if (entry.kind === 'restore') return '兑换未完成，积分退回';
  }
  if (entry.refType === 'sign_in') return note || '每日签到';
  const cleaned = note.replace(TRADE_NO, '').trim();
  return cleaned || POINTS_ENTRY_TITLES[entry.kind];
}
