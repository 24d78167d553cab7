import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { createConnection } from 'mysql2/promise';
import type { DataSource } from 'typeorm';
import { Sku } from '@mall/server/catalog/sku.entity';
import { PaymentReconciler } from '@mall/server/payment/payment-reconciler';
import { WalletLedgerService } from '@mall/server/wallet/wallet-ledger.service';
import { expectLedgerAuditPasses } from '../helpers/ledger-audit';
import type { TestApp } from '../helpers/test-app';
import { simNotifies, simPay, waitFor } from '../helpers/wechat-pay';
import { startRaceApp } from './race-helpers';

const SERVER_MAIN = path.resolve(__dirname, '..', '..', 'server', 'dist', 'main.js');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/**
 * The mall server as its own process (the production build), talking to "WeChat" — the simulator
 * hosted by the test's app on the same database — over HTTP in live mode, so the server can be
 * killed while WeChat keeps its state and goes on retrying notifies.
 */
class ServerProcess {
  private child: ChildProcess | null = null;
  readonly url: string;

  constructor(
    private readonly port: number,
    private readonly env: Record<string, string>,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  async start(): Promise<void> {
    this.child = spawn(process.execPath, [SERVER_MAIN], {
      env: { PATH: process.env.PATH ?? '', ...this.env, PORT: String(this.port) },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    this.child.stderr!.on('data', (d) => (stderr = (stderr + String(d)).slice(-4000)));
    await waitFor(
      async () => {
        if (this.child?.exitCode !== null) throw new Error(`server exited: ${stderr}`);
        return request(this.url)
          .get('/api/health')
          .then((r) => r.status === 200)
          .catch(() => false);
      },
      'server up',
      60_000,
    );
  }

  /** SIGKILL: no shutdown hooks, open transactions die with their connections. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  http() {
    return request(this.url);
  }
}

describe('faults: the server killed mid-payment and database connections killed mid-transaction (MariaDB)', () => {
  let host: TestApp;
  let ds: DataSource;
  let server: ServerProcess;
  let sku: Sku;
  let schema: string;
  let member: { auth: string; id: number };

  beforeAll(async () => {
    ({ t: host, ds } = await startRaceApp({ WECHAT_SIM_NOTIFY_TIME_SCALE: '0.002' }));
    [sku] = await ds.getRepository(Sku).find({ order: { id: 'ASC' } });
    schema = new URL(host.db.url).pathname.slice(1);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mall-fault-'));
    const pay = host.config.wechatPay;
    fs.writeFileSync(path.join(dir, 'merchant.pem'), pay.merchantPrivateKeyPem);
    fs.writeFileSync(path.join(dir, 'platform.pem'), pay.platformPublicKeyPem);
    const port = await freePort();
    server = new ServerProcess(port, {
      NODE_ENV: 'development',
      DATABASE_URL: host.db.url,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      JWT_SECRET: 'fault-suite-secret-0123456789abcdef',
      JOBS_ENABLED: 'false',
      WECHAT_MODE: 'live',
      WECHAT_APP_ID: host.config.wechat.appId,
      WECHAT_APP_SECRET: host.config.wechat.appSecret,
      WECHAT_API_BASE_URL: `${host.baseUrl}/__wechat`,
      WECHATPAY_MCH_ID: pay.mchId,
      WECHATPAY_MCH_SERIAL_NO: pay.merchantSerialNo,
      WECHATPAY_PRIVATE_KEY_PATH: path.join(dir, 'merchant.pem'),
      WECHATPAY_API_V3_KEY: pay.apiV3Key,
      WECHATPAY_PUBLIC_KEY_ID: pay.platformPublicKeyId,
      WECHATPAY_PUBLIC_KEY_PATH: path.join(dir, 'platform.pem'),
      WECHATPAY_API_BASE_URL: pay.apiBaseUrl!,
      WECHATPAY_NOTIFY_URL: `http://127.0.0.1:${port}/api/payments/wechat/notify`,
      STATIC_ROOT: dir,
    });
    await server.start();
    const login = (await server.http().post('/api/auth/wechat/login').send({ code: 'fault-member:c1' }).expect(200)).body;
    member = { auth: `Bearer ${login.accessToken}`, id: login.member.id };
  });
  afterAll(async () => {
    await server?.kill();
    await host?.close();
  });

  const recharges = async () => Number((await ds.query("SELECT COUNT(*) AS c FROM wallet_entry WHERE member_id = ? AND kind = 'recharge'", [member.id]))[0].c);

  it('SIGKILL between WeChat taking the money and our notify handling: after restart, reconciliation applies every payment exactly once', async () => {
    const paid: string[] = [];
    for (let i = 0; i < 8; i++) {
      const recharge = (await server.http().post('/api/wallet/recharges').set('authorization', member.auth).send({ planId: 1 }).expect(201)).body;
      await simPay(host, recharge.outTradeNo); // the notify is on its way to the server…
      await new Promise((r) => setTimeout(r, i * 7)); // …and is killed before, during or after handling it
      await server.kill();
      paid.push(recharge.outTradeNo);
      await server.start();
    }
    // Lost notifies: WeChat retries them on its schedule; reconciliation (any instance) asks WeChat too.
    await host.app.get(PaymentReconciler).runOnce(new Date(Date.now() + 90_000));
    for (const no of paid)
      await waitFor(async () => (await ds.query('SELECT status FROM payment WHERE out_trade_no = ?', [no]))[0].status === 'paid', `${no} paid`);
    expect(await recharges()).toBe(8);
    expect((await server.http().get('/api/wallet').set('authorization', member.auth).expect(200)).body.principal).toBe(8 * 10_000);
    // Retries of the same notifies after the restart are duplicates.
    await waitFor(
      async () => (await Promise.all(paid.map((no) => simNotifies(host, no)))).every((ns) => ns.every((n) => n.delivered)),
      'every notify finally answered 2xx',
      30_000,
    );
    expect(await recharges()).toBe(8);
    await expectLedgerAuditPasses(host);
  });

  it('SIGKILL while checkouts are in their transactions: nothing half-done survives', async () => {
    await server
      .http()
      .post('/api/addresses')
      .set('authorization', member.auth)
      .send({ name: '赵六', phone: '13600136000', region: '杭州市', detail: '西湖区 1 号', isDefault: true })
      .expect(201);
    const stockBefore = Number((await ds.query('SELECT stock FROM sku WHERE id = ?', [sku.id]))[0].stock);
    await ds.transaction((m) =>
      host.app.get(WalletLedgerService).move(m, {
        memberId: member.id,
        deltaPrincipalFen: 200_000,
        deltaBonusFen: 0,
        kind: 'adjust',
        refType: 'test',
        refId: 'fault',
        idempotencyKey: `fault-wallet:${member.id}`,
      }),
    );
    const statuses: number[] = [];
    // Kill after a range of delays, so some checkouts finish, some die mid-transaction, some never start.
    for (const delay of [30, 80, 150, 300, 600, 1200, 2500]) {
      const inFlight = Array.from({ length: 8 }, () =>
        server
          .http()
          .post('/api/orders')
          .set('authorization', member.auth)
          .send({ lines: [{ skuId: sku.id, quantity: 1 }], fulfilment: 'pickup', storeId: 1, balanceToUse: 2000 })
          .then((r) => r.status)
          .catch(() => 0),
      );
      await new Promise((r) => setTimeout(r, delay));
      await server.kill();
      statuses.push(...(await Promise.all(inFlight)));
      await server.start();
    }
    expect(statuses).toContain(201);
    expect(statuses).toContain(0);
    const orders = Number((await ds.query('SELECT COUNT(*) AS c FROM shop_order WHERE member_id = ?', [member.id]))[0].c);
    const held = Number((await ds.query("SELECT COALESCE(-SUM(delta), 0) AS v FROM stock_movement WHERE sku_id = ? AND kind = 'hold'", [sku.id]))[0].v);
    // Every order that exists holds exactly its unit; every unit held belongs to an order that exists.
    expect(stockBefore - Number((await ds.query('SELECT stock FROM sku WHERE id = ?', [sku.id]))[0].stock)).toBe(orders);
    expect(orders).toBeGreaterThanOrEqual(statuses.filter((s) => s === 201).length);
    expect(held).toBeGreaterThanOrEqual(orders);
    await expectLedgerAuditPasses(host);
    // Unpaid ones expire and give everything back.
    await host.app.get(PaymentReconciler).runOnce(new Date(Date.now() + 20 * 60_000));
    expect(Number((await ds.query('SELECT stock FROM sku WHERE id = ?', [sku.id]))[0].stock)).toBe(stockBefore);
    await expectLedgerAuditPasses(host);
  });

  it('database connections killed (MariaDB KILL) mid-transaction under load: after reconciliation nothing is lost or doubled', async () => {
    const admin = await createConnection({ uri: new URL('/', host.db.url).toString() });
    const [[me]] = (await admin.query('SELECT CONNECTION_ID() AS id')) as unknown as [{ id: number }[]];
    let killing = true;
    let killed = 0;
    const killer = (async () => {
      while (killing) {
        const [rows] = (await admin.query('SELECT ID AS id FROM information_schema.PROCESSLIST WHERE DB = ? AND ID <> ? AND COMMAND <> ?', [
          schema,
          me.id,
          'Sleep',
        ])) as unknown as [{ id: number }[]];
        for (const row of rows.slice(0, 2)) {
          await admin.query(`KILL ${Number(row.id)}`).catch(() => undefined);
          killed += 1;
        }
        await new Promise((r) => setTimeout(r, 15));
      }
    })();
    const work: Promise<unknown>[] = [];
    for (let i = 0; i < 30; i++) {
      work.push(
        (async () => {
          const r = await server.http().post('/api/wallet/recharges').set('authorization', member.auth).send({ planId: 1 });
          if (r.status === 201) await simPay(host, r.body.outTradeNo).catch(() => undefined);
          await server
            .http()
            .post('/api/orders')
            .set('authorization', member.auth)
            .send({ lines: [{ skuId: sku.id, quantity: 1 }], fulfilment: 'pickup', storeId: 1, balanceToUse: 1000 })
            .catch(() => undefined);
        })(),
      );
      await new Promise((r) => setTimeout(r, 20));
    }
    await Promise.all(work);
    killing = false;
    await killer;
    await admin.end();
    expect(killed).toBeGreaterThan(0);
    // The server still serves; WeChat's retries and reconciliation finish what the kills interrupted.
    await waitFor(async () => (await server.http().get('/api/health')).status === 200, 'server healthy');
    await waitFor(
      async () => {
        await host.app.get(PaymentReconciler).runOnce(new Date(Date.now() + 20 * 60_000));
        const [row] = await ds.query("SELECT COUNT(*) AS c FROM payment WHERE status = 'created'");
        return Number(row.c) === 0;
      },
      'every payment settled',
      60_000,
    );
    await expectLedgerAuditPasses(host);
    const creditsPerPayment = await ds.query(
      "SELECT p.out_trade_no AS o, COUNT(e.id) AS c FROM payment p JOIN recharge r ON r.id = CAST(p.purpose_id AS UNSIGNED) LEFT JOIN wallet_entry e ON e.kind = 'recharge' AND e.ref_id = CAST(r.id AS CHAR) WHERE p.purpose = 'recharge' AND p.status = 'paid' GROUP BY p.out_trade_no",
    );
    for (const row of creditsPerPayment) expect([row.o, Number(row.c)]).toEqual([row.o, 1]);
  });
});
