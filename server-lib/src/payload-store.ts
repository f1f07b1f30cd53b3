import { randomId } from './random-ids.js';
import { constantTimeEqual } from '../../protocol/src/index.js';

/**
 * Where large payloads wait for the panel to fetch them (by reference). Entries are
 * bound to the key id they were sealed for: another kid never gets them, even with the
 * right id. An entry is handed out once (`take`), then it is gone.
 *
 * The response never waits for the store: the id is minted and sent at once, `put` runs
 * after the headers are out, and the endpoint waits briefly for a put still under way.
 */
export interface PayloadStore {
  /**
   * Optional, synchronous: why the store cannot take an entry of `bytes` right now
   * (a RangeError when it is too large, any other Error when the store is unavailable),
   * or undefined. Lets the header say so at once instead of sending a reference that
   * will not resolve.
   */
  refuse?(bytes: number): Error | undefined;
  put(id: string, kid: string, jwe: string): Promise<void>;
  /** The entry for `id` if it was stored for `kid`, removed as it is returned; else undefined. */
  take(id: string, kid: string): Promise<string | undefined>;
}

export interface MemoryPayloadStoreOptions {
  ttlMs?: number;
  /** Most entries kept at once; the oldest go first. */
  maxEntries?: number;
  /** Most bytes (sum of the JWEs) kept at once; the oldest go first. */
  maxBytes?: number;
  /** Largest single entry accepted; a larger one is refused (RangeError), never stored. */
  maxEntryBytes?: number;
  /** Clock, passed in so tests need no fake timers. */
  now?: () => number;
}

interface Entry {
  kid: string;
  /**
   * The JWE's bytes (ASCII) outside the JavaScript heap. Entries wait up to ttlMs, usually past a
   * few young-generation collections: kept as strings, every one was copied by the collector and
   * promoted to the old generation (~15 µs of GC per paired request in the bench, which never
   * fetches); a Buffer's bytes are never moved. UTF-8, so that any string comes back as it went
   * in (a JWE is ASCII: one byte per character).
   */
  jwe: Buffer;
  /** The string's length, what the byte bounds count. */
  length: number;
  expiresAt: number;
}

/** 32 random bytes, base64url: the 43-character id REF_ID_PATTERN expects (256 bits). */
export function newRefId(): string {
  return randomId(32);
}

/** In-process store: TTL, bounded by count and total bytes, oldest evicted first (Map keeps insertion order). */
export class MemoryPayloadStore implements PayloadStore {
  readonly #entries = new Map<string, Entry>();
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #maxBytes: number;
  readonly #maxEntryBytes: number;
  readonly #now: () => number;
  #bytes = 0;

  constructor({
    ttlMs = 60_000,
    maxEntries = 1000,
    maxBytes = 32 * 1024 * 1024,
    maxEntryBytes = 8 * 1024 * 1024,
    now = Date.now,
  }: MemoryPayloadStoreOptions = {}) {
    this.#ttlMs = ttlMs;
    this.#maxEntries = maxEntries;
    this.#maxBytes = maxBytes;
    this.#maxEntryBytes = Math.min(maxEntryBytes, maxBytes);
    this.#now = now;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Sum of the stored JWEs' lengths (ASCII: bytes). */
  get bytes(): number {
    return this.#bytes;
  }

  refuse(bytes: number): Error | undefined {
    return bytes > this.#maxEntryBytes
      ? new RangeError(`payload of ${bytes} bytes exceeds the ${this.#maxEntryBytes}-byte bound per entry`)
      : undefined;
  }

  async put(id: string, kid: string, jwe: string): Promise<void> {
    this.putNow(id, kid, jwe);
  }

  /** put, synchronously (an in-process store needs no turn of the event loop). */
  putNow(id: string, kid: string, jwe: string): void {
    const refused = this.refuse(jwe.length);
    if (refused) throw refused;
    this.#delete(id);
    this.#evictExpired();
    while (this.#entries.size >= this.#maxEntries || this.#bytes + jwe.length > this.#maxBytes) {
      const oldest = this.#entries.keys().next();
      if (oldest.done) break;
      this.#delete(oldest.value);
    }
    // Its own allocation, not a slice of Node's shared pool: an entry must not keep other bytes alive.
    const bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(jwe, 'utf8'));
    bytes.write(jwe, 0, 'utf8');
    this.#entries.set(id, { kid, jwe: bytes, length: jwe.length, expiresAt: this.#now() + this.#ttlMs });
    this.#bytes += jwe.length;
  }

  async take(id: string, kid: string): Promise<string | undefined> {
    return this.takeNow(id, kid);
  }

  takeNow(id: string, kid: string): string | undefined {
    const entry = this.#entries.get(id);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.#now()) {
      this.#delete(id);
      return undefined;
    }
    // Another key's fetch leaves the entry where it is: it must not let one developer
    // erase another's payload.
    if (!constantTimeEqual(entry.kid, kid)) return undefined;
    this.#delete(id);
    return entry.jwe.toString('utf8');
  }

  #evictExpired(): void {
    const now = this.#now();
    // Insertion order is expiry order (constant TTL), so stop at the first live entry.
    for (const [id, entry] of this.#entries) {
      if (entry.expiresAt > now) break;
      this.#delete(id);
    }
  }

  #delete(id: string): void {
    const entry = this.#entries.get(id);
    if (!entry) return;
    this.#bytes -= entry.length;
    this.#entries.delete(id);
  }
}
