import { MemoryAdmissionGate } from './memory-admission.gate';

const snapshot =
  (stockLeft: number, taken: [number, number][] = []) =>
  async () => ({ eventId: 1, stockLeft, taken: new Map(taken) });

describe('in-process admission gate', () => {
  it('takes units until sold out, never over a member’s limit, loading the database state once', async () => {
    const gate = new MemoryAdmissionGate();
    let loads = 0;
    const load = async () => {
      loads += 1;
      return snapshot(3, [[7, 1]])();
    };
    const verdicts = await Promise.all([1, 2, 3, 4, 7].map((m) => gate.admit(1, m, 1, 1, load)));
    expect(loads).toBe(1);
    expect(verdicts).toEqual(['admitted', 'admitted', 'admitted', 'sold_out', 'sold_out']);
    expect(await gate.admit(1, 2, 1, 1, load)).toBe('sold_out');
    await gate.giveBack(1, 2, 1);
    expect(await gate.admit(1, 7, 1, 1, load)).toBe('limit');
    expect(await gate.admit(1, 2, 1, 1, load)).toBe('admitted');
  });

  it('many concurrent admissions for random members: admitted = min(demand, stock), nobody above the limit', async () => {
    for (let round = 0; round < 20; round++) {
      const gate = new MemoryAdmissionGate();
      const stock = 1 + Math.floor(Math.random() * 50);
      const limit = 1 + Math.floor(Math.random() * 3);
      const asks = Array.from({ length: 300 }, () => 1 + Math.floor(Math.random() * 40));
      const verdicts = await Promise.all(asks.map((m) => gate.admit(1, m, 1, limit, snapshot(stock))));
      const admitted = asks.filter((_, i) => verdicts[i] === 'admitted');
      const perMember = new Map<number, number>();
      for (const m of admitted) perMember.set(m, (perMember.get(m) ?? 0) + 1);
      const demand = [...new Set(asks)].reduce((s, m) => s + Math.min(limit, asks.filter((x) => x === m).length), 0);
      expect(admitted.length).toBe(Math.min(stock, demand));
      expect(Math.max(...perMember.values())).toBeLessThanOrEqual(limit);
      expect((await gate.peek(1))!.stockLeft).toBe(stock - admitted.length);
    }
  });

  it('resync replaces, adjustStock follows the admin', async () => {
    const gate = new MemoryAdmissionGate();
    expect(await gate.has(1)).toBe(false);
    await gate.resync({ eventId: 1, stockLeft: 2, taken: new Map() });
    await gate.adjustStock(1, 3);
    expect((await gate.peek(1))!.stockLeft).toBe(5);
    await gate.adjustStock(1, -10);
    expect((await gate.peek(1))!.stockLeft).toBe(0);
  });
});
