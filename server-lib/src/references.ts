import { MemoryPayloadStore, type PayloadStore } from './payload-store.js';

/** How long the endpoint waits for a put still under way before it answers. */
export const PENDING_WAIT_MS = 2000;

/**
 * By-reference entries between the response and the panel's fetch. The id is minted
 * synchronously and sent with the headers; the entry is written afterwards. A fetch that
 * arrives while the write is still under way waits for it (at most PENDING_WAIT_MS). When
 * the write fails, a payload that says so (sealed by the caller) is kept in this process,
 * so the developer learns why instead of meeting a dead reference.
 */
export class References {
  readonly #store: PayloadStore;
  readonly #log: (message: string) => void;
  readonly #pending = new Map<string, Promise<void>>();
  readonly #failed = new MemoryPayloadStore({ maxEntries: 200, maxBytes: 4 * 1024 * 1024 });

  constructor(store: PayloadStore, log: (message: string) => void) {
    this.#store = store;
    this.#log = log;
  }

  get pending(): number {
    return this.#pending.size;
  }

  /** Starts the write; never throws, never delays the caller. */
  put(id: string, kid: string, jwe: string, onFailure: (error: unknown) => string | undefined): void {
    const store = this.#store;
    if (Object.getPrototypeOf(store) === MemoryPayloadStore.prototype) {
      // In process: written now, nothing pending, no promise per request.
      try {
        (store as MemoryPayloadStore).putNow(id, kid, jwe);
        return;
      } catch {
        // Refused after all (raced with a bound change): fall through to the general path.
      }
    }
    let write: Promise<void>;
    try {
      write = this.#store.put(id, kid, jwe);
    } catch (error) {
      write = Promise.reject(error);
    }
    const settled = write.then(
      () => undefined,
      (error: unknown) => {
        this.#log(`by-reference store failed to keep a ${jwe.length}-byte payload: ${String(error)}`);
        try {
          const degraded = onFailure(error);
          if (degraded !== undefined) this.#failed.putNow(id, kid, degraded);
        } catch (inner) {
          this.#log(`could not seal the store-failure payload: ${String(inner)}`);
        }
      },
    );
    this.#pending.set(id, settled);
    void settled.finally(() => this.#pending.delete(id));
  }

  /** The entry for (id, kid), handed out once; undefined when there is none. May throw (store down). */
  async take(id: string, kid: string): Promise<string | undefined> {
    const pending = this.#pending.get(id);
    if (pending) await bounded(pending, PENDING_WAIT_MS);
    return this.#failed.takeNow(id, kid) ?? (await this.#store.take(id, kid));
  }
}

function bounded(promise: Promise<void>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
    timer.unref?.();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
