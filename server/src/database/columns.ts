import { Column, ColumnOptions, CreateDateColumn, UpdateDateColumn, ValueTransformer } from 'typeorm';

/** mysql2 may hand back BIGINT/DECIMAL as strings; amounts are safe integers in our domain. */
export const integerTransformer: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null || value === undefined ? value : Number(value)),
};

/** An amount of money in fen. BIGINT so sums and large balances never overflow; read back as a JS number. */
export function FenColumn(options: ColumnOptions = {}): PropertyDecorator {
  return Column({ type: 'bigint', default: 0, transformer: integerTransformer, ...options });
}

/** A count of points. */
export const PointsColumn = FenColumn;

/** UTC timestamp with millisecond precision on MySQL; plain datetime on the embedded file. */
export function DateTimeColumn(options: ColumnOptions = {}): PropertyDecorator {
  return Column({ type: 'datetime', precision: 3, ...options });
}

export function CreatedAtColumn(): PropertyDecorator {
  return CreateDateColumn({ type: 'datetime', precision: 6 });
}

export function UpdatedAtColumn(): PropertyDecorator {
  return UpdateDateColumn({ type: 'datetime', precision: 6 });
}
