import fc from 'fast-check';
import { bpsPercent, sellThroughBps } from './deal-report';

describe('deal report rates', () => {
  it('sell-through is units over stock in basis points, null without stock', () => {
    expect(sellThroughBps(50, 50)).toBe(10_000);
    expect(sellThroughBps(1, 3)).toBe(3333);
    expect(sellThroughBps(0, 10)).toBe(0);
    expect(sellThroughBps(3, null)).toBeNull();
    expect(sellThroughBps(3, 0)).toBeNull();
    expect(bpsPercent(3333)).toBe('33.33%');
    expect(bpsPercent(null)).toBe('—');
  });

  it('never above 100% nor below 0', () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.integer({ min: 1, max: 10_000 }), (units, stock) => {
        const bps = sellThroughBps(units, stock)!;
        expect(bps).toBeGreaterThanOrEqual(0);
        expect(bps).toBeLessThanOrEqual(10_000);
      }),
    );
  });
});
