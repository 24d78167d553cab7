import { carrierName } from './carriers';

/** Where a parcel is, as logistics providers report it. */
export type TrackingStage = 'collected' | 'in_transit' | 'delivering' | 'signed';

export const TRACKING_STAGE_LABELS: Record<TrackingStage, string> = { collected: '已揽收', in_transit: '运输中', delivering: '派送中', signed: '已签收' };

export interface TrackingEvent {
  stage: TrackingStage;
  /** ISO time */
  at: string;
  description: string;
}

export interface TrackingQuery {
  carrierCode: string;
  trackingNo: string;
  shippedAt: Date;
  /** The delivery region (province city …), named in the last events. */
  destination?: string;
}

const HUBS = ['上海青浦', '杭州萧山', '苏州吴中', '南京江宁', '无锡新吴', '嘉兴南湖'];

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h;
}

/**
 * The simulator's timeline for a parcel: the same events for the same parcel every time (derived
 * from its number and when it left), of which only those at or before `now` have happened. 已揽收
 * about an hour after shipping, two hub scans, 派送中 on the second day and 已签收 a few hours later.
 */
export function simulatedTracking(q: TrackingQuery, now: Date): TrackingEvent[] {
  const h = hash(`${q.carrierCode}:${q.trackingNo}`);
  const jitter = (n: number) => ((h >>> n) % 50) * 60_000;
  const hub = HUBS[h % HUBS.length];
  const city = (q.destination ?? '').split(/\s+/).filter(Boolean).slice(0, 2).join('') || '目的地';
  const carrier = carrierName(q.carrierCode);
  const base = q.shippedAt.getTime();
  const hour = 3600_000;
  const timeline: { stage: TrackingStage; offset: number; description: string }[] = [
    { stage: 'collected', offset: hour + jitter(1), description: `【上海】${carrier} 已揽收` },
    { stage: 'in_transit', offset: 8 * hour + jitter(3), description: `快件已到达【${hub}转运中心】` },
    { stage: 'in_transit', offset: 20 * hour + jitter(5), description: `快件已发往【${city}】` },
    { stage: 'delivering', offset: 34 * hour + jitter(7), description: `【${city}】快件派送中，快递员正在为您派件` },
    { stage: 'signed', offset: 40 * hour + jitter(9), description: `【${city}】已签收，感谢使用${carrier}` },
  ];
  return timeline
    .map((e) => ({ stage: e.stage, at: new Date(base + e.offset).toISOString(), description: e.description }))
    .filter((e) => new Date(e.at).getTime() <= now.getTime())
    .reverse();
}
