/** Something held that gives up when its deadline passes. */
export interface Expiring {
  expire(): void;
}

/**
 * One timer for all held responses of a middleware, instead of a setTimeout and
 * clearTimeout per request. Every hold waits the same `ms`, so insertion order
 * is deadline order: the timer is armed for the oldest entry only, and an entry
 * that finishes in time is just removed from the map.
 */
export class Deadlines {
  readonly ms: number;
  /** Entry → when it expires (monotonic ms). */
  readonly #pending = new Map<Expiring, number>();
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(ms: number) {
    this.ms = ms;
  }

  get size(): number {
    return this.#pending.size;
  }

  /** Calls `entry.expire()` after `ms` unless `delete(entry)` runs first. */
  add(entry: Expiring): void {
    // Monotonic: a wall-clock jump must not keep responses held.
    this.#pending.set(entry, performance.now() + this.ms);
    if (this.#timer === undefined) this.#arm(this.ms);
  }

  delete(entry: Expiring): void {
    this.#pending.delete(entry);
  }

  #arm(delay: number): void {
    this.#timer = setTimeout(() => this.#expire(), Math.max(1, delay));
    this.#timer.unref?.();
  }

  #expire(): void {
    this.#timer = undefined;
    const now = performance.now();
    for (const [entry, at] of this.#pending) {
      if (at > now) {
        this.#arm(at - now);
        return;
      }
      this.#pending.delete(entry);
      try {
        entry.expire();
      } catch {
        // expire() releases a response and logs its own failures; one bad entry must not stall the rest.
      }
    }
  }
}
