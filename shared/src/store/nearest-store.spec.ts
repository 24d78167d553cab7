import fc from 'fast-check';
import { haversineMeters, isValidPoint, nearestOpenStore, openAtMinute, type StoreLocation } from './nearest-store';

const store = (id: number, latitude: number | null, longitude: number | null, extra: Partial<StoreLocation> = {}): StoreLocation => ({
  id,
  latitude,
  longitude,
  active: true,
  openingHours: '',
  ...extra,
});

describe('门店活码: distance and the nearest open store', () => {
  it('haversine: known distances', () => {
    // People's Square, Shanghai → Lujiazui: about 3.0 km; Shanghai → Beijing: about 1,068 km.
    const peoplesSquare = { latitude: 31.2304, longitude: 121.4737 };
    expect(haversineMeters(peoplesSquare, { latitude: 31.2397, longitude: 121.4998 })).toBeGreaterThan(2_600);
    expect(haversineMeters(peoplesSquare, { latitude: 31.2397, longitude: 121.4998 })).toBeLessThan(2_800);
    const km = haversineMeters(peoplesSquare, { latitude: 39.9042, longitude: 116.4074 }) / 1000;
    expect(km).toBeGreaterThan(1_060);
    expect(km).toBeLessThan(1_075);
    expect(haversineMeters(peoplesSquare, peoplesSquare)).toBe(0);
  });

  it.each([
    ['10:00-22:00', 9 * 60 + 59, false],
    ['10:00-22:00', 10 * 60, true],
    ['10:00-22:00', 22 * 60, false],
    ['22:00-02:00', 23 * 60, true],
    ['22:00-02:00', 60, true],
    ['22:00-02:00', 12 * 60, false],
    ['', 3 * 60, true],
    ['全天', 3 * 60, true],
  ])('opening hours %s at minute %i → %s', (hours, minute, open) => {
    expect(openAtMinute(hours, minute)).toBe(open);
  });

  it('picks the nearest open store; closed, inactive, far or unplaced stores are skipped', () => {
    const here = { latitude: 31.23, longitude: 121.47 };
    const stores = [
      store(1, 31.231, 121.471, { active: false }),
      store(2, 31.232, 121.472, { openingHours: '10:00-12:00' }),
      store(3, 31.25, 121.49),
      store(4, null, null),
      store(5, 39.9, 116.4),
    ];
    expect(nearestOpenStore(stores, here, 15 * 60)?.store.id).toBe(3);
    expect(nearestOpenStore(stores, here, 11 * 60)?.store.id).toBe(2);
    expect(nearestOpenStore(stores, here, 15 * 60, 1_000)).toBeNull();
    expect(nearestOpenStore([], here, 0)).toBeNull();
    expect(isValidPoint({ latitude: 91, longitude: 0 })).toBe(false);
    expect(isValidPoint({ latitude: Number.NaN, longitude: 0 })).toBe(false);
    expect(isValidPoint({ latitude: 31, longitude: 121 })).toBe(true);
  });

  const point = fc.record({ latitude: fc.double({ min: -89, max: 89, noNaN: true }), longitude: fc.double({ min: -179, max: 179, noNaN: true }) });
  const stores = fc.uniqueArray(fc.integer({ min: 1, max: 10_000 }), { maxLength: 12 }).chain((ids) =>
    fc.tuple(
      ...ids.map((id) =>
        fc.record({
          id: fc.constant(id),
          latitude: fc.option(fc.double({ min: -89, max: 89, noNaN: true }), { nil: null }),
          longitude: fc.double({ min: -179, max: 179, noNaN: true }),
          active: fc.boolean(),
          openingHours: fc.constantFrom('', '10:00-22:00', '22:00-02:00', '08:00-09:00'),
        }),
      ),
    ),
  );

  it('property: distance is symmetric, non-negative and obeys the triangle inequality', () => {
    fc.assert(
      fc.property(point, point, point, (a, b, c) => {
        const ab = haversineMeters(a, b);
        expect(ab).toBeGreaterThanOrEqual(0);
        expect(Math.abs(ab - haversineMeters(b, a))).toBeLessThan(1e-6);
        expect(haversineMeters(a, c)).toBeLessThanOrEqual(ab + haversineMeters(b, c) + 1e-3);
      }),
    );
  });

  it('property: the choice is open, within the radius, no other eligible store is nearer, and the input order does not matter', () => {
    fc.assert(
      fc.property(stores, point, fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 1, max: 20_000_000 }), (list, here, minute, radius) => {
        const chosen = nearestOpenStore(list, here, minute, radius);
        const eligible = list.filter(
          (s) =>
            s.latitude !== null &&
            s.active &&
            openAtMinute(s.openingHours, minute) &&
            haversineMeters(here, { latitude: s.latitude, longitude: s.longitude! }) <= radius,
        );
        if (eligible.length === 0) return expect(chosen).toBeNull();
        expect(chosen).not.toBeNull();
        expect(eligible).toContain(chosen!.store);
        for (const s of eligible) {
          const d = haversineMeters(here, { latitude: s.latitude!, longitude: s.longitude! });
          expect(d > chosen!.distanceM || (d === chosen!.distanceM && s.id >= chosen!.store.id)).toBe(true);
        }
        expect(nearestOpenStore([...list].reverse(), here, minute, radius)?.store.id).toBe(chosen!.store.id);
      }),
    );
  });

  it('property: ties go to the lower store id', () => {
    fc.assert(
      fc.property(point, fc.uniqueArray(fc.integer({ min: 1, max: 1000 }), { minLength: 2, maxLength: 6 }), (here, ids) => {
        const same = ids.map((id) => store(id, here.latitude, here.longitude));
        expect(nearestOpenStore(same, here, 600)?.store.id).toBe(Math.min(...ids));
      }),
    );
  });
});
