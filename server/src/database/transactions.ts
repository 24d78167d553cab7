import type { DataSource, EntityManager } from 'typeorm';

/**
 * The embedded SQLite file has one connection, so two TypeORM transactions may not overlap
 * ("cannot start a transaction within a transaction"). Queue them: the embedded mode is for
 * demos and zero-setup tests; MySQL handles real concurrency with row locks.
 */
export function serializeSqliteTransactions(dataSource: DataSource): void {
  if (dataSource.options.type !== 'better-sqlite3') return;
  const manager = dataSource.manager;
  const original = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  let tail: Promise<unknown> = Promise.resolve();
  (manager as { transaction: unknown }).transaction = (...args: unknown[]) => {
    const run = tail.then(() => original(...args));
    tail = run.catch(() => undefined);
    return run;
  };
}

export type TransactionWork<T> = (manager: EntityManager) => Promise<T>;

/**
 * MySQL/MariaDB transactions default to READ COMMITTED here. Correctness never rests on snapshots
 * or gap locks: every balance, stock and state change is a conditional UPDATE on a row, and
 * read-then-write paths lock their row first. REPEATABLE READ's next-key locks only add deadlocks
 * between unrelated members under load (and stale reads after a lock wait).
 */
export function defaultReadCommitted(dataSource: DataSource): void {
  const type = dataSource.options.type;
  if (type !== 'mysql' && type !== 'mariadb') return;
  const manager = dataSource.manager;
  const original = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  (manager as { transaction: unknown }).transaction = (...args: unknown[]) =>
    typeof args[0] === 'function' ? original('READ COMMITTED', args[0]) : original(...args);
}

/** True for a deadlock or lock-wait timeout, after which the whole transaction may simply be retried. */
export function isRetryableLockError(error: unknown): boolean {
  const e = error as { driverError?: { errno?: number }; errno?: number };
  const errno = e?.driverError?.errno ?? e?.errno;
  return errno === 1213 || errno === 1205;
}

/** Runs a whole transaction again (up to `attempts` times) when the database picked it as a deadlock victim. */
export async function retryOnDeadlock<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isRetryableLockError(error) || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
    }
  }
}
