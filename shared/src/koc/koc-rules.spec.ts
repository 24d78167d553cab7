import fc from 'fast-check';
import {
  commissionClawbackFen,
  commissionFen,
  commissionPoints,
  inCommissionPeriod,
  KOC_REWARD_STATES,
  rankLeaderboard,
  referralRefusal,
  rewardDueAt,
  type ReferralCandidate,
} from './koc-rules';
import { canTransition } from '../state/transitions';

const base = (over: Partial<ReferralCandidate> = {}): ReferralCandidate => ({
  inviterId: 1,
  inviteeId: 2,
  inviterIsKoc: true,
  inviteeBoundTo: null,
  inviteeIsNew: true,
  inviterOf: () => null,
  ...over,
});

describe('commission', () => {
  it.each([
    [10_000, 0, 1000, 1000],
    [10_000, 2_500, 1000, 750],
    [10_000, 10_000, 1000, 0],
    [10_000, 20_000, 1000, 0],
    [999, 0, 333, 33],
    [1, 0, 5000, 0],
  ])('paid %i refunded %i at %i bps → %i fen', (paid, refunded, bps, fen) => {
    expect(commissionFen(paid, refunded, bps)).toBe(fen);
  });

  it('is an integer, never negative, never more than the share of what was paid, and falls as refunds grow', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 5000 }),
        (paid, refunded, bps) => {
          const fen = commissionFen(paid, refunded, bps);
          expect(Number.isInteger(fen)).toBe(true);
          expect(fen).toBeGreaterThanOrEqual(0);
          expect(fen * 10_000).toBeLessThanOrEqual(paid * bps);
          expect(commissionFen(paid, refunded + 1, bps)).toBeLessThanOrEqual(fen);
        },
      ),
    );
  });

  it('claws back, over any sequence of refunds, exactly what was credited beyond the final commission', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 0, max: 5000 }),
        fc.array(fc.integer({ min: 1, max: 400_000 }), { maxLength: 6 }),
        (paid, bps, refunds) => {
          const credited = commissionFen(paid, 0, bps);
          let refunded = 0;
          let clawed = 0;
          for (const r of refunds) {
            refunded += r;
            const take = commissionClawbackFen({ creditedFen: credited, clawedBackFen: clawed, paidFen: paid, refundedFen: refunded, bps });
            expect(take).toBeGreaterThanOrEqual(0);
            clawed += take;
          }
          expect(credited - clawed).toBe(commissionFen(paid, refunded, bps));
        },
      ),
    );
  });

  it('converts fen to points at the deduction rate, rounding down', () => {
    expect(commissionPoints(1234, 100)).toBe(1234);
    expect(commissionPoints(1234, 10)).toBe(123);
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 1, max: 1000 }), (fen, rate) => commissionPoints(fen, rate) * 100 <= fen * rate));
  });

  it('counts orders paid from the binding for N days, and is due after the refund window', () => {
    const bound = new Date('2026-11-01T00:00:00Z');
    expect(inCommissionPeriod(bound, new Date('2026-11-01T00:00:00Z'), 30)).toBe(true);
    expect(inCommissionPeriod(bound, new Date('2026-11-30T23:59:59Z'), 30)).toBe(true);
    expect(inCommissionPeriod(bound, new Date('2026-12-01T00:00:00Z'), 30)).toBe(false);
    expect(inCommissionPeriod(bound, new Date('2026-10-31T23:59:59Z'), 30)).toBe(false);
    expect(rewardDueAt(bound, 7).toISOString()).toBe('2026-11-08T00:00:00.000Z');
  });
});

