/**
 * The remaining TTL of a session kept in Redis by connect-redis, read with PTTL (no side
 * effects, unlike store.touch), whatever Redis client the store was given:
 *   node-redis 4 and 5: `client.pTTL(key)` → Promise<number>;
 *   ioredis, node-redis 3, node-redis 4 in legacyMode: `client.pttl(key, callback)`.
 * The key is `store.prefix + id` (connect-redis 6–9; default prefix `sess:`). connect-redis
 * 6 and 9+ keep the client as `store.client`; 7 and 8 wrap it in an object without PTTL,
 * so there the app passes the client itself (option `redisClient`).
 *
 * A read never delays a response: it runs after a paired response has finished (after
 * express-session's save or touch), and the value is reported on the next paired request
 * of the same session (PROTOCOL.md, "Timing: by-reference entries and store TTL").
 */
export type ReadTtl = (key: string) => Promise<number>;

/** A PTTL reader for a Redis client of any of the kinds above, or undefined. */
export function pttlReader(client: unknown): ReadTtl | undefined {
  if ((typeof client !== 'object' && typeof client !== 'function') || client === null) return undefined;
  const c = client as { pTTL?: unknown; pttl?: unknown };
  const withPromise = typeof c.pTTL === 'function' ? (c.pTTL as (key: string) => unknown) : undefined;
  const withCallback =
    typeof c.pttl === 'function'
      ? (c.pttl as (key: string, cb: (err: unknown, ms: unknown) => void) => unknown)
      : undefined;
  if (!withPromise && !withCallback) return undefined;
  return (key) =>
    new Promise<number>((resolve, reject) => {
      const done = (err: unknown, ms: unknown): void => (err ? reject(err) : resolve(Number(ms)));
      // node-redis 4's legacyMode keeps pTTL but answers only through a callback.
      const answer = withPromise ? withPromise.call(client, key) : undefined;
      if (isThenable(answer)) answer.then((ms) => done(null, ms), reject);
      else if (withCallback) withCallback.call(client, key, done);
      else reject(new Error('this Redis client answered PTTL with neither a promise nor a callback'));
    });
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/** The key prefix of a connect-redis-like store, or undefined when the store is not one. */
export function redisPrefix(store: unknown): string | undefined {
  const prefix = (store as { prefix?: unknown } | null)?.prefix;
  return typeof prefix === 'string' ? prefix : undefined;
}

/**
 * Per middleware: the expiry (epoch ms) each recently seen session had in Redis after its
 * last paired response, bounded, oldest dropped first.
 */
export class StoreExpiries {
  readonly #expiries = new Map<string, number>();
  readonly #max: number;
  readonly #timeoutMs: number;

  constructor(max = 1000, timeoutMs = 500) {
    this.#max = max;
    this.#timeoutMs = timeoutMs;
  }

  /** Milliseconds from `now` until the store drops session `id`, as last read; null if unknown. */
  remaining(id: string, now: number): number | null {
    const at = this.#expiries.get(id);
    return at === undefined || at <= now ? null : at - now;
  }

  /** Reads the TTL of `prefix + id` in the background and remembers it. Never throws. */
  refresh(read: ReadTtl, prefix: string, id: string): void {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const slow = new Promise<number>((resolve) => {
      timer = setTimeout(() => resolve(-3), this.#timeoutMs);
      timer.unref?.();
    });
    // Counted from before the command left: Redis computed its answer later, so the expiry
    // we derive is never later than the real one (a few ms early at worst).
    const sentAt = Date.now();
    let reading: Promise<number>;
    try {
      reading = read(prefix + id);
    } catch {
      reading = Promise.resolve(-3);
    }
    void reading.catch(() => undefined);
    void Promise.race([reading, slow])
      .then(
        (ms) => this.#remember(id, ms, sentAt),
        () => this.#remember(id, -3, sentAt),
      )
      .finally(() => clearTimeout(timer));
  }

  #remember(id: string, ms: number, sentAt: number): void {
    this.#expiries.delete(id);
    // -1: the key never expires; -2: no such key; -3: no answer. None is a TTL: unknown.
    if (!Number.isFinite(ms) || ms < 0) return;
    this.#expiries.set(id, sentAt + ms);
    if (this.#expiries.size > this.#max) this.#expiries.delete(this.#expiries.keys().next().value!);
  }
}
