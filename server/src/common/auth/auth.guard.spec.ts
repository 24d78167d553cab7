import { isAllowed } from './auth.guard';

describe('isAllowed', () => {
  const member = { kind: 'member' as const, id: 1 };
  const admin = { kind: 'account' as const, id: 1, role: 'admin' as const, storeId: null };
  const staff = { kind: 'account' as const, id: 2, role: 'staff' as const, storeId: 7 };

  it.each([
    [member, ['member'], true],
    [member, ['ops'], false],
    [admin, ['member'], false],
    [admin, ['finance'], true],
    [staff, ['staff', 'store_manager'], true],
    [staff, ['ops'], false],
    [staff, ['member'], false],
  ] as const)('%j on %j → %s', (principal, allowed, expected) => {
    expect(isAllowed(principal, allowed)).toBe(expected);
  });
});
