import {
  DEFAULT_REDACT,
  MIDDLEWARE_KINDS,
  PROTOCOL_VERSION,
  redactPredicate,
  redactSetCookie,
  redactUrl,
  sameCanonical,
  sessionChange,
  sessionCookieBytes,
  type DebugPayload,
  type PayloadError,
  type SessionChange,
} from '../../protocol/src/index.js';
import type { SessionSide } from './session-data.js';
import type { Observation } from './observer.js';
import { randomId } from './random-ids.js';

/** PROTOCOL.md §4.4: ids first, then the unredacted data with key order ignored. */
export function changeOf(before: SessionSide, after: SessionSide): SessionChange {
  const side = (s: SessionSide) => ({ exists: s.data !== null, id: s.id, comparable: s.comparable });
  return sessionChange(side(before), side(after), (b, a) => sameCanonical(b.comparable, a.comparable));
}

const defaultRedact = redactPredicate(DEFAULT_REDACT);

/**
 * PROTOCOL.md §7: query parameters and cookie values go through the same rule as session keys.
 * A session stored in the cookie carries its values readable in that cookie: once anything in it
 * was redacted, the session cookie's value is redacted too.
 */
function redactedSetCookies(
  lines: readonly string[],
  seen: Observation,
  redact: (name: string) => boolean,
): string[] {
  const inCookie = MIDDLEWARE_KINDS[seen.kind].storage === 'cookie';
  const leaks = inCookie && (seen.before.redacted.length > 0 || seen.after.redacted.length > 0);
  return lines.map((line) => redactSetCookie(line, redact, leaks ? [seen.cookieName] : []));
}

export interface RequestFacts {
  startedAt: number;
  sealedAt: number;
  method: string;
  url: string;
  status: number;
  setCookie: string[];
  errors: PayloadError[];
}

export function newRequestId(): string {
  return randomId(12);
}

export function buildPayload(
  facts: RequestFacts,
  seen: Observation,
  redact: (name: string) => boolean = defaultRedact,
): DebugPayload {
  return {
    v: PROTOCOL_VERSION,
    requestId: newRequestId(),
    startedAt: facts.startedAt,
    sealedAt: facts.sealedAt,
    request: { method: facts.method, url: redactUrl(facts.url, redact) },
    response: { status: facts.status, setCookie: redactedSetCookies(facts.setCookie, seen, redact) },
    middleware: { kind: seen.kind, store: seen.store },
    session: {
      before: seen.before.data,
      after: seen.after.data,
      idBefore: seen.before.id,
      idAfter: seen.after.id,
      change: changeOf(seen.before, seen.after),
    },
    cookie: seen.cookie,
    sizes: {
      sessionBefore: seen.before.bytes,
      sessionAfter: seen.after.bytes,
      // Measured on what the response really sent, before any redaction.
      sessionCookie: sessionCookieBytes(facts.setCookie, seen.cookieName),
    },
    storeTtlMs: seen.storeTtlMs,
    redacted: [...new Set([...seen.before.redacted, ...seen.after.redacted])],
    truncated: seen.before.truncated || seen.after.truncated,
    errors: [...(seen.errors ?? []), ...facts.errors],
  };
}

/** What we send when observing itself failed: the response facts and the error, nothing guessed. */
export function errorPayload(
  facts: RequestFacts,
  kind: Observation['kind'],
  redact: (name: string) => boolean = defaultRedact,
): DebugPayload {
  return {
    v: PROTOCOL_VERSION,
    requestId: newRequestId(),
    startedAt: facts.startedAt,
    sealedAt: facts.sealedAt,
    request: { method: facts.method, url: redactUrl(facts.url, redact) },
    response: {
      status: facts.status,
      setCookie: facts.setCookie.map((line) => redactSetCookie(line, redact)),
    },
    middleware: { kind, store: null },
    session: { before: null, after: null, idBefore: null, idAfter: null, change: 'none' },
    cookie: null,
    sizes: { sessionBefore: null, sessionAfter: null, sessionCookie: null },
    storeTtlMs: null,
    redacted: [],
    truncated: false,
    errors: facts.errors,
  };
}
