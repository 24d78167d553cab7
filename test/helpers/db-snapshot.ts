import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';

/** Row count and a content hash of every table the app maps (entities and their join tables). */
export type DbSnapshot = Map<string, { rows: number; hash: string }>;

export async function snapshotDb(ds: DataSource): Promise<DbSnapshot> {
  const snapshot: DbSnapshot = new Map();
  const tables = [...new Set(ds.entityMetadatas.filter((m) => m.tableType !== 'view').map((m) => m.tableName))].sort();
  for (const table of tables) {
    const rows = (await ds.query(`SELECT * FROM ${ds.driver.escape(table)}`)) as Record<string, unknown>[];
    const lines = rows.map((row) => JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))).sort();
    snapshot.set(table, { rows: rows.length, hash: createHash('sha256').update(lines.join('\n')).digest('hex') });
  }
  return snapshot;
}

/** Tables whose rows differ between two snapshots, with their counts, e.g. ["order: 3 → 4"]. */
export function changedTables(before: DbSnapshot, after: DbSnapshot): string[] {
  const changed: string[] = [];
  for (const [table, now] of after) {
    const then = before.get(table);
    if (!then || then.hash !== now.hash) changed.push(`${table}: ${then?.rows ?? 0} → ${now.rows} rows${then?.rows === now.rows ? ' (updated)' : ''}`);
  }
  return changed;
}
