import fc from 'fast-check';
import { productOpenTo, visibleProducts } from './exclusive-products';

describe('members-only products', () => {
  it.each([
    [1, [], null, true],
    [1, [1], null, false],
    [1, [1], [2], false],
    [1, [1], [1], true],
    [3, [1, 2], [1], true],
  ])('product %i, exclusive %j, held %j → %s', (id, exclusive, held, open) => {
    expect(productOpenTo(id, new Set(exclusive), held)).toBe(open);
  });

  it('a listing keeps its order, drops exactly the exclusive products not held, and never adds anything', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 50 }), { maxLength: 30 }),
        fc.array(fc.integer({ min: 1, max: 50 })),
        fc.option(fc.array(fc.integer({ min: 1, max: 50 })), { nil: null }),
        (ids, exclusive, held) => {
          const items = ids.map((id) => ({ id }));
          const visible = visibleProducts(items, new Set(exclusive), held).map((p) => p.id);
          const expected = ids.filter((id) => !exclusive.includes(id) || (held ?? []).includes(id));
          expect(visible).toEqual(expected);
        },
      ),
    );
  });
});
