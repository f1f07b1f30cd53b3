import { PROTOCOL_VERSION } from './constants.js';
import { SessionscopeError } from './errors.js';
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

export type MiddlewareKind = 'express-session' | 'cookie-session';

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

type Check = (value: unknown) => boolean;
const isString: Check = (v) => typeof v === 'string';
const isNumber: Check = (v) => typeof v === 'number' && Number.isFinite(v);
const orNull =
  (check: Check): Check =>
  (v) =>
    v === null || check(v);
const isStringArray: Check = (v) => Array.isArray(v) && v.every(isString);
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function require(ok: boolean, field: string): void {
  if (!ok) throw new SessionscopeError('ERR_PAYLOAD_MALFORMED', `Debug payload field "${field}" is missing or has the wrong type.`);
}

/**
 * Checks decrypted JSON against the v1 schema. An unknown version is its own
 * error, named plainly, so that an old panel never guesses at a newer server.
 */
export function validatePayload(json: unknown): DebugPayload {
  require(isObject(json), '(root)');
  const p = json as Record<string, unknown>;
  if (p.v !== PROTOCOL_VERSION) {
    throw new SessionscopeError(
      'ERR_PROTOCOL_VERSION',
      `This panel speaks Sessionscope protocol v${PROTOCOL_VERSION}; the server sent v${String(p.v)}. Update whichever side is older.`,
    );
  }
  require(isString(p.requestId), 'requestId');
  require(isNumber(p.startedAt), 'startedAt');
  require(isNumber(p.sealedAt), 'sealedAt');
  require(isObject(p.request) && isString(p.request.method) && isString(p.request.url), 'request');
  require(isObject(p.response) && isNumber(p.response.status) && isStringArray(p.response.setCookie), 'response');
  require(isObject(p.middleware) && isString(p.middleware.kind) && orNull(isString)(p.middleware.store), 'middleware');
  const s = p.session;
  require(isObject(s), 'session');
  const session = s as Record<string, unknown>;
  require('before' in session && 'after' in session, 'session.before/after');
  require(orNull(isString)(session.idBefore) && orNull(isString)(session.idAfter), 'session.idBefore/idAfter');
  require(SESSION_CHANGES.includes(session.change as SessionChange), 'session.change');
  require(p.cookie === null || (isObject(p.cookie) && isString(p.cookie.name)), 'cookie');
  require(isObject(p.sizes), 'sizes');
  require(orNull(isNumber)(p.storeTtlMs), 'storeTtlMs');
  require(isStringArray(p.redacted), 'redacted');
  require(typeof p.truncated === 'boolean', 'truncated');
  require(Array.isArray(p.errors) && p.errors.every((e) => isObject(e) && isString(e.code) && isString(e.message)), 'errors');
  return json as unknown as DebugPayload;
}
