import type { PROTOCOL_VERSION } from './constants.js';
import type { TypedValue } from './typed-value.js';

/** What happened to the session during one request. */
export type SessionChange =
  /** No session before, one after (first visit, or a login that created it). */
  | 'new'
  /** Same id (or same cookie session), different data. */
  | 'modified'
  /** The id changed while a session existed before and after (express-session `regenerate`). */
  | 'regenerated'
  /** A session before, none after (`destroy`, `req.session = null`). */
  | 'destroyed'
  /** Same id and same data. */
  | 'unchanged'
  /** No session before or after. */
  | 'none';

export const SESSION_CHANGES: readonly SessionChange[] = [
  'new',
  'modified',
  'regenerated',
  'destroyed',
  'unchanged',
  'none',
];

/**
 * The kind registry (PROTOCOL.md §4.2). `storage` says where the session data lives, which the
 * panel's security checks depend on: data in the cookie is readable by whoever holds the cookie;
 * an id in the cookie can be fixed by an attacker and must rotate at login.
 */
export const MIDDLEWARE_KINDS = {
  'express-session': { storage: 'server', ids: true },
  'cookie-session': { storage: 'cookie', ids: false },
  flask: { storage: 'cookie', ids: false },
  'flask-session': { storage: 'server', ids: true },
  other: { storage: 'unknown', ids: false },
} as const;

export type MiddlewareKind = keyof typeof MIDDLEWARE_KINDS;

export function isMiddlewareKind(value: unknown): value is MiddlewareKind {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(MIDDLEWARE_KINDS, value);
}

/** The session cookie's options as configured on the server (not what a response sent). */
export interface CookieOptions {
  name: string;
  path: string | null;
  domain: string | null;
  httpOnly: boolean | null;
  /** express-session accepts `'auto'`: Secure only on https requests. */
  secure: boolean | 'auto' | null;
  sameSite: string | boolean | null;
  /** Milliseconds; null for a browser-session cookie. */
  maxAge: number | null;
  /** Absolute expiry this request's cookie would carry, ISO 8601, or null. */
  expires: string | null;
  partitioned: boolean | null;
  priority: string | null;
  signed: boolean | null;
  /** express-session `rolling`: the cookie is re-sent, expiry renewed, on every response. */
  rolling: boolean | null;
}

export interface PayloadError {
  code: string;
  message: string;
}

/** Version 1 of the debug payload; the JSON inside the JWE. */
export interface DebugPayload {
  v: typeof PROTOCOL_VERSION;
  /** Random id of this request's record (not the session id). */
  requestId: string;
  /** Epoch milliseconds when the request reached the middleware. */
  startedAt: number;
  /** Epoch milliseconds when the payload was sealed (response headers about to be sent). */
  sealedAt: number;
  request: { method: string; url: string };
  response: {
    status: number;
    /** Every Set-Cookie header the response carries, as sent. */
    setCookie: string[];
  };
  middleware: {
    kind: MiddlewareKind;
    /** Store class name for express-session (MemoryStore, RedisStore, …); null for cookie-session. */
    store: string | null;
  };
  session: {
    before: TypedValue | null;
    after: TypedValue | null;
    idBefore: string | null;
    idAfter: string | null;
    change: SessionChange;
  };
  cookie: CookieOptions | null;
  sizes: {
    /** Bytes of the session serialized as JSON, before and after (UTF-8). */
    sessionBefore: number | null;
    sessionAfter: number | null;
    /** Bytes of name=value of the session cookie this response set, if it set one. */
    sessionCookie: number | null;
  };
  /** Store TTL in ms where the store tells it without side effects; null when unknown. */
  storeTtlMs: number | null;
  /** Paths whose values were redacted before encryption, e.g. `$.user.password`. */
  redacted: string[];
  /** True when a size limit cut some value (marked in the tree with `truncated`/`more`/`deep`). */
  truncated: boolean;
  /** The middleware's own failures while observing this request. */
  errors: PayloadError[];
}
