import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

/**
 * INSERT IGNORE (MySQL) / INSERT OR IGNORE (SQLite) of one row; true when this call inserted it.
 * The way to claim something exactly once against a unique key without a read-then-write race.
 */
export async function insertIgnore<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  values: QueryDeepPartialEntity<T>,
): Promise<boolean> {
  const [sql, parameters] = manager.createQueryBuilder().insert().into(target).values(values).orIgnore().updateEntity(false).getQueryAndParameters();
  const ownRunner = manager.queryRunner ? null : manager.connection.createQueryRunner();
  const runner = manager.queryRunner ?? ownRunner!;
  try {
    const result = await runner.query(sql, parameters, true);
    const affected = result.affected ?? (result.raw as { affectedRows?: number })?.affectedRows ?? 0;
    return affected > 0;
  } finally {
    await ownRunner?.release();
  }
}
