import type { EntityManager, EntityTarget, FindOptionsOrder, FindOptionsWhere, ObjectLiteral } from 'typeorm';

/**
 * Reads rows as they are committed now, not as the transaction's snapshot saw them. Under MySQL's
 * REPEATABLE READ a plain SELECT after waiting for a row lock still returns the old snapshot; a
 * locking read (FOR SHARE / FOR UPDATE) returns the latest committed version. SQLite serializes
 * transactions, so a plain read is current there.
 */
export function findCurrent<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  where: FindOptionsWhere<T>,
  options: { order?: FindOptionsOrder<T>; forUpdate?: boolean } = {},
): Promise<T[]> {
  // Outside a transaction every statement is its own snapshot, so a plain read is already current.
  const locking = manager.connection.options.type !== 'better-sqlite3' && Boolean(manager.queryRunner?.isTransactionActive);
  return manager.getRepository(target).find({
    where,
    order: options.order,
    ...(locking ? { lock: { mode: options.forUpdate ? 'pessimistic_write' : 'pessimistic_read' } } : {}),
  });
}
