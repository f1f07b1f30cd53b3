import { constantTimeEqual } from '../../../protocol/src/keys.js';
import type { PayloadStore } from '../payload-store.js';

/** The part of a node-redis v5 client this store uses (structural, so any compatible client fits). */
export interface RedisPayloadClient {
  readonly isReady: boolean;
  set(key: string, value: string, options: { PX: number }): Promise<unknown>;
  get(key: string): Promise<string | null>;
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

const KID_LENGTH = 22;

/**
 * By-reference payloads in Redis, so that several app instances behind one load
 * balancer serve each other's references. Value = kid (22 chars) + JWE; the kid
 * binding is checked in constant time on read. Never blocks a response: when
 * Redis is down the calls fail fast instead of waiting in node-redis' offline queue.
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
    if (typeof client?.get !== 'function' || typeof client?.set !== 'function') {
      throw new TypeError(
        'RedisPayloadStore needs a connected node-redis client: new RedisPayloadStore(createClient({ url }))',
      );
    }
    this.#client = client;
    this.#prefix = prefix;
    this.#ttlMs = ttlMs;
    this.#maxEntryBytes = maxEntryBytes;
    this.#timeoutMs = timeoutMs;
  }

  async put(id: string, kid: string, jwe: string): Promise<void> {
    if (jwe.length > this.#maxEntryBytes) {
      throw new RangeError(
        `payload of ${jwe.length} bytes exceeds the ${this.#maxEntryBytes}-byte bound per entry`,
      );
    }
    await this.#call(() => this.#client.set(this.#prefix + id, kid + jwe, { PX: this.#ttlMs }));
  }

  async get(id: string, kid: string): Promise<string | undefined> {
    const value = await this.#call(() => this.#client.get(this.#prefix + id));
    if (typeof value !== 'string' || value.length <= KID_LENGTH) return undefined;
    return constantTimeEqual(value.slice(0, KID_LENGTH), kid) ? value.slice(KID_LENGTH) : undefined;
  }

  async #call<T>(command: () => Promise<T>): Promise<T> {
    if (!this.#client.isReady)
      throw new StoreUnavailableError(
        'Redis is not connected: by-reference payloads are unavailable until it returns.',
      );
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
