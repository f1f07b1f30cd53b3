/**
 * A before → after Diff for sessions stored in the cookie, with no server library (issue #9,
 * item 5): before is the session decoded from the request's Cookie header, after the one decoded
 * from the response's Set-Cookie (or the same cookie, kept, when the response set none).
 *
 * Works for Flask (`[.]payload.timestamp.signature`), cookie-session (base64 JSON) and JWT claims.
 * Values use the same typed vocabulary as the adapter's payloads: a tuple, a Markup, a UUID, bytes
 * and a datetime look the same whichever way they arrived (see flask-tags.ts).
 */

import { canonicalJson } from '../../../protocol/src/change.js';
import type { SessionChange } from '../../../protocol/src/payload.js';
import type { TypedValue } from '../../../protocol/src/typed-value.js';
import { diffSessions, type DiffEntry } from '../diff/diff.js';
import { decodeCookie, type CookieDecoding } from './decode-cookie.js';
import type { Now } from './time.js';

export type CookieSessionFormat = 'flask' | 'cookie-session' | 'jwt';

/** The parts of a parsed Set-Cookie this needs (core/cookies/set-cookie.ts SetCookie fits). */
export interface SetCookieLike {
  name: string;
  value: string;
  expiry: { kind: string };
}

export interface CookieSessionDiff {
  cookieName: string;
  format: CookieSessionFormat;
  before: TypedValue | null;
  after: TypedValue | null;
  /** none / new / modified / unchanged / destroyed: the protocol's words, decided the same way. */
  change: Exclude<SessionChange, 'regenerated'>;
  /** Where `after` came from: this response's Set-Cookie, a Set-Cookie that deleted the cookie, or no Set-Cookie (kept). */
  afterSource: 'set-cookie' | 'deleted' | 'kept';
  entries: DiffEntry[];
}

const FORMATS: readonly CookieSessionFormat[] = ['flask', 'cookie-session', 'jwt'];

/** The session data a decoding carries, if it is a format that stores the session in the cookie. */
function sessionData(
  decoding: CookieDecoding | { ok: false },
): { format: CookieSessionFormat; data: TypedValue } | null {
  if (!decoding.ok) return null;
  if (decoding.format === 'flask' || decoding.format === 'cookie-session')
    return { format: decoding.format, data: decoding.data };
  if (decoding.format === 'jwt') return { format: 'jwt', data: decoding.claims };
  return null;
}

function requestCookies(header: string | null): { name: string; value: string }[] {
  if (!header) return [];
  const out: { name: string; value: string }[] = [];
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    out.push({ name: part.slice(0, eq).trim(), value: part.slice(eq + 1).trim() });
  }
  return out;
}

/**
 * The Diff of the first cookie (Flask first, then cookie-session, then JWT) that carries a session
 * in this request or its response; null when none does.
 */
export function cookieSessionDiff(
  cookieHeader: string | null,
  setCookies: readonly SetCookieLike[],
  now: Now,
): CookieSessionDiff | null {
  const sent = requestCookies(cookieHeader);
  const all = [...setCookies.map((c) => ({ name: c.name, value: c.value })), ...sent];
  const decode = (name: string, value: string) =>
    sessionData(decodeCookie(name, value, { now, allCookies: all }));
  const candidates: {
    name: string;
    format: CookieSessionFormat;
    before: TypedValue | null;
    after: TypedValue | null;
    source: CookieSessionDiff['afterSource'];
  }[] = [];
  const names = [...new Set([...sent.map((c) => c.name), ...setCookies.map((c) => c.name)])];
  for (const name of names) {
    const request = sent.find((c) => c.name === name);
    const set = setCookies.filter((c) => c.name === name).at(-1); // later lines win in the browser
    const before = request ? decode(name, request.value) : null;
    let after: { format: CookieSessionFormat; data: TypedValue } | null = before;
    let source: CookieSessionDiff['afterSource'] = 'kept';
    if (set && set.expiry.kind === 'delete') {
      after = null;
      source = 'deleted';
    } else if (set) {
      after = decode(name, set.value);
      source = 'set-cookie';
    }
    const format = before?.format ?? after?.format;
    if (!format || (before && after && before.format !== after.format)) continue;
    candidates.push({ name, format, before: before?.data ?? null, after: after?.data ?? null, source });
  }
  candidates.sort((a, b) => FORMATS.indexOf(a.format) - FORMATS.indexOf(b.format));
  const chosen = candidates[0];
  if (!chosen) return null;
  const { before, after } = chosen;
  const change: CookieSessionDiff['change'] =
    before === null && after === null
      ? 'none'
      : before === null
        ? 'new'
        : after === null
          ? 'destroyed'
          : canonicalJson(before) === canonicalJson(after)
            ? 'unchanged'
            : 'modified';
  return {
    cookieName: chosen.name,
    format: chosen.format,
    before,
    after,
    change,
    afterSource: chosen.source,
    entries: diffSessions(before, after),
  };
}
