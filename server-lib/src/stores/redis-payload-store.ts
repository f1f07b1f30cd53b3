import type { PayloadStore } from '../payload-store.js';

/** The part of a node-redis v4/v5 client this store uses (structural, so any compatible client fits). */
export interface RedisPayloadClient {
  readonly isReady: boolean;
  set(key: string, value: string, options: { PX: number }): Promise<unknown>;
  getDel(key: string): Promise<string | null>;
}

export interface RedisPayloadStoreOptions {
  /** Key prefix; keep it distinct from the session store's (connect-redis uses `sess:`). */
  prefix?: string;
  /** Entries expire by Redis TTL; the panel fetches within a second or two. */
  ttlMs?: number;
  /** Largest single entry accepted, so a flood of huge sessions cannot fill Redis. */
  maxEntryBytes?: number;
  /** A store that does not answer within this time is treated as unavailable. */
  timeoutMs?: number;
}

export class StoreUnavailableError extends Error {
  readonly code = 'ERR_STORE_UNAVAILABLE';
  constructor(message: string) {
    super(message);
    this.name = 'StoreUnavailableError';
  }
}

/**
 * By-reference payloads in Redis, so that several app instances behind one load balancer
 * serve each other's references. The key names the kid and the id
 * (`sessionscope:payload:<kid>:<id>`), so a fetch with another kid misses without touching
 * the entry, and GETDEL (Redis ≥ 6.2) hands an entry out exactly once. Never blocks a
 * response: puts run after the headers are out, and when Redis is down `refuse` says so
 * at once (the header then carries a degraded payload instead of a dead reference).
 */
export class RedisPayloadStore implements PayloadStore {
  readonly #client: RedisPayloadClient;
  readonly #prefix: string;
  readonly #ttlMs: number;
  readonly #maxEntryBytes: number;
  readonly #timeoutMs: number;

  constructor(
    client: RedisPayloadClient,
    {
      prefix = 'sessionscope:payload:',
      ttlMs = 60_000,
      maxEntryBytes = 8 * 1024 * 1024,
      timeoutMs = 500,
    }: RedisPayloadStoreOptions = {},
  ) {
    if (typeof client?.getDel !== 'function' || typeof client?.set !== 'function') {
      throw new TypeError(
        'RedisPayloadStore needs a node-redis (v4 or later) client: new RedisPayloadStore(createClient({ url })), connected.',
      );
    }
    this.#client = client;
    this.#prefix = prefix;
    this.#ttlMs = ttlMs;
    this.#maxEntryBytes = maxEntryBytes;
    this.#timeoutMs = timeoutMs;
  }

  refuse(bytes: number): Error | undefined {
    if (bytes > this.#maxEntryBytes)
      return new RangeError(
        `payload of ${bytes} bytes exceeds the ${this.#maxEntryBytes}-byte bound per entry`,
      );
    if (!this.#client.isReady)
      return new StoreUnavailableError(
        'Redis is not connected: by-reference payloads are unavailable until it returns.',
      );
    return undefined;
  }

  async put(id: string, kid: string, jwe: string): Promise<void> {
    const refused = this.refuse(jwe.length);
    if (refused) throw refused;
    await this.#call(() => this.#client.set(this.#key(id, kid), jwe, { PX: this.#ttlMs }));
  }

  async take(id: string, kid: string): Promise<string | undefined> {
    if (!this.#client.isReady) throw new StoreUnavailableError('Redis is not connected.');
    const value = await this.#call(() => this.#client.getDel(this.#key(id, kid)));
    return typeof value === 'string' ? value : undefined;
  }

  #key(id: string, kid: string): string {
    return `${this.#prefix}${kid}:${id}`;
  }

  async #call<T>(command: () => Promise<T>): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new StoreUnavailableError(`Redis did not answer within ${this.#timeoutMs} ms.`)),
        this.#timeoutMs,
      );
    });
    try {
      return await Promise.race([command(), timeout]);
    } catch (error) {
      if (error instanceof StoreUnavailableError) throw error;
      throw new StoreUnavailableError(
        `Redis failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    } finally {
      clearTimeout(timer);
    }
  }
}
