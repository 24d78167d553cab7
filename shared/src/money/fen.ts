/** An amount of money in fen (1/100 yuan). Always an integer. */
export type Fen = number;

export function assertFen(value: number, name = 'amount'): asserts value is Fen {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${name} must be an integer number of fen, got ${value}`);
}

/** Formats fen as yuan for display: 12345 → "123.45", -5 → "-0.05". Read user input with parseYuan, never by float arithmetic. */
export function formatYuan(fen: Fen, options: { trimZeros?: boolean } = {}): string {
  assertFen(fen);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const cents = abs % 100;
  if (options.trimZeros && cents === 0) return `${sign}${yuan}`;
  const text = `${sign}${yuan}.${cents.toString().padStart(2, '0')}`;
  return options.trimZeros ? text.replace(/0$/, '') : text;
}

/** Money in a sentence: 50000 → "¥500", 5050 → "¥50.5". */
export function yuanLabel(fen: Fen): string {
  return `¥${formatYuan(fen, { trimZeros: true })}`;
}

/**
 * Reads an amount of yuan typed by a person ("12", "12.3", "12.30", "¥1,200.5") into fen, exactly
 * (by digits, not by multiplying a float). Null for anything that is not a non-negative amount with
 * at most two decimals, or beyond the safe-integer range.
 */
export function parseYuan(input: string | number | null | undefined): Fen | null {
  if (input === null || input === undefined) return null;
  const text = (typeof input === 'number' ? (Number.isFinite(input) ? String(input) : '') : input).trim().replace(/^¥/, '').replace(/,/g, '');
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) return null;
  const fen = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(fen) ? fen : null;
}

/**
 * Splits `total` fen across parts proportionally to `weights` by the largest-remainder method:
 * the result sums exactly to `total`, each share is within 1 fen of its exact proportion,
 * and ties go to the earlier part so the split is deterministic.
 */
export function allocate(total: Fen, weights: readonly number[]): Fen[] {
  assertFen(total, 'total');
  if (weights.length === 0) {
    if (total !== 0) throw new RangeError('cannot allocate a non-zero total over no parts');
    return [];
  }
  for (const w of weights) {
    if (!Number.isSafeInteger(w) || w < 0) throw new RangeError(`weights must be non-negative integers, got ${w}`);
  }
  const weightSum = weights.reduce((a, b) => a + b, 0);
  if (weightSum === 0) {
    if (total !== 0) throw new RangeError('cannot allocate a non-zero total over zero weights');
    return weights.map(() => 0);
  }
  const sign = total < 0 ? -1 : 1;
  const abs = Math.abs(total);
  // BigInt keeps total * weight exact for any safe-integer inputs.
  const bigAbs = BigInt(abs);
  const bigSum = BigInt(weightSum);
  const floors: number[] = [];
  const remainders: { index: number; rem: bigint }[] = [];
  let assigned = 0;
  weights.forEach((w, index) => {
    const product = bigAbs * BigInt(w);
    const share = Number(product / bigSum);
    floors.push(share);
    assigned += share;
    remainders.push({ index, rem: product % bigSum });
  });
  let left = abs - assigned;
  remainders.sort((a, b) => (a.rem === b.rem ? a.index - b.index : a.rem > b.rem ? -1 : 1));
  for (const { index } of remainders) {
    if (left === 0) break;
    floors[index] += 1;
    left -= 1;
  }
  return floors.map((f) => (f === 0 ? 0 : f * sign));
}