describe('referral eligibility', () => {
  it.each([
    [{ inviteeId: 1 }, 'self'],
    [{ inviterIsKoc: false }, 'not_koc'],
    [{ inviteeBoundTo: 9 }, 'already_bound'],
    [{ inviteeBoundTo: 1 }, 'already_bound'],
    [{ inviteeIsNew: false }, 'not_new'],
    [{ inviterOf: (id: number) => (id === 1 ? 2 : null) }, 'circular'],
    [{ inviterOf: (id: number) => ({ 1: 5, 5: 6, 6: 2 })[id] ?? null }, 'circular'],
    [{ inviterOf: (id: number) => ({ 1: 5, 5: 6 })[id] ?? null }, null],
    [{}, null],
  ] as const)('%o → %s', (over, reason) => {
    expect(referralRefusal(base(over as Partial<ReferralCandidate>))).toBe(reason);
  });

  it('never admits a binding that closes a circle, and stops on an existing loop', () => {
    // Random forests of bindings (each member invited by a lower id, so no circle yet), plus a random new edge.
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 2, maxLength: 30 }), fc.nat(), fc.nat(), (parents, a, b) => {
        const n = parents.length;
        const parent = (id: number): number | null => (id > 0 && id < n && parents[id] % id !== id ? parents[id] % id : null);
        const inviterId = a % n;
        const inviteeId = b % n;
        const reason = referralRefusal(base({ inviterId, inviteeId, inviterOf: parent }));
        // Walk the inviter's ancestors independently.
        const ancestors = new Set<number>();
        for (let x = parent(inviterId); x !== null && !ancestors.has(x); x = parent(x)) ancestors.add(x);
        if (inviterId === inviteeId) expect(reason).toBe('self');
        else expect(reason === 'circular').toBe(ancestors.has(inviteeId));
      }),
    );
    // A loop already in the data (should never exist) does not hang the walk.
    expect(referralRefusal(base({ inviterId: 1, inviteeId: 9, inviterOf: (id) => (id === 1 ? 3 : id === 3 ? 1 : null) }))).toBeNull();
  });

  it('a reward moves pending → credited | cancelled only', () => {
    expect(canTransition(KOC_REWARD_STATES.transitions, 'pending', 'credited')).toBe(true);
    expect(canTransition(KOC_REWARD_STATES.transitions, 'pending', 'cancelled')).toBe(true);
    expect(canTransition(KOC_REWARD_STATES.transitions, 'credited', 'cancelled')).toBe(false);
    expect(canTransition(KOC_REWARD_STATES.transitions, 'cancelled', 'credited')).toBe(false);
  });
});

describe('leaderboard', () => {
  it('ranks by credited points then invitees, ties share a rank', () => {
    const ranked = rankLeaderboard([
      { kocMemberId: 3, invitees: 2, creditedPoints: 100 },
      { kocMemberId: 1, invitees: 2, creditedPoints: 100 },
      { kocMemberId: 2, invitees: 5, creditedPoints: 50 },
      { kocMemberId: 4, invitees: 9, creditedPoints: 100 },
    ]);
    expect(ranked.map((r) => [r.kocMemberId, r.rank])).toEqual([
      [4, 1],
      [1, 2],
      [3, 2],
      [2, 4],
    ]);
  });
  it('is a permutation, ordered, with ranks starting at 1', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ kocMemberId: fc.integer({ min: 1, max: 1000 }), invitees: fc.nat(5), creditedPoints: fc.nat(5) }), {
          selector: (r) => r.kocMemberId,
        }),
        (rows) => {
          const ranked = rankLeaderboard(rows);
          expect(ranked.map((r) => r.kocMemberId).sort((a, b) => a - b)).toEqual(rows.map((r) => r.kocMemberId).sort((a, b) => a - b));
          if (ranked.length) expect(ranked[0].rank).toBe(1);
          for (let i = 1; i < ranked.length; i++) {
            expect(ranked[i].creditedPoints).toBeLessThanOrEqual(ranked[i - 1].creditedPoints);
            expect(ranked[i].rank).toBeGreaterThanOrEqual(ranked[i - 1].rank);
          }
        },
      ),
    );
  });
});
