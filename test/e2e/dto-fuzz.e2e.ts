import { getDataSourceToken } from '@nestjs/typeorm';
import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { DemoSeeder } from '@mall/server/seed/demo-seeder';
import { changedTables, snapshotDb } from '../helpers/db-snapshot';
import { edgeBody, fieldsOf, invalidBodies } from '../helpers/dto-fuzz';
import { discoverRoutes, urlOf, type DiscoveredRoute } from '../helpers/routes';
import { startTestApp, TestApp } from '../helpers/test-app';

/**
 * Every route that takes a JSON body, found from the route metadata (a new body route is fuzzed by
 * itself), gets bodies built from its DTO's own validation rules: negative, fractional, huge
 * (2^31, 2^53+) and non-numeric amounts, over-long and control/bidi strings, wrong types, arrays
 * for objects, missing and unknown fields. Each is refused with a 4xx in the error shape and
 * writes nothing. A second pass sends values at the edge of what the rules allow (max INT, max
 * length in emoji and CJK, SQL and HTML fragments): never a 500.
 *
 * Bounded and reproducible: FUZZ_SEED (printed on failure) replays a run, FUZZ_RUNS sizes it.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261126);
const RUNS = Number(process.env.FUZZ_RUNS ?? 24);
const EDGE_RUNS = Math.max(4, Math.floor(RUNS / 3));

/** Body routes that are not JSON APIs of the product: none today; add one here with the reason. */
const NOT_FUZZED: Record<string, string> = {};

/** The counterexample and the answer it got, from fast-check's report. */
function report(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  const lines = [...(error as Error).message.split('\n'), ...(cause instanceof Error ? [cause.message] : [])];
  return lines.filter((line) => /Counterexample|→/.test(line)).join(' | ') || lines.slice(0, 6).join(' | ');
}

function isErrorShape(body: unknown): boolean {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const keys = Object.keys(body).sort();
  const { code, message } = body as { code?: unknown; message?: unknown };
  return typeof code === 'string' && typeof message === 'string' && (keys.join() === 'code,message' || keys.join() === 'code,details,message');
}

describe('DTO fuzzing of every route that takes a body', () => {
  let t: TestApp;
  let ds: DataSource;
  let routes: DiscoveredRoute[];
  const tokens: Record<'member' | 'admin' | 'store', string> = { member: '', admin: '', store: '' };

  beforeAll(async () => {
    t = await startTestApp();
    ds = t.app.get<DataSource>(getDataSourceToken());
    await t.app.get(DemoSeeder).seed();
    routes = discoverRoutes(t.app).filter((r) => r.path.startsWith('/api/') && r.bodyDto && !NOT_FUZZED[r.key]);
    tokens.member = (await t.loginMember('fuzz-member')).accessToken;
    tokens.admin = (await t.loginAccount('admin')).accessToken;
    await t.createAccount({ username: 'fuzz-manager', password: 'fuzz-manager-pass', displayName: '店长', role: 'store_manager', storeId: 1 });
    tokens.store = (await t.loginAccount('fuzz-manager', 'fuzz-manager-pass')).accessToken;
  });
  afterAll(() => t?.close());

  function tokenFor(route: DiscoveredRoute): string | null {
    if (route.access === 'public') return null;
    if (route.access.includes('member')) return tokens.member;
    return route.path.startsWith('/api/staff/') ? tokens.store : tokens.admin;
  }

  function send(route: DiscoveredRoute, url: string, body: unknown) {
    let req = t.http()[route.method.toLowerCase() as 'post'](url).set('content-type', 'application/json');
    const token = tokenFor(route);
    if (token) req = req.set('authorization', `Bearer ${token}`);
    return req.send(JSON.stringify(body));
  }

  it('finds the body routes from metadata, each with a DTO whose fields it can read', () => {
    expect(routes.length).toBeGreaterThan(50);
    const unreadable = routes.filter((r) => fieldsOf(r.bodyDto!).length === 0).map((r) => `${r.key} (${r.bodyDto!.name})`);
    expect(unreadable).toEqual([]);
  });

  it('refuses every invalid body with a 4xx in the error shape and writes nothing', async () => {
    const failures: string[] = [];
    let requests = 0;
    for (const [index, route] of routes.entries()) {
      // Ids that exist: validation comes before any lookup, so nothing may reach the service anyway.
      const url = urlOf(route, { id: 1, codeId: 1, memberId: 1, productId: 1, outTradeNo: 'P0', sessionId: 's', scene: 'order_paid' });
      const before = await snapshotDb(ds);
      try {
        await fc.assert(
          fc.asyncProperty(invalidBodies(route.bodyDto!), async (body) => {
            requests += 1;
            const res = await send(route, url, body);
            const ok = res.status >= 400 && res.status < 500 && isErrorShape(res.body);
            if (!ok) throw new Error(`${route.key} ${JSON.stringify(body).slice(0, 300)} → ${res.status} ${res.text.slice(0, 300)}`);
          }),
          { seed: SEED + index, numRuns: RUNS, endOnFailure: true },
        );
      } catch (error) {
        failures.push(`${report(error)} [FUZZ_SEED=${SEED} route seed ${SEED + index}]`);
      }
      const changed = changedTables(before, await snapshotDb(ds));
      if (changed.length) failures.push(`${route.key} wrote rows for refused bodies: ${changed.join(', ')}`);
    }
    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThanOrEqual(routes.length * RUNS);
  });

  it('answers bodies at the edge of what the rules allow without a server error', async () => {
    const failures: string[] = [];
    for (const [index, route] of routes.entries()) {
      // Unknown ids: an update or action on a real object could lock the fuzzer out (e.g. deactivate the admin).
      const url = urlOf(route, {
        id: 999999,
        codeId: 999999,
        memberId: 999999,
        productId: 999999,
        outTradeNo: 'P-NONE',
        sessionId: 'none',
        scene: 'order_paid',
      });
      const fields = fieldsOf(route.bodyDto!);
      try {
        await fc.assert(
          fc.asyncProperty(edgeBody(fields), async (body) => {
            const res = await send(route, url, body);
            const ok = res.status < 500 && (res.status < 400 || isErrorShape(res.body));
            if (!ok) throw new Error(`${route.key} ${JSON.stringify(body).slice(0, 300)} → ${res.status} ${res.text.slice(0, 300)}`);
          }),
          { seed: SEED + 1000 + index, numRuns: EDGE_RUNS, endOnFailure: true },
        );
      } catch (error) {
        failures.push(`${report(error)} [FUZZ_SEED=${SEED} route seed ${SEED + 1000 + index}]`);
      }
    }
    expect(failures).toEqual([]);
  });
});
