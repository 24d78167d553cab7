import { Injectable } from '@nestjs/common';
import { simulatedTracking, type TrackingEvent, type TrackingQuery } from '@mall/shared';

/**
 * Where tracking events come from. A real deployment plugs in a carrier aggregator (快递100,
 * 快递鸟 …) behind this interface; the demo and the tests use the simulator.
 */
export interface LogisticsProvider {
  /** The parcel's events known at `now`, newest first. */
  track(query: TrackingQuery, now: Date): Promise<TrackingEvent[]>;
}

export const LOGISTICS_PROVIDER = Symbol('LOGISTICS_PROVIDER');

/** Deterministic events from the parcel's number and ship time: 已揽收 → 运输中 → 派送中 → 已签收 over about two days. */
@Injectable()
export class SimulatedLogisticsProvider implements LogisticsProvider {
  track(query: TrackingQuery, now: Date): Promise<TrackingEvent[]> {
    return Promise.resolve(simulatedTracking(query, now));
  }
}
