import fc from 'fast-check';
import { allocate, formatYuan, parseYuan, yuanLabel } from './fen';

describe('formatYuan', () => {
  it.each([
    [0, '0.00'],
    [1, '0.01'],
    [99, '0.99'],
    [100, '1.00'],
    [12345, '123.45'],
    [-5, '-0.05'],
  ])('formats %i fen as %s', (fen, text) => {
    expect(formatYuan(fen)).toBe(text);
  });

  it('trims zeros when asked', () => {
    expect(formatYuan(5000, { trimZeros: true })).toBe('50');
    expect(formatYuan(5050, { trimZeros: true })).toBe('50.5');
  });

  it('rejects non-integer fen', () => {
    expect(() => formatYuan(1.5)).toThrow(RangeError);
  });
});

describe('allocate (largest remainder)', () => {
  it('splits by weight with deterministic tie-breaking', () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(1000, [5000, 3000, 2000])).toEqual([500, 300, 200]);
    expect(allocate(7, [1, 2])).toEqual([2, 5]);
    expect(allocate(-100, [1, 1, 1])).toEqual([-34, -33, -33]);
    expect(allocate(0, [0, 0])).toEqual([0, 0]);
  });

  it('refuses impossible splits', () => {
    expect(() => allocate(10, [])).toThrow(RangeError);
    expect(() => allocate(10, [0, 0])).toThrow(RangeError);
    expect(() => allocate(10, [-1, 2])).toThrow(RangeError);
  });

  it('always sums to the total and stays within one fen of the exact share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }),
        fc.array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 1, maxLength: 30 }).filter((ws) => ws.some((w) => w > 0)),
        (total, weights) => {
          const parts = allocate(total, weights);
          const weightSum = weights.reduce((a, b) => a + b, 0);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
          parts.forEach((p, i) => {
            expect(Number.isInteger(p)).toBe(true);
            const exact = (total * weights[i]) / weightSum;
            expect(Math.abs(p - exact)).toBeLessThan(1 + 1e-6);
            if (weights[i] === 0) expect(p).toBe(0);
          });
        },
      ),
    );
  });
});

describe('parseYuan', () => {
  it.each([
    ['12', 1200],
    ['12.3', 1230],
    ['12.30', 1230],
    ['0.01', 1],
    ['¥1,200.5', 120050],
    [' 7 ', 700],
    [19.99, 1999],
    [0.1, 10],
  ] as const)('reads %p as %i fen', (input, fen) => {
    expect(parseYuan(input)).toBe(fen);
  });

  it.each(['', 'abc', '-1', '1.234', '1e3', '.5', '1.', null, undefined, NaN, Infinity, -3])('refuses %p', (input) => {
    expect(parseYuan(input as never)).toBeNull();
  });

  it('is the inverse of formatYuan for every non-negative amount', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1_000_000_000_000 }), (fen) => parseYuan(formatYuan(fen)) === fen));
  });

  it('labels money for sentences', () => {
    expect(yuanLabel(50000)).toBe('¥500');
    expect(yuanLabel(5050)).toBe('¥50.5');
    expect(yuanLabel(1)).toBe('¥0.01');
  });
});
