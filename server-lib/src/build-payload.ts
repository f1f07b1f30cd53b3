import {
  PROTOCOL_VERSION,
  type DebugPayload,
  type PayloadError,
  type SessionChange,
} from '../../protocol/src/index.js';
import type { SessionSide } from './session-data.js';
import type { Observation } from './observer.js';
import { findSetCookie, setCookiePair } from './cookies.js';
import { randomPool } from './random-pool.js';

/** Classifies a request by comparing the two sides (ids first, then the unredacted JSON). */
export function changeOf(before: SessionSide, after: SessionSide): SessionChange {
  const had = before.data !== null;
  const has = after.data !== null;
  if (!had && !has) return 'none';
  if (!had) return 'new';
  if (!has) return 'destroyed';
  if (before.id !== after.id) return 'regenerated';
  return before.fingerprint === after.fingerprint ? 'unchanged' : 'modified';
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
  return randomPool(12).toString('base64url');
}

export function buildPayload(facts: RequestFacts, seen: Observation): DebugPayload {
  const line = findSetCookie(facts.setCookie, seen.cookieName);
  const [name, value] = line === undefined ? ['', ''] : setCookiePair(line);
  return {
    v: PROTOCOL_VERSION,
    requestId: newRequestId(),
    startedAt: facts.startedAt,
    sealedAt: facts.sealedAt,
    request: { method: facts.method, url: facts.url },
    response: { status: facts.status, setCookie: facts.setCookie },
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
      sessionCookie: line === undefined ? null : Buffer.byteLength(`${name}=${value}`, 'utf8'),
    },
    storeTtlMs: seen.storeTtlMs,
    redacted: [...new Set([...seen.before.redacted, ...seen.after.redacted])],
    truncated: seen.before.truncated || seen.after.truncated,
    errors: facts.errors,
  };
}

/** What we send when observing itself failed: the response facts and the error, nothing guessed. */
export function errorPayload(facts: RequestFacts, kind: Observation['kind']): DebugPayload {
  return {
    v: PROTOCOL_VERSION,
    requestId: newRequestId(),
    startedAt: facts.startedAt,
    sealedAt: facts.sealedAt,
    request: { method: facts.method, url: facts.url },
    response: { status: facts.status, setCookie: facts.setCookie },
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
