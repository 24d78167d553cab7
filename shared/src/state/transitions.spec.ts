import { assertTransition, canTransition, IllegalTransitionError } from './transitions';
import { PAYMENT_TRANSITIONS, REFUND_TRANSITIONS } from './payment';

describe('payment and refund transitions', () => {
  it.each([
    ['created', 'paid', true],
    ['created', 'closed', true],
    ['closed', 'paid', true],
    ['paid', 'closed', false],
    ['paid', 'created', false],
    ['closed', 'created', false],
  ] as const)('payment %s → %s is %s', (from, to, ok) => {
    expect(canTransition(PAYMENT_TRANSITIONS, from, to)).toBe(ok);
  });

  it('refunds only settle once', () => {
    expect(canTransition(REFUND_TRANSITIONS, 'processing', 'success')).toBe(true);
    expect(() => assertTransition('refund', REFUND_TRANSITIONS, 'success', 'failed')).toThrow(IllegalTransitionError);
  });
});
