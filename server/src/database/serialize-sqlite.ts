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
