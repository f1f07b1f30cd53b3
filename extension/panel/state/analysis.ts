import type { TypedValue } from '../../../protocol/src/typed-value.js';
import { checkCookie, type CookieFinding } from '../../core/cookies/rules.js';
import { isBlank, parseCookieHeader, toSetCookie, type SetCookie } from '../../core/cookies/set-cookie.js';
import { CookieJar } from '../../core/cookies/jar.js';
import { judgeResponse } from '../../core/cookies/history.js';
import type { CookieVerdict } from '../../core/cookies/verdict.js';
import { engineProfile, responseOf, verdictsOf } from './cookie-history.js';
import { decodeCookie, type CookieDecoding } from '../../core/decoders/index.js';
import {
  clientSecretFinding,
  decodedSecretFinding,
  fixationFinding,
  type SecurityFinding,
} from '../../core/security/findings.js';
import type { DiffEntry } from '../../core/diff/diff.js';
import { diffBetween } from './diff-cache.js';
import { tooLarge } from '../../core/decoders/result.js';
import type { RequestRecord } from './types.js';
import type { DebugPayload } from '../../../protocol/src/index.js';

export interface DecodedCookie {
  name: string;
  /** Where the value came from: this response's Set-Cookie, or the request's Cookie header. */
  source: 'set-cookie' | 'request';
  bytes: number;
  decoding: CookieDecoding | { ok: false; code: string; message: string };
}

export interface Analysis {
  /** Every Set-Cookie of the response with the engine's verdict (cookie-history.ts): the one truth all views read. */
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

const cache = new WeakMap<RequestRecord, { analysis: Analysis; from: CookieVerdict[] }>();

/** Guess the session cookie without server-lib: an express-session id, a Flask or cookie-session cookie. */
function guessSessionCookie(decoded: readonly DecodedCookie[]): string | null {
  const formats = ['express-session', 'flask', 'cookie-session'];
  for (const format of formats) {
    const hit = decoded.find((d) => d.decoding.ok && 'format' in d.decoding && d.decoding.format === format);
    if (hit) return hit.name;
  }
  return null;
}

/** Session data a Flask or cookie-session cookie carries (readable without server-lib). */
function clientSessionOf(decodedCookies: readonly DecodedCookie[]): Analysis['clientSession'] {
  for (const d of decodedCookies) {
    if (
      d.decoding.ok &&
      'data' in d.decoding &&
      (d.decoding.format === 'flask' || d.decoding.format === 'cookie-session')
    )
      return { cookieName: d.name, format: d.decoding.format, data: d.decoding.data };
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
  for (const c of setCookies) if (c.outcome === 'stored') push(c.name, c.value, 'set-cookie');
  // Past the decoder's input bound a cookie is past the browser's 4 KB too (so never stored), yet
  // the Session and Cookies views must say it was too large to decode, with its size (issue 13.6).
  for (const c of setCookies)
    if (c.outcome !== 'stored' && tooLarge(c.value)) push(c.name, c.value, 'set-cookie');
  for (const c of sent) push(c.name, c.value, 'request');
  return out;
}

const judgedAlone = new WeakMap<RequestRecord, CookieVerdict[]>();
function alone(record: RequestRecord): CookieVerdict[] {
  let verdicts = judgedAlone.get(record);
  if (!verdicts)
    judgedAlone.set(record, (verdicts = judgeResponse(responseOf(record), new CookieJar(engineProfile()))));
  return verdicts;
}

/** Everything the views need about one request, computed once per record object. */
export function analyze(record: RequestRecord, index: number): Analysis {
  // Judged in history order by the store (cookie-history.ts); a record analysed on its own
  // (tests, before the store saw it) is judged against an empty cookie store.
  const verdicts = verdictsOf(record) ?? alone(record);
  const cached = cache.get(record);
  if (cached && cached.from === verdicts) return cached.analysis;
  const payload = record.debug.state === 'decoded' ? record.debug.payload : null;
  const setCookies = verdicts.filter((v) => !isBlank(v)).map(toSetCookie);
  // The findings index analyses every request of the history, and needs none of the decoded
  // cookies (when server-lib names its cookie and carries the session) nor the handler's diff:
  // those are worked out when a view first reads them, then kept.
  let decoded: DecodedCookie[] | undefined;
  const decodedCookies = (): DecodedCookie[] => (decoded ??= decodeAll(record, setCookies));
  let client: Analysis['clientSession'] | undefined;
  const clientSession = (): Analysis['clientSession'] =>
    client === undefined ? (client = clientSessionOf(decodedCookies())) : client;
  const sessionCookieName = payload?.cookie?.name ?? guessSessionCookie(decodedCookies());
  const cookieFindings = setCookies.flatMap((cookie) =>
    checkCookie({ cookie, isSessionCookie: cookie.name === sessionCookieName, requestUrl: record.url }),
  );
  const security: SecurityFinding[] = [];
  if (payload) {
    const fixation = fixationFinding(payload, index);
    if (fixation) security.push(fixation);
    const secret = clientSecretFinding(payload, index);
    if (secret) security.push(secret);
  } else {
    const found = clientSession();
    const secret = found && decodedSecretFinding(found.cookieName, found.data, index);
    if (secret) security.push(secret);
  }
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
      return payload ? diffBetween(payload.session.before, payload.session.after) : [];
    },
    security,
    errorCount: errors,
    warningCount: warnings,
  };
  cache.set(record, { analysis, from: verdicts });
  return analysis;
}

/** The response's Set-Cookie headers as the cookie engine read them (what causes and drops look at). */
export function setCookiesOf(record: RequestRecord): SetCookie[] {
  return analyze(record, 0).setCookies;
}
