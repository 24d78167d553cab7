import { type HealthResponse, type MembersReport } from '@mall/shared';
import { loadConfig } from '@mall/server/config/app-config';
import { ReadReplica } from '@mall/server/database/read-replica';
import { startTestApp, TestApp } from '../helpers/test-app';

const onMysql = (process.env.TEST_DATABASE_URL ?? '').startsWith('mysql') || (process.env.TEST_DATABASE_URL ?? '').startsWith('mariadb');
/** TEST_DATABASE_URL's server with another schema. */
function serverSchemaUrl(schema: string): string {
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${schema}`;
  return url.toString();
}
const everyone = { kind: 'group', match: 'all', conditions: [{ kind: 'fact', field: 'orderCount', op: 'gte', value: 0 }] };

/**
 * DATABASE_REPLICA_URL: heavy reads (dashboards, segment counts, catalogue lists) go to the replica only while it
 * replicates within its lag limit; a replica that is down or is not a replica leaves every read on the primary.
 * (Real replication, lag and a replica stopped mid-load are exercised by `pnpm test:cluster`.)
 */
describe('read replica: reads fall back to the primary', () => {
  it('is refused without a MySQL primary', () => {
    expect(() => loadConfig({ DATABASE_URL: 'sqlite::memory:', DATABASE_REPLICA_URL: 'mysql://root@127.0.0.1:1/x' })).toThrow('DATABASE_REPLICA_URL');
    expect(() => loadConfig({ DATABASE_URL: 'mysql://root@127.0.0.1:3306/x', DATABASE_REPLICA_URL: 'sqlite::memory:' })).toThrow('DATABASE_REPLICA_URL');
    expect(loadConfig({ DATABASE_URL: 'mysql://root@127.0.0.1:3306/x', DATABASE_REPLICA_URL: 'mysql://ro@10.0.0.2:3306/x' }).database).toMatchObject({
      replica: { url: 'mysql://ro@10.0.0.2:3306/x', maxLagSeconds: 5, checkIntervalMs: 2000 },
    });
  });

  // The embedded SQLite leg has no replica to point at (the config test above covers it); these run on the MariaDB leg.
  if (!onMysql) return;
  const cases: [string, string, RegExp][] = [
    ['a replica on a port nobody listens on', 'mysql://root@127.0.0.1:1/mall_nowhere', /unreachable/],
    // The test server itself (its always-present `mysql` schema: the suites' own databases are created per suite):
    // it answers, but SHOW SLAVE STATUS is empty, so it is not trusted with reads.
    ['a "replica" that is a server not replicating', serverSchemaUrl('mysql'), /not a replica/],
  ];
  describe('on MySQL/MariaDB', () => {
    describe.each(cases)('%s', (_label, replicaUrl, reason) => {
      let t: TestApp;
      let ops: string;
      beforeAll(async () => {
        t = await startTestApp({ DATABASE_REPLICA_URL: replicaUrl, REPLICA_CHECK_INTERVAL_MS: '200', SEED_DEMO_DATA: 'true' });
        ops = `Bearer ${(await t.loginAccount('admin')).accessToken}`;
      });
      afterAll(() => t?.close());

      it('reports the replica unused and serves dashboards, segment counts and the catalogue from the primary', async () => {
        const health = (await t.http().get('/api/health').expect(200)).body as HealthResponse;
        expect(health.replica).toMatchObject({ serving: false });
        expect(health.replica!.reason).toMatch(reason);
        expect(t.app.get(ReadReplica).status().serving).toBe(false);

        const members = (await t.http().get('/api/admin/analytics/members').set('authorization', ops).expect(200)).body as MembersReport;
        expect(members).toBeDefined();
        const preview = await t.http().post('/api/admin/segments/preview').set('authorization', ops).send({ definition: everyone }).expect(200);
        expect(preview.body.count).toBeGreaterThanOrEqual(0);
        const products = await t.http().get('/api/catalog/products').expect(200);
        expect(products.body.items.length).toBeGreaterThan(0);
      });

      it('still routes through read(): the work runs on the primary and sees its own writes at once', async () => {
        const replica = t.app.get(ReadReplica);
        await t.loginMember('replica-fallback-member');
        const n = await replica.read((m) => m.query('SELECT COUNT(*) AS n FROM member'));
        expect(Number(n[0].n)).toBeGreaterThanOrEqual(1);
        expect(replica.manager()).toBe(t.app.get(ReadReplica)['dataSource'].manager);
      });
    });
  });
});
