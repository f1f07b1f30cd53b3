import { DEFAULT_INLINE_LIMIT, DEFAULT_MOUNT_PATH, type EncodeLimits } from '../../protocol/src/index.js';
import { DEFAULT_REDACT, redactPredicate, type RedactOption } from './redact.js';
import { MemoryPayloadStore, type PayloadStore } from './payload-store.js';
import { splitPairings, validatePairings } from './keyring.js';
import { debugMode, type Mode } from './debug-mode.js';

export interface SessionscopeOptions {
  /** Pairing strings (array or comma-separated). Default: `process.env.SESSIONSCOPE_KEYS`. */
  keys?: readonly string[] | string;
  /**
   * Debug mode follows NODE_ENV by default: on for `development` and `test`, off otherwise.
   * `true` turns it on whatever NODE_ENV says (production still needs allowInProduction);
   * `false` turns it off.
   */
  enabled?: boolean;
  /** With keys configured, a production-looking NODE_ENV is a setup error unless this is true. */
  allowInProduction?: boolean;
  /** Keys redacted at any depth; `false` turns redaction off. */
  redact?: RedactOption;
  /** Largest header value sent inline; larger payloads go by reference. */
  inlineLimit?: number;
  /** Path prefix of the by-reference endpoint. */
  mountPath?: string;
  payloadStore?: PayloadStore;
  /** Session cookie name, when detection is not enough. */
  cookieName?: string;
  /** express-session's `rolling` is not readable from the request: say it here to show it in the panel. */
  rolling?: boolean;
  /**
   * The Redis client your connect-redis store uses, for reading the store TTL where the
   * store does not expose it (connect-redis 7 and 8). node-redis 3–5 or ioredis.
   */
  redisClient?: unknown;
  logger?: (message: string) => void;
  limits?: Partial<EncodeLimits>;
  /** Environment name, passed in for tests. Default: `process.env.NODE_ENV`. */
  nodeEnv?: string | undefined;
}

export interface ResolvedOptions {
  pairings: string[];
  mode: Mode;
  redact: (key: string) => boolean;
  inlineLimit: number;
  mountPath: string;
  payloadStore: PayloadStore;
  cookieName: string | undefined;
  rolling: boolean | null;
  redisClient: unknown;
  logger: (message: string) => void;
  limits: Partial<EncodeLimits>;
}

const defaultLogger = (message: string): void => console.warn(`[sessionscope] ${message}`);

/** Reads and checks the options once, at setup; every TypeError says what to change. */
export function resolveOptions({
  keys = process.env.SESSIONSCOPE_KEYS,
  enabled,
  allowInProduction = false,
  redact = DEFAULT_REDACT,
  inlineLimit = DEFAULT_INLINE_LIMIT,
  mountPath = DEFAULT_MOUNT_PATH,
  payloadStore,
  cookieName,
  rolling,
  redisClient,
  logger = defaultLogger,
  limits = {},
  nodeEnv = process.env.NODE_ENV,
}: SessionscopeOptions = {}): ResolvedOptions {
  if (keys !== undefined && typeof keys !== 'string' && !Array.isArray(keys)) {
    throw new TypeError(
      'sessionscope: keys must be an array of pairing strings or one comma-separated string.',
    );
  }
  const pairings = splitPairings(keys);
  validatePairings(pairings);
  const mode = debugMode({ keyCount: pairings.length, enabled, allowInProduction, nodeEnv });
  if (!Number.isInteger(inlineLimit) || inlineLimit < 0) {
    throw new TypeError(
      `sessionscope: inlineLimit must be a non-negative integer (bytes), got ${String(inlineLimit)}.`,
    );
  }
  if (typeof mountPath !== 'string' || !/^\/[A-Za-z0-9._~\/-]*[A-Za-z0-9._~-]$/.test(mountPath)) {
    throw new TypeError(
      'sessionscope: mountPath must be an absolute path without a trailing slash, like "/__sessionscope".',
    );
  }
  if (
    payloadStore !== undefined &&
    (typeof payloadStore.put !== 'function' || typeof payloadStore.take !== 'function')
  ) {
    throw new TypeError(
      'sessionscope: payloadStore must have put(id, kid, jwe) and take(id, kid) methods (see PayloadStore).',
    );
  }
  if (cookieName !== undefined && (typeof cookieName !== 'string' || cookieName === '')) {
    throw new TypeError("sessionscope: cookieName must be a non-empty string (your session cookie's name).");
  }
  if (redact !== false && typeof redact !== 'function' && !Array.isArray(redact)) {
    throw new TypeError(
      'sessionscope: redact must be false, an array of key names/RegExps, or a function (key) => boolean.',
    );
  }
  if (typeof logger !== 'function')
    throw new TypeError('sessionscope: logger must be a function (message) => void.');
  return {
    pairings,
    mode,
    redact: redactPredicate(redact),
    inlineLimit,
    mountPath,
    payloadStore: payloadStore ?? new MemoryPayloadStore(),
    cookieName,
    rolling: typeof rolling === 'boolean' ? rolling : null,
    redisClient,
    logger,
    limits,
  };
}
