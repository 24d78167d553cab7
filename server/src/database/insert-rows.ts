import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

/**
 * A plain INSERT of one or more rows (one statement), without the SELECT that `save`/`insert` run
 * afterwards on MySQL and SQLite to read back defaulted and generated columns. Returns the generated
 * id of a single-row insert (MySQL `insertId`, SQLite `lastInsertRowid`); for several rows, use it not.
 * For hot transactions whose callers know every value they need.
 */
export async function insertRows<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  values: QueryDeepPartialEntity<T> | QueryDeepPartialEntity<T>[],
): Promise<number> {
  const result = await manager.createQueryBuilder().insert().into(target).values(values).updateEntity(false).execute();
  const raw: unknown = result.raw;
  if (typeof raw === 'number' || typeof raw === 'bigint') return Number(raw);
  return Number((raw as { insertId?: number | string } | undefined)?.insertId ?? 0);
}
