/** Rules of store binding (导购绑定) and in-store write-off, shared by the server and the staff pages. */

export const BINDING_PROTECTION_DAYS = 90;

/** Ops' binding policy: how long a first binding is protected, and whether a scan may take a member over after it. */
export interface BindingPolicy {
  protectionDays: number;
  rebindAfterProtection: boolean;
}

export const DEFAULT_BINDING_POLICY: BindingPolicy = { protectionDays: BINDING_PROTECTION_DAYS, rebindAfterProtection: true };

export interface CurrentBinding {
  storeId: number;
  staffAccountId: number | null;
  protectedUntil: Date;
}

export type BindingDecision = 'bind' | 'already_yours' | 'protected' | 'rebind';

/**
 * What a scan by `scanner` does to a member bound as `current`: the first binding wins until its
 * protection ends; after that a scan by anyone else takes the member over, unless the policy keeps
 * bindings for good.
 */
export function decideBinding(
  current: CurrentBinding | null,
  scanner: { storeId: number; staffAccountId: number | null },
  now: Date,
  policy: BindingPolicy = DEFAULT_BINDING_POLICY,
): BindingDecision {
  if (!current) return 'bind';
  if (current.storeId === scanner.storeId && current.staffAccountId === scanner.staffAccountId) return 'already_yours';
  if (!policy.rebindAfterProtection) return 'protected';
  return current.protectedUntil.getTime() <= now.getTime() ? 'rebind' : 'protected';
}

export function protectionEnd(boundAt: Date, days = BINDING_PROTECTION_DAYS): Date {
  return new Date(boundAt.getTime() + days * 86_400_000);
}

/** The scene of a store or staff poster (wxacode.getUnlimited allows 32 visible characters). */
export function posterScene(storeId: number, staffAccountId?: number | null): string {
  return staffAccountId ? `s${storeId}u${staffAccountId}` : `s${storeId}`;
}

export function parsePosterScene(scene: string | undefined | null): { storeId: number; staffAccountId: number | null } | null {
  const match = scene ? /^s([1-9]\d{0,9})(?:u([1-9]\d{0,9}))?$/.exec(scene) : null;
  return match ? { storeId: Number(match[1]), staffAccountId: match[2] ? Number(match[2]) : null } : null;
}

export type WriteOffTarget = { kind: 'coupon'; token: string } | { kind: 'order_pickup'; code: string } | { kind: 'points_gift'; code: string };

/** The gift code a member shows for a points-mall gift: `G` + its 8-digit pickup code. */
export function giftWriteOffCode(pickupCode: string): string {
  return `G${pickupCode}`;
}

/** What a scanned or typed write-off code is: a coupon code (mq1.…), a gift (G + 8 digits) or a pickup order (8 digits). */
export function parseWriteOffCode(raw: string): WriteOffTarget | null {
  const code = raw.trim();
  if (code.startsWith('mq1.')) return { kind: 'coupon', token: code };
  if (/^[Gg]\d{8}$/.test(code)) return { kind: 'points_gift', code: code.slice(1) };
  if (/^\d{8}$/.test(code)) return { kind: 'order_pickup', code };
  return null;
}

/** The simulator user whose WeChat the demo links to the staff account staff1 (the 店员 choice of the H5 demo picker). */
export const DEMO_STAFF_SIM_USER = 'demo-staff';
