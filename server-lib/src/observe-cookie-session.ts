import type { ServerResponse } from 'node:http';
import type { CookieOptions } from '../../protocol/src/index.js';
import { NO_SESSION, sideOf, type SessionSide } from './session-data.js';
import { requestCookie } from './cookies.js';
import { verifyCookieSignature } from './cookie-signature.js';
import type { Observer, ObserverContext, SessionRequest } from './observer.js';

type Options = Record<string, unknown>;

/**
 * The session as cookie-session would load it, decoded from the request's
 * cookie without touching `req.session` (whose getter may set `.sig` cookies).
 */
function sessionFromRequest(req: SessionRequest, opts: Options, name: string): object | undefined {
  const raw = requestCookie(req.headers.cookie, name);
  if (!raw) return undefined;
  if (opts.signed !== false) {
    const sig = requestCookie(req.headers.cookie, `${name}.sig`);
    const keys = opts.keys ?? (opts.secret ? [opts.secret] : undefined);
    if (!sig || !verifyCookieSignature(`${name}=${raw}`, sig, keys)) return undefined;
  }
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, 'base64').toString('utf8'));
    return typeof value === 'object' && value !== null ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads `req.session` after cookie-session's header hook has run. If the app never
 * touched the session, the getter loads it now and may queue a `.sig` Set-Cookie; we put
 * the header back exactly as it was: same value, and the name in the app's own case
 * (cookie-session writes `Set-Cookie`; a lower-cased name would change the wire bytes).
 */
function readSessionSandboxed(req: SessionRequest, res: ServerResponse): unknown {
  const saved = res.getHeader('set-cookie');
  const copy = Array.isArray(saved) ? [...saved] : saved;
  const name = (res as unknown as { getRawHeaderNames(): string[] })
    .getRawHeaderNames()
    .find((n) => n.toLowerCase() === 'set-cookie');
  try {
    return req.session;
  } finally {
    const now = res.getHeader('set-cookie');
    const unchanged = now === saved && (!Array.isArray(copy) || (Array.isArray(now) && sameList(now, copy)));
    if (!unchanged) {
      if (copy === undefined) res.removeHeader('set-cookie');
      else res.setHeader(name ?? 'Set-Cookie', copy);
    }
  }
}

function sameList(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function optionValue<T>(value: unknown, check: (v: unknown) => v is T): T | null {
  return check(value) ? value : null;
}
const isString = (v: unknown): v is string => typeof v === 'string';
const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function cookieOptions(opts: Options, name: string, now: number): CookieOptions {
  const maxAge = optionValue(opts.maxAge, isNumber);
  const expires =
    opts.expires instanceof Date ? opts.expires : maxAge !== null ? new Date(now + maxAge) : null;
  return {
    name,
    path: optionValue(opts.path, isString) ?? '/',
    domain: optionValue(opts.domain, isString),
    httpOnly: optionValue(opts.httpOnly, isBoolean),
    secure: optionValue(opts.secure, isBoolean),
    sameSite: isString(opts.sameSite) || isBoolean(opts.sameSite) ? opts.sameSite : null,
    maxAge,
    expires: expires && !Number.isNaN(expires.getTime()) ? expires.toISOString() : null,
    partitioned: optionValue(opts.partitioned, isBoolean),
    priority: optionValue(opts.priority, isString),
    signed: opts.signed !== false,
    rolling: null,
  };
}

/** PROTOCOL.md §4.6: reported, never passed off as a plain new session. */
export function unreadableError(name: string, reason: string): { code: string; message: string } {
  return {
    code: 'ERR_SESSION_UNREADABLE',
    message: `The request carried a ${name} cookie that the app could not read (${reason}); it started a new, empty session.`,
  };
}

export function cookieSessionObserver(ctx: ObserverContext): Observer {
  let before: SessionSide = NO_SESSION;
  let name = 'session';
  let unreadable = false;

  return {
    before(req) {
      // req.sessionOptions = Object.create(opts): the app's options are reachable through it, per request.
      const opts = req.sessionOptions as Options;
      name = ctx.cookieName ?? optionValue(opts.name, isString) ?? 'session';
      const session = sessionFromRequest(req, opts, name);
      before = session ? sideOf(session, null, ctx) : NO_SESSION;
      // A cookie was sent but cookie-session will not load it (bad or missing .sig, not JSON).
      unreadable = !session && Boolean(requestCookie(req.headers.cookie, name));
    },

    after(req, res, _setCookie, now) {
      const opts = req.sessionOptions as Options;
      const session = readSessionSandboxed(req, res);
      const populated = typeof session === 'object' && session !== null && Object.keys(session).length > 0;
      // An empty new session sends no cookie: it only exists if a cookie existed before or data was added.
      const exists = typeof session === 'object' && session !== null && (before.data !== null || populated);
      return {
        kind: 'cookie-session',
        store: null,
        before,
        after: exists ? sideOf(session, null, ctx) : NO_SESSION,
        cookie: cookieOptions(opts, name, now),
        cookieName: name,
        storeTtlMs: null,
        errors: unreadable
          ? [unreadableError(name, 'its signature (.sig) does not match the keys, or it does not decode')]
          : [],
      };
    },
  };
}
