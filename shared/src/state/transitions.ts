/**
 * A transition table: for each state, the states it may move to. One `assertTransition` per
 * aggregate keeps every status change honest; the database enforces it again with a conditional
 * `UPDATE … WHERE status = :from` so that a concurrent second transition is a no-op.
 */
export type TransitionTable<S extends string> = Readonly<Record<S, readonly S[]>>;

/** An aggregate's states: the allowed moves and the one Chinese label every app shows for each state. */
export interface StateMachine<S extends string> {
  readonly aggregate: string;
  readonly transitions: TransitionTable<S>;
  readonly labels: Readonly<Record<S, string>>;
}

export function defineStateMachine<S extends string>(aggregate: string, transitions: TransitionTable<S>, labels: Record<S, string>): StateMachine<S> {
  return { aggregate, transitions, labels };
}

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

/** Every state of a machine, in table order. */
export function statesOf<S extends string>(machine: StateMachine<S>): S[] {
  return Object.keys(machine.transitions) as S[];
}

/** The label of a state, or the raw value for a state this build does not know (newer server). */
export function stateLabel<S extends string>(machine: StateMachine<S>, state: S | string): string {
  return (machine.labels as Record<string, string>)[state] ?? state;
}
