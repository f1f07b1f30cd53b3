import type { CookieOptions } from '../../protocol/src/index.js';
import { NO_SESSION, sideOf, type SessionSide } from './session-data.js';
import { requestCookies, safeDecode, setCookiePair } from './cookies.js';
import type { Observer, ObserverContext, SessionRequest } from './observer.js';

const DEFAULT_NAME = 'connect.sid';

/** express-session signs its cookie as `s:<id>.<signature>` (url-encoded `s%3A`). */
function carriesId(value: string, id: string): boolean {
  return safeDecode(value).startsWith(`s:${id}.`);
}

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** Reads express-session's Cookie instance field by field; its getters have no side effects. */
function cookieOptions(cookie: unknown, name: string, rolling: boolean | null): CookieOptions | null {
  if (typeof cookie !== 'object' || cookie === null) return null;
  const c = cookie as Record<string, unknown>;
  const expires = c.expires;
  return {
    name,
    path: str(c.path),
    domain: str(c.domain),
    httpOnly: typeof c.httpOnly === 'boolean' ? c.httpOnly : null,
    secure: typeof c.secure === 'boolean' || c.secure === 'auto' ? (c.secure as boolean | 'auto') : null,
    sameSite: typeof c.sameSite === 'string' || typeof c.sameSite === 'boolean' ? c.sameSite : null,
    maxAge: typeof c.originalMaxAge === 'number' ? c.originalMaxAge : null,
    expires: expires instanceof Date && !Number.isNaN(expires.getTime()) ? expires.toISOString() : null,
    partitioned: typeof c.partitioned === 'boolean' ? c.partitioned : null,
    priority: str(c.priority),
    signed: true,
    rolling,
  };
}

/**
 * MemoryStore keeps sessions as JSON strings in `store.sessions`. Reading that
 * map is the only side-effect-free way to learn the TTL: `store.get` would
 * delete expired entries and `touch` would extend them.
 */
const COOKIE_FIRST = '{"cookie":{';

/**
 * express-session serializes a session with `cookie` as its first key, so the
 * expiry sits in the first few hundred characters of what may be megabytes:
 * `{"cookie":{…}` closed, parsed alone. Cookie values are JSON primitives; the
 * scan still honours strings and escapes. Anything else: undefined (parse it all).
 */
export function leadingCookieJson(raw: string): string | undefined {
  if (!raw.startsWith(COOKIE_FIRST)) return undefined;
  let inString = false;
  for (let i = COOKIE_FIRST.length; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b)
      return undefined; // nested: not a Cookie, parse everything
    else if (c === 0x7d) return `${raw.slice(0, i + 1)}}`;
  }
  return undefined;
}

function memoryStoreTtl(store: unknown, id: string | null, now: number): number | null {
  if (id === null || typeof store !== 'object' || store === null || store.constructor?.name !== 'MemoryStore')
    return null;
  const sessions = (store as { sessions?: unknown }).sessions;
  if (typeof sessions !== 'object' || sessions === null) return null;
  const raw = (sessions as Record<string, unknown>)[id];
  if (typeof raw !== 'string') return null;
  let expires: unknown;
  try {
    expires = (JSON.parse(leadingCookieJson(raw) ?? raw) as { cookie?: { expires?: unknown } }).cookie
      ?.expires;
  } catch {
    return null;
  }
  if (typeof expires !== 'string') return null;
  const at = Date.parse(expires);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

export function expressSessionObserver(ctx: ObserverContext): Observer {
  let before: SessionSide = NO_SESSION;
  let beforeCookie: unknown;
  let nameFromRequest: string | undefined;

  return {
    before(req) {
      const id = str(req.sessionID);
      const session = req.session as { cookie?: unknown } | undefined;
      beforeCookie = session?.cookie;
      // express-session always makes a session; it existed before only if the request's cookie named its id.
      const carrier =
        id === null ? undefined : requestCookies(req.headers.cookie).find(([, v]) => carriesId(v, id));
      nameFromRequest = carrier?.[0];
      before = carrier && session ? sideOf(session, id, ctx) : NO_SESSION;
    },

    after(req: SessionRequest, _res, setCookie, now) {
      const session = req.session as { cookie?: unknown } | null | undefined;
      const id = session ? str(req.sessionID) : null;
      const sent = id === null ? undefined : setCookie.find((line) => carriesId(setCookiePair(line)[1], id));
      const name =
        ctx.cookieName ?? (sent ? setCookiePair(sent)[0] : undefined) ?? nameFromRequest ?? DEFAULT_NAME;
      // A session exists after the request if the browser holds its id: kept from before, or just sent.
      const exists =
        session != null && id !== null && ((before.id === id && before.data !== null) || sent !== undefined);
      const store = req.sessionStore as { constructor?: { name?: unknown } } | undefined;
      return {
        kind: 'express-session',
        store: typeof store?.constructor?.name === 'string' ? store.constructor.name : null,
        before,
        after: exists ? sideOf(session, id, ctx) : NO_SESSION,
        cookie: cookieOptions(session?.cookie ?? beforeCookie, name, ctx.rolling),
        cookieName: name,
        storeTtlMs: exists ? memoryStoreTtl(store, id, now) : null,
      };
    },
  };
}
