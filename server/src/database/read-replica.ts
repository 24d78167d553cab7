import { AsyncLocalStorage } from 'node:async_hooks';
import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { APP_CONFIG, AppConfig, ReplicaConfig } from '../config/app-config';

export interface ReplicaStatus {
  configured: boolean;
  /** Heavy reads go to the replica now (configured, answering, replicating, within the lag limit). */
  serving: boolean;
  lagSeconds: number | null;
  reason: string | null;
  checkedAt: string | null;
}

/** One row of SHOW SLAVE STATUS (MariaDB; MySQL 8.0.22+ names the same fields Replica_* / Source_*). */
type SlaveStatusRow = Record<string, string | number | null>;

/** Whether a replica may serve reads, from its SHOW SLAVE STATUS row: bounded staleness, both threads running. */
export function judgeReplica(rows: SlaveStatusRow[], maxLagSeconds: number): { ok: boolean; lagSeconds: number | null; reason: string | null } {
  const row = rows[0];
  if (!row) return { ok: false, lagSeconds: null, reason: 'not a replica (SHOW SLAVE STATUS is empty)' };
  const field = (a: string, b: string) => row[a] ?? row[b] ?? null;
  const io = String(field('Slave_IO_Running', 'Replica_IO_Running'));
  const sql = String(field('Slave_SQL_Running', 'Replica_SQL_Running'));
  const lagRaw = field('Seconds_Behind_Master', 'Seconds_Behind_Source');
  const lagSeconds = lagRaw === null || lagRaw === '' ? null : Number(lagRaw);
  if (io !== 'Yes' || sql !== 'Yes') return { ok: false, lagSeconds, reason: `replication stopped (IO ${io}, SQL ${sql})` };
  if (lagSeconds === null || Number.isNaN(lagSeconds)) return { ok: false, lagSeconds: null, reason: 'lag unknown' };
  if (lagSeconds > maxLagSeconds) return { ok: false, lagSeconds, reason: `${lagSeconds} s behind (limit ${maxLagSeconds} s)` };
  return { ok: true, lagSeconds, reason: null };
}

/**
 * Routes heavy, staleness-tolerant reads (dashboards, segment counts, catalogue lists) to
 * DATABASE_REPLICA_URL while a periodic check finds it replicating within REPLICA_MAX_LAG_SECONDS;
 * otherwise, and whenever the replica fails mid-read, they run on the primary. Everything else —
 * money paths, transactions, reads right after a write — never comes here and stays on the primary
 * (the data source's default replication mode is 'master').
 */
@Injectable()
export class ReadReplica implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('ReadReplica');
  private readonly replica: ReplicaConfig | null;
  private state: ReplicaStatus;
  private timer: NodeJS.Timeout | null = null;
  private checking: Promise<void> | null = null;
  /** The manager of the read in progress (replica or primary), for services that read through manager(). */
  private readonly current = new AsyncLocalStorage<EntityManager>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.replica = config.database.type === 'mysql' ? (config.database.replica ?? null) : null;
    this.state = { configured: Boolean(this.replica), serving: false, lagSeconds: null, reason: this.replica ? 'not checked yet' : null, checkedAt: null };
  }

  async onModuleInit(): Promise<void> {
    if (!this.replica) return;
    await this.check();
    this.timer = setInterval(() => void this.check(), this.replica.checkIntervalMs);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  status(): ReplicaStatus {
    return { ...this.state };
  }

  /** Inside read(): the manager it chose; elsewhere the primary's. */
  manager(): EntityManager {
    return this.current.getStore() ?? this.dataSource.manager;
  }

  /**
   * Runs `work` on the replica when it is fit to serve, else on the primary; a replica failure retries on
   * the primary. `work` gets the manager, and manager() returns it anywhere below it. Only for reads that
   * may be a few seconds stale: never for money, never right after the caller's own write.
   */
  read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.routed((manager) => this.current.run(manager, () => work(manager)));
  }

  private async routed<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.state.serving) return work(this.dataSource.manager);
    let runner: QueryRunner | null = null;
    try {
      runner = this.dataSource.createQueryRunner('slave');
      await runner.connect();
    } catch (error) {
      await runner?.release().catch(() => undefined);
      this.markDown(error);
      return work(this.dataSource.manager);
    }
    try {
      return await work(runner.manager);
    } catch (error) {
      if (!isConnectionError(error)) throw error;
      this.markDown(error);
      return work(this.dataSource.manager);
    } finally {
      await runner.release().catch(() => undefined);
    }
  }

  /** Asks the replica how far behind it is; concurrent callers share one check. */
  check(): Promise<void> {
    this.checking ??= this.runCheck().finally(() => (this.checking = null));
    return this.checking;
  }

  private async runCheck(): Promise<void> {
    if (!this.replica) return;
    let runner: QueryRunner | null = null;
    let verdict: { ok: boolean; lagSeconds: number | null; reason: string | null };
    try {
      runner = this.dataSource.createQueryRunner('slave');
      const rows = (await withTimeout(runner.query('SHOW SLAVE STATUS'), 3000)) as SlaveStatusRow[];
      verdict = judgeReplica(rows, this.replica.maxLagSeconds);
    } catch (error) {
      verdict = { ok: false, lagSeconds: null, reason: `unreachable: ${(error as Error).message}` };
    } finally {
      await runner?.release().catch(() => undefined);
    }
    if (verdict.ok !== this.state.serving) {
      if (verdict.ok) this.logger.log(`replica serving reads again (${verdict.lagSeconds} s behind)`);
      else this.logger.warn(`replica not used, reads go to the primary: ${verdict.reason}`);
    }
    this.state = { configured: true, serving: verdict.ok, lagSeconds: verdict.lagSeconds, reason: verdict.reason, checkedAt: new Date().toISOString() };
  }

  private markDown(error: unknown): void {
    if (this.state.serving) this.logger.warn(`replica failed, reads go to the primary until the next check: ${(error as Error).message}`);
    this.state = { ...this.state, serving: false, reason: `failed: ${(error as Error).message}` };
  }
}

function isConnectionError(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string; fatal?: boolean }; fatal?: boolean };
  const code = e?.driverError?.code ?? e?.code ?? '';
  return Boolean(e?.driverError?.fatal ?? e?.fatal) || /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|PROTOCOL_CONNECTION_LOST|ER_SERVER_SHUTDOWN)$/.test(code);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms))),
  ]);
}

/**
 * Runs the decorated method inside `this.replica.read(...)`, so every query it makes through
 * `replica.manager()` goes to the replica when that is fit to serve (the class must hold `replica`).
 */
export function OnReplica(): MethodDecorator {
  return (_target, _key, descriptor: PropertyDescriptor) => {
    const original = descriptor.value as (...args: unknown[]) => Promise<unknown>;
    descriptor.value = function (this: { replica: ReadReplica }, ...args: unknown[]) {
      return this.replica.read(() => original.apply(this, args));
    };
    return descriptor;
  };
}
