/**
 * 门店活码: which store a poster scan goes to. Pure: the distance between two points on the earth
 * (haversine), whether a store is open at a Beijing minute of the day, and the nearest open store
 * within a radius (ties by the lower store id, so the answer never depends on the input order).
 */

export interface GeoPoint {
  latitude: number;
  longitude: number;
}

export interface StoreLocation {
  id: number;
  latitude: number | null;
  longitude: number | null;
  active: boolean;
  /** "HH:MM-HH:MM" (Beijing time; an end before the start runs past midnight); empty means all day. */
  openingHours: string;
}

const EARTH_RADIUS_M = 6_371_008.8;
/** A scan further than this from every open store falls back to the member's bound store. */
export const STORE_CODE_RADIUS_M = 50_000;

export function isValidPoint(p: { latitude: unknown; longitude: unknown }): p is GeoPoint {
  return (
    typeof p.latitude === 'number' &&
    typeof p.longitude === 'number' &&
    Number.isFinite(p.latitude) &&
    Number.isFinite(p.longitude) &&
    Math.abs(p.latitude) <= 90 &&
    Math.abs(p.longitude) <= 180
  );
}

/** Great-circle distance in metres. */
export function haversineMeters(a: GeoPoint, b: GeoPoint): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLng = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Minutes since midnight of "HH:MM", or null. */
function minuteOf(hhmm: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  return h <= 24 && min < 60 && h * 60 + min <= 1440 ? h * 60 + min : null;
}

/** Whether opening hours "HH:MM-HH:MM" cover a minute of the day (0..1439); empty or unreadable hours count as open. */
export function openAtMinute(openingHours: string, minuteOfDay: number): boolean {
  const [from, to] = openingHours.split('-');
  const start = from === undefined ? null : minuteOf(from);
  const end = to === undefined ? null : minuteOf(to);
  if (start === null || end === null || start === end) return true;
  return start < end ? minuteOfDay >= start && minuteOfDay < end : minuteOfDay >= start || minuteOfDay < end;
}

export function storeOpen(store: StoreLocation, minuteOfDay: number): boolean {
  return store.active && openAtMinute(store.openingHours, minuteOfDay);
}

/** The nearest open store with coordinates within `radiusM` of the point, with its distance; null when none. */
export function nearestOpenStore<S extends StoreLocation>(
  stores: S[],
  point: GeoPoint,
  minuteOfDay: number,
  radiusM = STORE_CODE_RADIUS_M,
): { store: S; distanceM: number } | null {
  let best: { store: S; distanceM: number } | null = null;
  for (const store of stores) {
    if (store.latitude === null || store.longitude === null || !storeOpen(store, minuteOfDay)) continue;
    const distanceM = haversineMeters(point, { latitude: store.latitude, longitude: store.longitude });
    if (distanceM > radiusM) continue;
    if (!best || distanceM < best.distanceM || (distanceM === best.distanceM && store.id < best.store.id)) best = { store, distanceM };
  }
  return best;
}
