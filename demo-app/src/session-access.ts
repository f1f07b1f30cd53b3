import type { Request } from 'express';

/**
 * One way to reach the session in both modes. express-session and
 * cookie-session type `req.session` differently (and regenerate/destroy only
 * exist in one), so routes go through these helpers instead.
 */
export type DemoSession = Record<string, any>;

export type StoreMode = 'memory' | 'cookie' | 'redis';

export function sessionOf(req: Request): DemoSession | null {
  return ((req as unknown as { session?: DemoSession | null }).session ?? null) as DemoSession | null;
}

/** The session, which both middlewares guarantee on routes they cover. */
export function session(req: Request): DemoSession {
  const value = sessionOf(req);
  if (!value) throw new Error('no session on this request (is the session middleware mounted?)');
  return value;
}

function isExpressSession(req: Request): boolean {
  return typeof sessionOf(req)?.regenerate === 'function';
}

/** New id, same browser: express-session's defence against session fixation. cookie-session has no id. */
export function regenerate(req: Request): Promise<void> {
  if (!isExpressSession(req)) return Promise.resolve();
  return new Promise((resolve, reject) =>
    session(req).regenerate((err: unknown) => (err ? reject(err) : resolve())),
  );
}

/** express-session: remove from the store; cookie-session: `req.session = null` clears the cookie. */
export function destroy(req: Request): Promise<void> {
  if (!isExpressSession(req)) {
    (req as unknown as { session: null }).session = null;
    return Promise.resolve();
  }
  return new Promise((resolve, reject) =>
    session(req).destroy((err: unknown) => (err ? reject(err) : resolve())),
  );
}

/** Persists before a redirect, so the next request sees the change (express-session saves on end otherwise). */
export function save(req: Request): Promise<void> {
  if (!isExpressSession(req)) return Promise.resolve();
  return new Promise((resolve, reject) =>
    session(req).save((err: unknown) => (err ? reject(err) : resolve())),
  );
}

export const REMEMBER_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Remember-me: a persistent cookie (30 days) instead of a browser-session cookie.
 * express-session keeps maxAge in the session's cookie; cookie-session's options
 * are per request, so `applyRemember` re-applies them from the session flag.
 */
export function setRemember(req: Request, on: boolean): void {
  const s = session(req);
  s.remember = on;
  if (isExpressSession(req)) s.cookie.maxAge = on ? REMEMBER_MS : null;
  else applyRemember(req);
}

export function applyRemember(req: Request): void {
  const options = (req as unknown as { sessionOptions?: { maxAge?: number } }).sessionOptions;
  if (!options) return;
  if (sessionOf(req)?.remember === true) options.maxAge = REMEMBER_MS;
  else delete options.maxAge;
}
