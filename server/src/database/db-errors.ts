/** True for a unique-key violation on either engine (MySQL ER_DUP_ENTRY, SQLite SQLITE_CONSTRAINT_UNIQUE). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; errno?: number; driverError?: { code?: string; errno?: number } };
  const code = e?.driverError?.code ?? e?.code;
  const errno = e?.driverError?.errno ?? e?.errno;
  return code === 'ER_DUP_ENTRY' || errno === 1062 || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** Affected-row count of an UPDATE/DELETE result from either driver. */
export function affectedRows(result: { affected?: number | null }): number {
  return result.affected ?? 0;
}

/**
 * True when a statement put NULL into a NOT NULL column (MySQL ER_BAD_NULL_ERROR, SQLite
 * SQLITE_CONSTRAINT_NOTNULL): an optional body field sent as null (@IsOptional lets null through)
 * for a column that must have a value. The statement wrote nothing.
 */
export function isNotNullViolation(error: unknown): boolean {
  const e = error as { code?: string; errno?: number; driverError?: { code?: string; errno?: number } };
  const code = e?.driverError?.code ?? e?.code;
  const errno = e?.driverError?.errno ?? e?.errno;
  return code === 'ER_BAD_NULL_ERROR' || errno === 1048 || code === 'SQLITE_CONSTRAINT_NOTNULL';
}
