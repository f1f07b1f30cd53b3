import { comparableOf, encodeTyped, type EncodeLimits, type TypedValue } from '../../protocol/src/index.js';
import { jsonOf } from './payload-text.js';

/** One side (before or after) of a session as the payload reports it. */
export interface SessionSide {
  /** The session id (express-session), null for cookie-session or no session. */
  id: string | null;
  /** Typed, redacted data; null when there is no session. */
  data: TypedValue | null;
  /**
   * Unredacted, unlimited typed tree used only to compare before and after (`sameCanonical`,
   * PROTOCOL.md §4.4); never sent. `data` itself when nothing was redacted or cut.
   */
  comparable: TypedValue | null;
  /** UTF-8 bytes of the session data as JSON, before redaction (PROTOCOL.md §4.5). */
  bytes: number | null;
  /** `JSON.stringify(data)`: printed once here and spliced into the payload text (payload-text.ts). */
  json: string | null;
  redacted: string[];
  truncated: boolean;
}

export const NO_SESSION: SessionSide = {
  id: null,
  data: null,
  comparable: null,
  bytes: null,
  json: null,
  redacted: [],
  truncated: false,
};

export interface EncodeContext {
  redact: (key: string) => boolean;
  limits: Partial<EncodeLimits>;
}

/**
 * Copies the session's own enumerable keys into a plain object, so that the
 * Session class (and express-session's `cookie`) do not show up in the tree.
 * A getter that throws becomes its Error, which encodeTyped renders as a value.
 */
export function plainCopy(session: object, exclude: string): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  // Own data properties even for a key named `__proto__`: it must stay a key, not become a prototype.
  const set = (key: string, value: unknown): void => {
    Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  };
  for (const key of Object.keys(session)) {
    if (key === exclude) continue;
    try {
      set(key, (session as Record<string, unknown>)[key]);
    } catch (error) {
      set(key, error instanceof Error ? error : new Error(String(error)));
    }
  }
  return copy;
}

/** JSON as the store would write it; values JSON refuses (BigInt, cycles) fall back to the typed form. */
function toJson(copy: Record<string, unknown>): string {
  try {
    return JSON.stringify(copy);
  } catch {
    return JSON.stringify(encodeTyped(copy).value);
  }
}

/** Snapshots a session object now: the encoded tree is a copy, so later changes do not leak into it. */
export function sideOf(
  session: object | null | undefined,
  id: string | null,
  ctx: EncodeContext,
): SessionSide {
  if (session === null || session === undefined || typeof session !== 'object') return NO_SESSION;
  const copy = plainCopy(session, 'cookie');
  const encoded = encodeTyped(copy, ctx);
  // PROTOCOL.md §4.4 compares unredacted, uncut data, key order ignored. When nothing was
  // redacted or cut, the tree just encoded is that data: no second walk, and nothing printed
  // (sameCanonical compares the trees themselves, and only when the change rule asks).
  const comparable = encoded.redacted.length === 0 && !encoded.truncated ? encoded.value : comparableOf(copy);
  // PROTOCOL.md §4.5 measures the session as the store writes it (JSON.stringify, before
  // redaction). When the encoding is exactly that (nothing tagged, redacted or cut), its text is
  // the store's text: one print serves the size and the payload.
  const json = jsonOf(encoded.value);
  const bytes = Buffer.byteLength(encoded.exact ? json : toJson(copy), 'utf8');
  return {
    id,
    data: encoded.value,
    comparable,
    bytes,
    json,
    redacted: encoded.redacted,
    truncated: encoded.truncated,
  };
}
