import type { AdmissionGate, AdmissionSnapshot, AdmissionVerdict } from './admission-gate';

interface EventState {
  stockLeft: number;
  taken: Map<number, number>;
}

/**
 * The gate without Redis (the embedded demo, one instance): the same rule as the Lua script, in
 * process memory. Node runs each synchronous block alone, so check-and-take is atomic here; the
 * only await is the first load, shared by everyone who arrives meanwhile.
 */
export class MemoryAdmissionGate implements AdmissionGate {
  readonly kind = 'memory' as const;
  private readonly events = new Map<number, EventState>();
  private readonly loading = new Map<number, Promise<EventState>>();

  async admit(eventId: number, memberId: number, quantity: number, limit: number, load: () => Promise<AdmissionSnapshot>): Promise<AdmissionVerdict> {
    const state = this.events.get(eventId) ?? (await this.loadOnce(eventId, load));
    if (state.stockLeft < quantity) return 'sold_out';
    const taken = state.taken.get(memberId) ?? 0;
    if (taken + quantity > limit) return 'limit';
    state.stockLeft -= quantity;
    state.taken.set(memberId, taken + quantity);
    return 'admitted';
  }

  async giveBack(eventId: number, memberId: number, quantity: number): Promise<void> {
    const state = this.events.get(eventId);
    if (!state) return;
    state.stockLeft += quantity;
    const taken = (state.taken.get(memberId) ?? 0) - quantity;
    if (taken > 0) state.taken.set(memberId, taken);
    else state.taken.delete(memberId);
  }

  async adjustStock(eventId: number, delta: number): Promise<void> {
    const state = this.events.get(eventId);
    if (state) state.stockLeft = Math.max(0, state.stockLeft + delta);
  }

  async has(eventId: number): Promise<boolean> {
    return this.events.has(eventId);
  }

  async resync(snapshot: AdmissionSnapshot): Promise<void> {
    this.events.set(snapshot.eventId, { stockLeft: snapshot.stockLeft, taken: new Map(snapshot.taken) });
  }

  async peek(eventId: number) {
    const state = this.events.get(eventId);
    return state ? { stockLeft: state.stockLeft, taken: new Map(state.taken) } : null;
  }

  async close(): Promise<void> {
    this.events.clear();
  }

  private loadOnce(eventId: number, load: () => Promise<AdmissionSnapshot>): Promise<EventState> {
    let pending = this.loading.get(eventId);
    if (!pending) {
      pending = load()
        .then((snapshot) => {
          const state = this.events.get(eventId) ?? { stockLeft: snapshot.stockLeft, taken: new Map(snapshot.taken) };
          this.events.set(eventId, state);
          return state;
        })
        .finally(() => this.loading.delete(eventId));
      this.loading.set(eventId, pending);
    }
    return pending;
  }
}
