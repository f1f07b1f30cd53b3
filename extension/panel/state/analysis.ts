import type { TypedValue } from '../../../protocol/src/typed-value.js';
import { checkCookie, type CookieFinding } from '../../core/cookies/rules.js';
import { parseCookieHeader, parseSetCookies, type SetCookie } from '../../core/cookies/set-cookie.js';
import { decodeCookie, type CookieDecoding } from '../../core/decoders/index.js';
import {
  clientSecretFinding,
  decodedSecretFinding,
  fixationFinding,
  type SecurityFinding,
} from '../../core/security/findings.js';
import { diffSessions, type DiffEntry } from '../../core/diff/diff.js';
import type { RequestRecord } from './types.js';

export interface DecodedCookie {
  name: string;
  /** Where the value came from: this response's Set-Cookie, or the request's Cookie header. */
  source: 'set-cookie' | 'request';
  bytes: number;
  decoding: CookieDecoding | { ok: false; code: string; message: string };
}

export interface Analysis {
  setCookies: SetCookie[];
  sessionCookieName: string | null;
  cookieFindings: CookieFinding[];
  decodedCookies: DecodedCookie[];
  /** Session data readable without server-lib (Flask, cookie-session), when no payload says more. */
  clientSession: { cookieName: string; format: string; data: TypedValue } | null;
  handlerDiff: DiffEntry[];
  security: SecurityFinding[];
  errorCount: number;
  warningCount: number;
}

const cache = new WeakMap<RequestRecord, Analysis>();
const parsed = new WeakMap<RequestRecord, SetCookie[]>();

/**
 * The response's Set-Cookie headers, parsed once per record. Chromium adds Set-Cookie to the HAR
 * from a separate raw-headers event that can come after the entry is handed to extensions (seen
 * on 303 responses): the entry then has none. The server's own list (server-lib payload) says
 * what was sent; use it when the HAR shows nothing.
 */
export function setCookiesOf(record: RequestRecord): SetCookie[] {
  let out = parsed.get(record);
  if (!out) {
    const payload = record.debug.state === 'decoded' ? record.debug.payload : null;
    const headers =
      record.setCookies.length === 0 && payload ? payload.response.setCookie : record.setCookies;
    out = headers.length === 0 ? [] : parseSetCookies(headers, record.time);
    parsed.set(record, out);
  }
  return out;
}

/** Guess the session cookie without server-lib: an express-session id, a Flask or cookie-session cookie. */
function guessSessionCookie(decoded: readonly DecodedCookie[]): string | null {
  const formats = ['express-session', 'flask', 'cookie-session'];
  for (const format of formats) {
    const hit = decoded.find((d) => d.decoding.ok && 'format' in d.decoding && d.decoding.format === format);
    if (hit) return hit.name;
  }
  return null;
}

function decodeAll(record: RequestRecord, setCookies: readonly SetCookie[]): DecodedCookie[] {
  const sent = record.cookieHeader ? parseCookieHeader(record.cookieHeader) : [];
  const all = [...setCookies.map((c) => ({ name: c.name, value: c.value })), ...sent];
  const out: DecodedCookie[] = [];
  const seen = new Set<string>();
  const push = (name: string, value: string, source: DecodedCookie['source']): void => {
    if (seen.has(name)) return;
    seen.add(name);
    out.push({
      name,
      source,
      bytes: name.length + value.length,
      decoding: decodeCookie(name, value, { now: record.time, allCookies: all }),
    });
  };
  for (const c of setCookies) if (c.expiry.kind !== 'delete') push(c.name, c.value, 'set-cookie');
  for (const c of sent) push(c.name, c.value, 'request');
  return out;
}

/**
 * Everything the views need about one request, computed once per record object. The costly
 * parts (decoding every cookie, the handler's diff) are computed on first use: the list, the
 * causes and the finding index read many records and need neither for a request with a payload.
 */
export function analyze(record: RequestRecord, index: number): Analysis {
  const cached = cache.get(record);
  if (cached) return cached;
  const payload = record.debug.state === 'decoded' ? record.debug.payload : null;
  const setCookies = setCookiesOf(record);
  let decoded: DecodedCookie[] | undefined;
  const decodedCookies = (): DecodedCookie[] => (decoded ??= decodeAll(record, setCookies));
  const sessionCookieName = payload ? (payload.cookie?.name ?? null) : guessSessionCookie(decodedCookies());
  const cookieFindings = setCookies.flatMap((cookie) =>
    checkCookie({ cookie, isSessionCookie: cookie.name === sessionCookieName, requestUrl: record.url }),
  );
  let client: Analysis['clientSession'] | undefined;
  const clientSession = (): Analysis['clientSession'] => {
    if (client !== undefined) return client;
    client = null;
    for (const d of decodedCookies()) {
      if (
        d.decoding.ok &&
        'data' in d.decoding &&
        (d.decoding.format === 'flask' || d.decoding.format === 'cookie-session')
      ) {
        client = { cookieName: d.name, format: d.decoding.format, data: d.decoding.data };
        break;
      }
    }
    return client;
  };
  const security: SecurityFinding[] = [];
  if (payload) {
    const fixation = fixationFinding(payload, index);
    if (fixation) security.push(fixation);
    const secret = clientSecretFinding(payload, index);
    if (secret) security.push(secret);
  } else {
    const session = clientSession();
    const secret = session ? decodedSecretFinding(session.cookieName, session.data, index) : undefined;
    if (secret) security.push(secret);
  }
  let diff: DiffEntry[] | undefined;
  const errors =
    cookieFindings.filter((f) => f.severity === 'error').length +
    security.length +
    (record.debug.state === 'error' ? 1 : 0);
  const warnings = cookieFindings.filter((f) => f.severity === 'warning').length;
  const analysis: Analysis = {
    setCookies,
    sessionCookieName,
    cookieFindings,
    get decodedCookies() {
      return decodedCookies();
    },
    get clientSession() {
      return clientSession();
    },
    get handlerDiff() {
      return (diff ??= payload ? diffSessions(payload.session.before, payload.session.after) : []);
    },
    security,
    errorCount: errors,
    warningCount: warnings,
  };
  cache.set(record, analysis);
  return analysis;
}
