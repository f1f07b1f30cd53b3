/**
 * One timer for all held responses of a middleware, instead of a setTimeout and
 * clearTimeout per request. Every hold waits the same `ms`, so insertion order
 * is deadline order: the timer is armed for the oldest entry only, and an entry
 * that finishes in time is just removed from the map.
 */
export class Deadlines {
  readonly ms: number;
  readonly #pending = new Map<symbol, { at: number; fire: () => void }>();
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(ms: number) {
    this.ms = ms;
  }

  get size(): number {
    return this.#pending.size;
  }

  /** Calls `fire` after `ms` unless the returned cancel function runs first. */
  add(fire: () => void): () => void {
    const token = Symbol();
    this.#pending.set(token, { at: performance.now() + this.ms, fire });
    if (this.#timer === undefined) this.#arm(this.ms);
    return () => {
      this.#pending.delete(token);
    };
  }

  #arm(delay: number): void {
    this.#timer = setTimeout(() => this.#expire(), Math.max(1, delay));
    this.#timer.unref?.();
  }

  #expire(): void {
    this.#timer = undefined;
    // Monotonic: a wall-clock jump must not keep responses held.
    const now = performance.now();
    for (const [token, entry] of this.#pending) {
      if (entry.at > now) {
        this.#arm(entry.at - now);
        return;
      }
      this.#pending.delete(token);
      try {
        entry.fire();
      } catch {
        // fire() releases a response and logs its own failures; one bad entry must not stall the rest.
      }
    }
  }
}
