import session, { MemoryStore, type Store } from 'express-session';
import cookieSession from 'cookie-session';
import type { RequestHandler } from 'express';
import type { StoreMode } from './session-access.js';

export interface SessionSetup {
  middleware: RequestHandler;
  /** The express-session store (memory mode), for tests that compare store contents. */
  store: Store | null;
}

export interface SessionSetupOptions {
  store: StoreMode;
  secret: string;
  rolling: boolean;
  /** Session id generator (express-session); tests inject a counter to compare runs. */
  genid?: () => string;
}

/** Loopback http: Secure would drop the cookie; HttpOnly and SameSite=Lax as a real app should. */
const COOKIE = { secure: false, httpOnly: true, sameSite: 'lax' as const, path: '/' };

export function sessionMiddleware({ store, secret, rolling, genid }: SessionSetupOptions): SessionSetup {
  if (store === 'cookie') {
    return { middleware: cookieSession({ name: 'session', keys: [secret], ...COOKIE }) as RequestHandler, store: null };
  }
  if (store === 'redis') {
    throw new Error('The redis store mode is not available yet; use SESSIONSCOPE_DEMO_STORE=memory or cookie.');
  }
  const memory = new MemoryStore();
  const middleware = session({
    secret,
    store: memory,
    resave: false,
    saveUninitialized: false,
    rolling,
    cookie: { ...COOKIE, maxAge: undefined },
    ...(genid ? { genid } : {}),
  }) as RequestHandler;
  return { middleware, store: memory };
}
