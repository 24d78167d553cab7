import type { DataSource } from 'typeorm';
import { Sku } from '@mall/server/catalog/sku.entity';
import { ADMISSION_GATE, type AdmissionGate } from '@mall/server/flash-sale/admission/admission-gate';
import { RedisAdmissionGate } from '@mall/server/flash-sale/admission/redis-admission.gate';
import { FlashSaleEvent, FlashSalePurchase, FlashSaleReservation } from '@mall/server/flash-sale/flash-sale.entity';
import { FlashSaleService } from '@mall/server/flash-sale/flash-sale.service';
import { expectLedgerAuditPasses } from '../helpers/ledger-audit';
import type { TestApp } from '../helpers/test-app';
import { count, startRaceApp } from './race-helpers';

const BUYERS = 500;
const STOCK = 50;
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/5';

/**
 * 500 members hit one event of 50 units at once, each with two concurrent requests (limit 1):
 * exactly 50 holds, nobody above the limit, no server error; expired holds return to deal stock and
 * sell again. Once with the in-process gate, once with Redis (including a Redis "restart").
 */
describe.each([
  ['in-process gate', {}],
  ['Redis gate', { REDIS_URL }],
] as const)('races: flash sale storm with the %s (MariaDB, through HTTP)', (label, env) => {
  let t: TestApp;
  let ds: DataSource;
  let ops: string;
  let service: FlashSaleService;
  let gate: AdmissionGate;
  let sku: Sku;
  const buyers: { id: number; auth: string }[] = [];

  beforeAll(async () => {
    ({ t, ds, ops } = await startRaceApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '100000', ...env }));
    service = t.app.get(FlashSaleService);
    gate = t.app.get(ADMISSION_GATE);
    expect(gate.kind).toBe(label === 'Redis gate' ? 'redis' : 'memory');
    sku = (await ds.getRepository(Sku).find({ where: { enabled: true }, order: { id: 'ASC' } })).find((s) => s.priceFen > 1000)!;
    // Normal stock (the demo's hundreds) is not what runs out here: only deal stock can.
    expect(sku.stock).toBeGreaterThanOrEqual(2 * STOCK);
    for (let i = 0; i < BUYERS; i += 25) {
      const logins = await Promise.all(Array.from({ length: Math.min(25, BUYERS - i) }, (_, j) => t.loginMember(`fs-race-${gate.kind}-${i + j}`)));
      buyers.push(...logins.map((l) => ({ id: l.member.id as number, auth: `Bearer ${l.accessToken}` })));
    }
  }, 300_000);
  afterAll(() => t?.close());
  afterEach(() => expectLedgerAuditPasses(t));

  const buy = (auth: string, id: number) =>
    t.http().post(`/api/flash-sales/${id}/orders`).set('authorization', auth).send({ quantity: 1, fulfilment: 'pickup', storeId: 1 });
  const eventRow = (id: number) => ds.getRepository(FlashSaleEvent).findOneByOrFail({ id });

  it(`${BUYERS} buyers × 2 concurrent requests for ${STOCK} units: exactly ${STOCK} holds, nobody above the limit; expired holds return and sell again`, async () => {
    const event = (
      await t
        .http()
        .post('/api/admin/flash-sales')
        .set('authorization', ops)
        .send({
          name: `抢购 ${label}`,
          skuId: sku.id,
          dealPriceFen: 990,
          stockTotal: STOCK,
          perMemberLimit: 1,
          startAt: new Date(Date.now() - 60_000).toISOString(),
          endAt: new Date(Date.now() + 3600_000).toISOString(),
          holdMinutes: 10,
          audience: { kind: 'everyone' },
          enabled: true,
        })
        .expect(201)
    ).body as { id: number };

    const results = await Promise.all(buyers.flatMap((b) => [buy(b.auth, event.id), buy(b.auth, event.id)]));
    expect(results.filter((r) => r.status >= 500).map((r) => r.body)).toEqual([]);
    expect(count(results, 201)).toBe(STOCK);
    for (const r of results.filter((x) => x.status !== 201))
      expect(['FLASH_SALE_SOLD_OUT', 'FLASH_SALE_LIMIT_REACHED', 'FLASH_SALE_IN_FLIGHT']).toContain(r.body.code);
    expect(await eventRow(event.id)).toMatchObject({ stockLeft: 0, reservedCount: STOCK, soldCount: 0 });
    const reservations = await ds.getRepository(FlashSaleReservation).findBy({ eventId: event.id });
    expect(reservations).toHaveLength(STOCK);
    const perMember = new Map<number, number>();
    for (const r of reservations) perMember.set(r.memberId, (perMember.get(r.memberId) ?? 0) + r.quantity);
    expect(Math.max(...perMember.values())).toBe(1);
    expect(perMember.size).toBe(STOCK);
    const orders = await ds.query('SELECT COUNT(*) AS c FROM shop_order WHERE deal_kind = ? AND deal_ref = ?', ['flash_sale', String(event.id)]);
    expect(Number(orders[0].c)).toBe(STOCK);
    expect(await service.check()).toEqual([]);
    // The gate agrees with the database once everything settled.
    expect((await gate.peek(event.id))!.stockLeft).toBe(0);

    if (gate instanceof RedisAdmissionGate) {
      // Redis restarts and loses the event: the reconciliation job reloads it from the database.
      await gate.forget(event.id);
      expect(await gate.has(event.id)).toBe(false);
      await Promise.all([service.reconcileGate(), service.reconcileGate()]);
      const reloaded = (await gate.peek(event.id))!;
      expect(reloaded.stockLeft).toBe(0);
      expect([...reloaded.taken.entries()].sort()).toEqual([...perMember.entries()].sort());
    }

    // Every hold expires unpaid (two expiry jobs racing): the units return to deal stock, once.
    const due = new Date(Date.now() + 11 * 60_000);
    await Promise.all([service.expireDue(due), service.expireDue(due)]);
    expect(await eventRow(event.id)).toMatchObject({ stockLeft: STOCK, reservedCount: 0, soldCount: 0 });
    expect(await ds.getRepository(FlashSaleReservation).countBy({ eventId: event.id, status: 'released' })).toBe(STOCK);
    expect((await ds.getRepository(FlashSalePurchase).findBy({ eventId: event.id })).every((p) => p.taken === 0)).toBe(true);
    expect((await gate.peek(event.id))!.stockLeft).toBe(STOCK);

    // They sell again, to anyone (the expired members included), exactly once more.
    const again = await Promise.all(buyers.slice(0, 200).map((b) => buy(b.auth, event.id)));
    expect(again.filter((r) => r.status >= 500).map((r) => r.body)).toEqual([]);
    expect(count(again, 201)).toBe(STOCK);
    expect(await eventRow(event.id)).toMatchObject({ stockLeft: 0, reservedCount: STOCK });
    expect(await service.check()).toEqual([]);
  }, 300_000);
});
