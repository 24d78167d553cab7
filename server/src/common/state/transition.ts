import { In, type EntityManager, type EntityTarget, type FindOptionsWhere, type ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { assertTransition, type StateMachine } from '@mall/shared';

/** A row whose `status` column is governed by a state machine. */
type Stateful<S extends string> = ObjectLiteral & { status: S };

export interface TransitionRequest<E extends Stateful<S>, S extends string> {
  /** Which rows: usually `{ id }`; never the status (that is `from`). */
  where: Omit<FindOptionsWhere<E>, 'status'>;
  from: S | readonly S[];
  to: S;
  /** Other columns that change with the status (paidAt, reviewNote …). */
  set?: Omit<QueryDeepPartialEntity<E>, 'status'>;
}

/**
 * The one way a status column changes. Checks every `from → to` against the aggregate's
 * transition table (a programming error throws IllegalTransitionError), then runs
 * `UPDATE … SET status = :to WHERE … AND status IN (:from)` and returns how many rows moved, so a
 * concurrent second transition of the same row moves nothing and its caller can tell.
 */
export async function transition<E extends Stateful<S>, S extends string>(
  manager: EntityManager,
  entity: EntityTarget<E>,
  machine: StateMachine<S>,
  request: TransitionRequest<E, S>,
): Promise<number> {
  const froms = (Array.isArray(request.from) ? request.from : [request.from]) as S[];
  if (froms.length === 0) throw new Error(`${machine.aggregate}: a transition needs at least one from-state`);
  for (const from of froms) assertTransition(machine.aggregate, machine.transitions, from, request.to);
  const where = { ...request.where, status: froms.length === 1 ? froms[0] : In(froms) } as FindOptionsWhere<E>;
  const result = await manager.getRepository(entity).update(where, { ...request.set, status: request.to } as unknown as QueryDeepPartialEntity<E>);
  return result.affected ?? 0;
}

/** `transition` for exactly one row: true when this call moved it. */
export async function transitionOne<E extends Stateful<S>, S extends string>(
  manager: EntityManager,
  entity: EntityTarget<E>,
  machine: StateMachine<S>,
  request: TransitionRequest<E, S>,
): Promise<boolean> {
  return (await transition(manager, entity, machine, request)) > 0;
}
