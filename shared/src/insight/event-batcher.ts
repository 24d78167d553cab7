import type { BehaviourEventType } from '../segment/segment-definition';
import type { VisitSource } from './visit-source';

/** One behaviour event as the mini-program sends it (`POST /api/events`). */
export interface BehaviourEventInput {
  /** Unique per client, so a batch sent twice is stored once (8–40 of [A-Za-z0-9_:.-]). */
  id: string;
  type: BehaviourEventType;
  objectId?: number;
  /** The search term, or the page path of a visit. */
  term?: string;
  source?: VisitSource;
  /** When it happened on the client (ISO); the server clamps clocks it does not trust. */
  at?: string;
}

export interface EventBatcherOptions {
  /** Sends one batch; a rejection keeps the batch for the next flush. */
  send(events: BehaviourEventInput[]): Promise<unknown>;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  random?: () => number;
  /** Flush when this many events wait (default 20). */
  batchSize?: number;
  /** Flush this long after the first waiting event (default 10 s). */
  intervalMs?: number;
  /** Events kept while sending fails; the oldest go first (default 200). */
  maxQueue?: number;
}

export const EVENT_BATCH_LIMITS = { batchSize: 20, intervalMs: 10_000, maxQueue: 200, serverMaxBatch: 50 } as const;

/**
 * Collects behaviour events and sends them in batches: when `batchSize` wait, `intervalMs` after the first one, or on
 * flush() (the app going to the background). One batch is in flight at a time; a failed one goes back to the front of
 * the queue. Tracking must never break the app: nothing here throws.
 */
export class EventBatcher {
  private queue: BehaviourEventInput[] = [];
  private timer: unknown = null;
  private sending: Promise<void> | null = null;
  private seq = 0;
  private readonly o: Required<EventBatcherOptions>;

  constructor(options: EventBatcherOptions) {
    this.o = {
      now: () => Date.now(),
      setTimer: (fn, ms) => setTimeout(fn, ms),
      clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
      random: Math.random,
      batchSize: EVENT_BATCH_LIMITS.batchSize,
      intervalMs: EVENT_BATCH_LIMITS.intervalMs,
      maxQueue: EVENT_BATCH_LIMITS.maxQueue,
      ...options,
    };
  }

  /** Events waiting to be sent. */
  get pending(): number {
    return this.queue.length;
  }

  /** A client event id: time, a per-client sequence and randomness (unique across app restarts and devices). */
  newId(): string {
    this.seq = (this.seq + 1) % 1_679_616;
    const random = Math.floor(this.o.random() * 2_176_782_336).toString(36);
    return `e${this.o.now().toString(36)}-${this.seq.toString(36)}-${random}`;
  }

  track(type: BehaviourEventType, detail: Omit<BehaviourEventInput, 'id' | 'type' | 'at'> = {}): void {
    try {
      const event: BehaviourEventInput = { id: this.newId(), type, at: new Date(this.o.now()).toISOString() };
      if (detail.objectId !== undefined && Number.isSafeInteger(detail.objectId) && detail.objectId > 0) event.objectId = detail.objectId;
      const term = detail.term?.trim().slice(0, 64);
      if (term) event.term = term;
      if (detail.source) event.source = detail.source;
      this.queue.push(event);
      if (this.queue.length > this.o.maxQueue) this.queue.splice(0, this.queue.length - this.o.maxQueue);
      if (this.queue.length >= this.o.batchSize) void this.flush();
      else this.schedule();
    } catch {
      // tracking never breaks the page
    }
  }

  /** Sends everything waiting (in batches), e.g. when the app is hidden. Resolves when done; never rejects. */
  flush(): Promise<void> {
    this.cancelTimer();
    if (this.sending) return this.sending.then(() => (this.queue.length > 0 ? this.flush() : undefined));
    if (this.queue.length === 0) return Promise.resolve();
    const batch = this.queue.splice(0, Math.min(this.o.batchSize, EVENT_BATCH_LIMITS.serverMaxBatch));
    this.sending = (async () => {
      let sent = false;
      try {
        await this.o.send(batch);
        sent = true;
      } catch {
        // kept for the next flush: the ids make a resend harmless
        this.queue.unshift(...batch);
        if (this.queue.length > this.o.maxQueue) this.queue.splice(0, this.queue.length - this.o.maxQueue);
      } finally {
        this.sending = null;
      }
      if (sent && this.queue.length > 0) await this.flush();
      else if (this.queue.length > 0) this.schedule();
    })();
    return this.sending;
  }

  private schedule(): void {
    if (this.timer !== null) return;
    try {
      this.timer = this.o.setTimer(() => {
        this.timer = null;
        void this.flush();
      }, this.o.intervalMs);
    } catch {
      this.timer = null;
    }
  }

  private cancelTimer(): void {
    if (this.timer === null) return;
    const handle = this.timer;
    this.timer = null;
    try {
      this.o.clearTimer(handle);
    } catch {
      // ignore
    }
  }
}
