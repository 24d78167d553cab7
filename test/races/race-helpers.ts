import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DemoSeeder } from '@mall/server/seed/demo-seeder';
import { WalletLedgerService } from '@mall/server/wallet/wallet-ledger.service';
import { PointsLedgerService } from '@mall/server/points/points-ledger.service';
import { startTestApp, type TestApp } from '../helpers/test-app';

/** The race suites prove row locks and conditional updates under real concurrency: MariaDB/MySQL only. */
export async function startRaceApp(env: Record<string, string> = {}): Promise<{ t: TestApp; ds: DataSource; ops: string; finance: string }> {
  if (!/^(mysql|mariadb):/.test(process.env.TEST_DATABASE_URL ?? '')) {
    throw new Error('test/races needs a real MariaDB/MySQL: run with TEST_DATABASE_URL=mysql://root@127.0.0.1:3306/mall_test');
  }
  const t = await startTestApp({ WECHAT_SIM_NOTIFY_TIME_SCALE: '0.001', ...env });
  const ds = t.app.get<DataSource>(getDataSourceToken());
  await t.app.get(DemoSeeder).seed();
  await t.createAccount({ username: 'race-ops', password: 'race-ops-pass', displayName: '运营', role: 'ops' });
  await t.createAccount({ username: 'race-fin', password: 'race-fin-pass', displayName: '财务', role: 'finance' });
  const ops = `Bearer ${(await t.loginAccount('race-ops', 'race-ops-pass')).accessToken}`;
  const finance = `Bearer ${(await t.loginAccount('race-fin', 'race-fin-pass')).accessToken}`;
  return { t, ds, ops, finance };
}

export interface RaceMember {
  id: number;
  auth: string;
  addressId: number;
}

/** A member with stored value (principal only) and points, and a default address. */
export async function raceMember(t: TestApp, name: string, opts: { balanceFen?: number; points?: number } = {}): Promise<RaceMember> {
  const login = await t.loginMember(name);
  const ds = t.app.get<DataSource>(getDataSourceToken());
  const id = login.member.id;
  if (opts.balanceFen) {
    await ds.transaction((m) =>
      t.app.get(WalletLedgerService).move(m, {
        memberId: id,
        deltaPrincipalFen: opts.balanceFen!,
        deltaBonusFen: 0,
        kind: 'adjust',
        refType: 'test',
        refId: 'seed',
        idempotencyKey: `race-wallet:${id}`,
      }),
    );
  }
  if (opts.points) {
    await ds.transaction((m) =>
      t.app
        .get(PointsLedgerService)
        .earn(m, { memberId: id, points: opts.points!, source: 'adjust', refType: 'test', refId: 'seed', idempotencyKey: `race-points:${id}` }),
    );
  }
  const auth = `Bearer ${login.accessToken}`;
  const address = (
    await t
      .http()
      .post('/api/addresses')
      .set('authorization', auth)
      .send({ name: '王五', phone: '13700137000', region: '上海市 徐汇区', detail: '漕溪北路 1 号', isDefault: true })
  ).body;
  return { id, auth, addressId: address.id };
}

/** Fires `n` requests at once and returns their HTTP statuses and bodies. */
export async function burst<T = Record<string, unknown>>(
  n: number,
  send: (i: number) => PromiseLike<{ status: number; body: T }>,
): Promise<{ status: number; body: T }[]> {
  return Promise.all(Array.from({ length: n }, (_, i) => send(i)));
}

export const count = (rows: { status: number }[], status: number) => rows.filter((r) => r.status === status).length;
