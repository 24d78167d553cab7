/** What the database says about an event, to (re)load a gate from. */
export interface AdmissionSnapshot {
  eventId: number;
  stockLeft: number;
  /** Units each member holds (pending + sold). */
  taken: Map<number, number>;
}

export type AdmissionVerdict = 'admitted' | 'sold_out' | 'limit';

/**
 * The fast front door of a flash sale: takes a unit and counts it against the member's limit in one
 * atomic step, so that once an event is sold out requests are answered without touching its stock
 * row. It may over-admit (after a restart, a lost give-back); it must never be the only check: the
 * database's conditional decrement and the member's limit row decide in the checkout transaction.
 */
export interface AdmissionGate {
  readonly kind: 'redis' | 'memory';
  /** `load` gives the database state when the gate has none for the event (first use, Redis restarted). */
  admit(eventId: number, memberId: number, quantity: number, limit: number, load: () => Promise<AdmissionSnapshot>): Promise<AdmissionVerdict>;
  /** A unit admitted but not held (checkout failed), or a hold released: back to the gate. */
  giveBack(eventId: number, memberId: number, quantity: number): Promise<void>;
  /** Admin changed the deal stock by `delta`. */
  adjustStock(eventId: number, delta: number): Promise<void>;
  /** Whether the gate holds state for the event (false after a Redis restart until resynced). */
  has(eventId: number): Promise<boolean>;
  /** Replaces the gate's state for the event with the database's. */
  resync(snapshot: AdmissionSnapshot): Promise<void>;
  /** What the gate holds for an event, for reconciliation checks and stats. */
  peek(eventId: number): Promise<{ stockLeft: number; taken: Map<number, number> } | null>;
  close(): Promise<void>;
}

export const ADMISSION_GATE = Symbol('ADMISSION_GATE');
