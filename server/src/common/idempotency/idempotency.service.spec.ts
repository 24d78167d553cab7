import fc from 'fast-check';
import { canonicalJson, requestHash } from './idempotency.service';

describe('request hashing', () => {
  it('ignores key order but not values', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 2], c: null } })).toBe('{"a":{"c":null,"d":[1,2]},"b":1}');
    expect(requestHash('POST', '/api/wallet/recharges', { planId: 1, x: 2 })).toBe(requestHash('post', '/api/wallet/recharges', { x: 2, planId: 1 }));
    expect(requestHash('POST', '/api/wallet/recharges', { planId: 1 })).not.toBe(requestHash('POST', '/api/wallet/recharges', { planId: 2 }));
    expect(requestHash('POST', '/a', {})).not.toBe(requestHash('POST', '/b', {}));
  });

  it('is stable under any key permutation', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 5 }), fc.oneof(fc.integer(), fc.string(), fc.boolean())), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(obj));
      }),
    );
  });
});
