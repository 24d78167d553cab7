import type { DataSource, Logger } from 'typeorm';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Sku } from '@mall/server/catalog/sku.entity';
import { WalletLedgerService } from '@mall/server/wallet/wallet-ledger.service';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { DemoSeeder } from '@mall/server/seed/demo-seeder';

/**
 * How many SQL statements the hot requests run once warm: the member card, the product list and
 * detail, and a checkout paid by stored value. Counted, not timed; the budgets are what the
 * benchmarks need (docs/BENCHMARKS.md), so a change that adds queries to a hot path shows up here.
 */
describe('statement budget of the hot paths', () => {
  let t: TestApp;
  let ds: DataSource;
  let statements: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    ds = t.app.get<DataSource>(getDataSourceToken());
    await t.app.get(DemoSeeder).seed();
    const original = ds.logger;
    const counting: Logger = {
      logQuery: (query) => void statements.push(query),
      logQueryError: (...args) => original.logQueryError(...args),
      logQuerySlow: (...args) => original.logQuerySlow(...args),
      logSchemaBuild: (...args) => original.logSchemaBuild(...args),
      logMigration: (...args) => original.logMigration(...args),
      log: (...args) => original.log(...args),
    };
    Object.defineProperty(ds, 'logger', { value: counting, configurable: true });
  });
  afterAll(() => t?.close());

  /** Runs the request twice (the first warms caches) and returns the statements of the second. */
  async function count(run: () => Promise<unknown>): Promise<string[]> {
    await run();
    statements = [];
    await run();
    return statements.filter((s) => !/^(START TRANSACTION|BEGIN|COMMIT|SET TRANSACTION|SAVEPOINT|RELEASE SAVEPOINT)/i.test(s));
  }

  it('member card, product list, product detail and checkout stay within their statement budgets', async () => {
    const member = await t.loginMember('budget-member');
    const auth = `Bearer ${member.accessToken}`;
    const [sku] = await ds.getRepository(Sku).find({ order: { id: 'ASC' } });
    await ds.transaction((m) =>
      t.app.get(WalletLedgerService).move(m, {
        memberId: member.member.id,
        deltaPrincipalFen: 10_000_000,
        deltaBonusFen: 0,
        kind: 'adjust',
        refType: 'test',
        refId: 'budget',
        idempotencyKey: `budget-seed:${member.member.id}`,
      }),
    );

    const card = await count(() => t.http().get('/api/members/me/card').set('authorization', auth).expect(200));
    const list = await count(() => t.http().get('/api/catalog/products').set('authorization', auth).expect(200));
    const detail = await count(() => t.http().get(`/api/catalog/products/${sku.productId}`).set('authorization', auth).expect(200));
    const checkout = await count(() =>
      t
        .http()
        .post('/api/orders')
        .set('authorization', auth)
        .send({ lines: [{ skuId: sku.id, quantity: 1 }], balanceToUse: 100_000, fulfilment: 'pickup', storeId: 1 })
        .expect(201),
    );
    // Budgets as measured once configuration (tiers, settings, benefit catalogue, plans) is cached, the same on
    // SQLite and MariaDB: inserts in the checkout transaction are plain (no re-select), its lines one statement.
    const within = (name: string, ran: string[], budget: number) =>
      expect({ name, statements: ran.length <= budget ? budget : ran.map((q) => q.slice(0, 120)) }).toEqual({ name, statements: budget });
    within('member card', card, 4);
    within('product list (served pre-serialized from its short cache)', list, 0);
    within('product detail with member prices (served pre-serialized)', detail, 0);
    within('checkout paid by stored value', checkout, 29);
    // The hot SKU row is locked by the last statement before COMMIT: every other buyer waits on it for one round trip.
    expect(checkout[checkout.length - 1]).toMatch(/^UPDATE [`"]sku[`"] SET [`"]stock[`"] = [`"]stock[`"] - /);
  });
});
