/**
 * A transition table: for each state, the states it may move to. One `assertTransition` per
 * aggregate keeps every status change honest; the database enforces it again with a conditional
 * `UPDATE … WHERE status = :from` so that a concurrent second transition is a no-op.
 */
export type TransitionTable<S extends string> = Readonly<Record<S, readonly S[]>>;

export function canTransition<S extends string>(table: TransitionTable<S>, from: S, to: S): boolean {
  return table[from]?.includes(to) ?? false;
}

export class IllegalTransitionError extends Error {
  constructor(
    readonly aggregate: string,
    readonly from: string,
    readonly to: string,
  ) {
    super(`${aggregate}: illegal transition ${from} → ${to}`);
  }
}

export function assertTransition<S extends string>(aggregate: string, table: TransitionTable<S>, from: S, to: S): void {
  if (!canTransition(table, from, to)) throw new IllegalTransitionError(aggregate, from, to);
}
