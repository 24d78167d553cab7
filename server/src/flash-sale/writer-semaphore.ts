/**
 * Caps how many checkouts write one event's stock row at once: a hot row's throughput collapses
 * with hundreds of concurrent writers waiting on its lock, so the rest queue here (in order) instead
 * of in the database. Per process; with several instances the cap is per instance.
 */
export class KeyedSemaphore {
  private readonly slots = new Map<string, { active: number; queue: (() => void)[] }>();

  constructor(private readonly max: number) {}

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    await this.acquire(key);
    try {
      return await work();
    } finally {
      this.release(key);
    }
  }

  /** Checkouts running for the key right now (for tests and stats). */
  active(key: string): number {
    return this.slots.get(key)?.active ?? 0;
  }

  private acquire(key: string): Promise<void> {
    let slot = this.slots.get(key);
    if (!slot) {
      slot = { active: 0, queue: [] };
      this.slots.set(key, slot);
    }
    if (slot.active < this.max) {
      slot.active += 1;
      return Promise.resolve();
    }
    const s = slot;
    return new Promise((resolve) => s.queue.push(resolve));
  }

  private release(key: string): void {
    const slot = this.slots.get(key)!;
    const next = slot.queue.shift();
    if (next) next();
    else {
      slot.active -= 1;
      if (slot.active === 0) this.slots.delete(key);
    }
  }
}
