import fc from 'fast-check';
import { decideBinding, giftWriteOffCode, parsePosterScene, parseWriteOffCode, posterScene, protectionEnd } from './staff-rules';

const at = (iso: string) => new Date(iso);

describe('decideBinding', () => {
  const now = at('2026-06-01T00:00:00Z');
  it('binds a member nobody holds, keeps a protected one, and rebinds after protection', () => {
    expect(decideBinding(null, { storeId: 1, staffAccountId: 2 }, now)).toBe('bind');
    const held = { storeId: 1, staffAccountId: 2, protectedUntil: at('2026-07-01T00:00:00Z') };
    expect(decideBinding(held, { storeId: 1, staffAccountId: 2 }, now)).toBe('already_yours');
    expect(decideBinding(held, { storeId: 1, staffAccountId: 3 }, now)).toBe('protected');
    expect(decideBinding(held, { storeId: 9, staffAccountId: 4 }, now)).toBe('protected');
    expect(decideBinding({ ...held, protectedUntil: now }, { storeId: 9, staffAccountId: 4 }, now)).toBe('rebind');
  });

  it('keeps a binding for good when the policy does not allow rebinding', () => {
    const old = { storeId: 1, staffAccountId: 2, protectedUntil: at('2020-01-01T00:00:00Z') };
    expect(decideBinding(old, { storeId: 9, staffAccountId: 4 }, now, { protectionDays: 90, rebindAfterProtection: false })).toBe('protected');
    expect(decideBinding(old, { storeId: 1, staffAccountId: 2 }, now, { protectionDays: 90, rebindAfterProtection: false })).toBe('already_yours');
  });

  it('property: a different scanner takes over exactly when protection has ended', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: -200, max: 200 }), (staffA, staffB, daysFromBind) => {
        const boundAt = at('2026-01-01T00:00:00Z');
        const current = { storeId: 1, staffAccountId: staffA, protectedUntil: protectionEnd(boundAt) };
        const when = new Date(boundAt.getTime() + daysFromBind * 86_400_000);
        const decision = decideBinding(current, { storeId: 1, staffAccountId: staffB }, when);
        if (staffA === staffB) return decision === 'already_yours';
        return decision === (daysFromBind >= 90 ? 'rebind' : 'protected');
      }),
    );
  });
});

describe('poster scenes', () => {
  it('round-trips store and staff ids and stays within the 32-character scene limit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2_000_000_000 }), fc.option(fc.integer({ min: 1, max: 2_000_000_000 }), { nil: null }), (store, staff) => {
        const scene = posterScene(store, staff);
        expect(scene.length).toBeLessThanOrEqual(32);
        expect(parsePosterScene(scene)).toEqual({ storeId: store, staffAccountId: staff });
      }),
    );
  });

  it('ignores scenes that are not ours', () => {
    for (const scene of ['', 'share', 's0', 's1u0', 's-1', 's1u2x', 'u2', undefined, null]) expect(parsePosterScene(scene)).toBeNull();
  });
});

describe('parseWriteOffCode', () => {
  it('tells coupon codes, gift codes and pickup codes apart', () => {
    expect(parseWriteOffCode(' mq1.abc.def ')).toEqual({ kind: 'coupon', token: 'mq1.abc.def' });
    expect(parseWriteOffCode(giftWriteOffCode('12345678'))).toEqual({ kind: 'points_gift', code: '12345678' });
    expect(parseWriteOffCode('87654321')).toEqual({ kind: 'order_pickup', code: '87654321' });
    for (const junk of ['', '1234', 'G123', 'X12345678', '123456789']) expect(parseWriteOffCode(junk)).toBeNull();
  });
});
