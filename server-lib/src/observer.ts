import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CookieOptions, MiddlewareKind, PayloadError } from '../../protocol/src/index.js';
import type { EncodeContext, SessionSide } from './session-data.js';
import { expressSessionObserver } from './observe-express-session.js';
import { cookieSessionObserver } from './observe-cookie-session.js';

/** What one request did to the session, as read from the session middleware. */
export interface Observation {
  kind: MiddlewareKind;
  store: string | null;
  before: SessionSide;
  after: SessionSide;
  cookie: CookieOptions | null;
  cookieName: string;
  storeTtlMs: number | null;
  /** PROTOCOL.md §4.6: a session cookie the app could not read (bad signature, unknown id). */
  errors?: PayloadError[];
}

export interface ObserverContext extends EncodeContext {
  cookieName: string | undefined;
  rolling: boolean | null;
}

/** Request fields the session middlewares add; typed loosely because we only read them defensively. */
export type SessionRequest = IncomingMessage & {
  session?: unknown;
  sessionID?: unknown;
  sessionStore?: unknown;
  sessionOptions?: unknown;
};

/**
 * Per-request reader of one kind of session middleware. `before` runs when the
 * session middleware calls next (the handler has not run yet); `after` runs in
 * our innermost writeHead, after the middleware's own header hook set its cookie.
 * Neither may change anything the app or the middleware can see.
 */
export interface Observer {
  before(req: SessionRequest): void;
  after(req: SessionRequest, res: ServerResponse, setCookie: readonly string[], now: number): Observation;
}

/** Picks the observer from what the session middleware left on the request. */
export function observerFor(req: SessionRequest, ctx: ObserverContext): Observer | undefined {
  if (typeof req.sessionOptions === 'object' && req.sessionOptions !== null)
    return cookieSessionObserver(ctx);
  if (typeof req.sessionStore === 'object' && req.sessionStore !== null) return expressSessionObserver(ctx);
  return undefined;
}
