import {
  AFTER_SALE_STATES,
  afterSaleStatusLabel,
  COUPON_STATES,
  MEMBERSHIP_PERIOD_STATES,
  MEMBERSHIP_PURCHASE_STATES,
  ORDER_STATES,
  orderStatusLabel,
  PAYMENT_STATES,
  PRODUCT_STATES,
  RECHARGE_STATES,
  REDEMPTION_STATES,
  REFUND_STATES,
  WITHDRAWAL_STATES,
  assertTransition,
  canTransition,
  IllegalTransitionError,
  statesOf,
  stateLabel,
  type StateMachine,
} from './index';

/** The edges each aggregate must allow, written out independently of the tables; every other pair is refused. */
const EXPECTED: [StateMachine<string>, string, string[]][] = [
  [PAYMENT_STATES, 'created', ['created→paid', 'created→closed', 'closed→paid']],
  [REFUND_STATES, 'processing', ['processing→success', 'processing→failed']],
  [
    ORDER_STATES,
    'pending_payment',
    [
      'pending_payment→paid',
      'pending_payment→cancelled',
      'paid→shipped',
      'paid→ready_for_pickup',
      'paid→completed',
      'paid→refunded',
      'shipped→completed',
      'shipped→refunded',
      'ready_for_pickup→completed',
      'ready_for_pickup→refunded',
      'completed→refunded',
    ],
  ],
  [
    AFTER_SALE_STATES,
    'pending',
    [
      'pending→refunding',
      'pending→awaiting_return',
      'pending→rejected',
      'awaiting_return→returning',
      'returning→refunding',
      'returning→received',
      'received→completed',
      'refunding→completed',
      'refunding→failed',
    ],
  ],
  [RECHARGE_STATES, 'pending', ['pending→paid', 'pending→closed', 'closed→paid']],
  [WITHDRAWAL_STATES, 'pending', ['pending→approved', 'pending→rejected']],
  [MEMBERSHIP_PURCHASE_STATES, 'pending', ['pending→paid', 'pending→closed', 'closed→paid', 'paid→refunded']],
  [MEMBERSHIP_PERIOD_STATES, 'active', ['active→refunded']],
  [PRODUCT_STATES, 'draft', ['draft→on_shelf', 'on_shelf→off_shelf', 'off_shelf→on_shelf']],
  [REDEMPTION_STATES, 'pending_payment', ['pending_payment→issued', 'pending_payment→written_off', 'pending_payment→cancelled', 'issued→written_off']],
  [
    COUPON_STATES,
    'available',
    ['available→locked', 'available→used', 'available→expired', 'locked→used', 'locked→available', 'locked→expired', 'used→available', 'used→expired'],
  ],
];

describe.each(EXPECTED)('state machine %#', (machine, initial, edges) => {
  const states = statesOf(machine);

  it(`${machine.aggregate}: allows exactly the listed edges`, () => {
    for (const from of states) {
      for (const to of states) {
        const expected = edges.includes(`${from}→${to}`);
        expect([`${from}→${to}`, canTransition(machine.transitions, from, to)]).toEqual([`${from}→${to}`, expected]);
        if (expected) expect(() => assertTransition(machine.aggregate, machine.transitions, from, to)).not.toThrow();
        else expect(() => assertTransition(machine.aggregate, machine.transitions, from, to)).toThrow(IllegalTransitionError);
      }
    }
  });

  it(`${machine.aggregate}: every state has a Chinese label and is reachable from ${initial}`, () => {
    for (const s of states) expect(machine.labels[s]).toMatch(/[\u4e00-\u9fa5]/);
    const seen = new Set([initial]);
    const queue = [initial];
    while (queue.length) {
      for (const next of machine.transitions[queue.shift()!]) {
        if (seen.has(next)) continue;
        seen.add(next);
        queue.push(next);
      }
    }
    expect([...seen].sort()).toEqual([...states].sort());
  });

  it(`${machine.aggregate}: no state moves to itself`, () => {
    for (const s of states) expect(canTransition(machine.transitions, s, s)).toBe(false);
  });
});

describe('labels', () => {
  it('one order label per state, with a paid pickup order already 待自提', () => {
    expect(orderStatusLabel('paid', 'delivery')).toBe('待发货');
    expect(orderStatusLabel('paid', 'pickup')).toBe('待自提');
    expect(orderStatusLabel('shipped', 'delivery')).toBe('待收货');
    expect(orderStatusLabel('mystery', 'delivery')).toBe('mystery');
    expect(orderStatusLabel('paid', 'delivery', true)).toBe('部分发货');
    expect(orderStatusLabel('shipped', 'delivery', true)).toBe('待收货');
    expect(afterSaleStatusLabel('completed', 'exchange')).toBe('已换货');
    expect(afterSaleStatusLabel('completed', 'return_refund')).toBe('已退款');
  });

  it('an unknown state shows its raw value instead of nothing', () => {
    expect(stateLabel(REFUND_STATES, 'success')).toBe('已退款');
    expect(stateLabel(REFUND_STATES, 'weird')).toBe('weird');
  });
});
