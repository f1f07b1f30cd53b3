import express, { type Express } from 'express';
import type { Store } from 'express-session';
import { sessionscope, type SessionscopeOptions } from '../../server-lib/src/index.js';
import { sessionMiddleware } from './session-middleware.js';
import { applyRemember, type StoreMode } from './session-access.js';
import { homeRoutes } from './routes/home.js';
import { authRoutes } from './routes/auth.js';
import { cartRoutes } from './routes/cart.js';
import { prefsRoutes } from './routes/prefs.js';
import { wizardRoutes } from './routes/wizard.js';
import { bloatRoutes } from './routes/bloat.js';
import { typesRoutes } from './routes/types.js';
import { thirdPartyRoutes } from './routes/third-party.js';

export interface DemoOptions {
  store?: StoreMode;
  /** false: plain app; otherwise the sessionscope options (keys at least). */
  sessionscope?: false | (SessionscopeOptions & { keys: readonly string[] | string });
  rolling?: boolean;
  secret?: string;
  genid?: () => string;
  /** Redis mode: the server (default REDIS_URL or redis://127.0.0.1:6379). */
  redisUrl?: string;
  /**
   * Origins /third-party loads probes from (default: this server under its other loopback name);
   * a function is asked on each request (tests know some origins only once the server listens).
   */
  elsewhere?: readonly string[] | (() => readonly string[]);
  /** Extra routes mounted after the session (tests add throwing handlers etc.). */
  extend?: (app: Express) => void;
}

export type DemoApp = Express & {
  locals: { sessionStore: Store | null; mode: StoreMode; close(): Promise<void> };
};

export function createApp({
  store = 'memory',
  sessionscope: debug = false,
  rolling = false,
  secret = 'sessionscope demo secret, not for production',
  genid,
  redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  elsewhere,
  extend,
}: DemoOptions = {}): DemoApp {
  const app = express() as DemoApp;
  app.disable('x-powered-by');
  app.set('etag', false); // keeps bodies and headers comparable run to run
  const setup = sessionMiddleware({ store, secret, rolling, redisUrl, ...(genid ? { genid } : {}) });
  app.locals.sessionStore = setup.store;
  app.locals.mode = store;
  app.locals.close = setup.close;

  // Browsers ask for it on every page; answered before the session so it never shows up as a session request.
  app.get('/favicon.ico', (_req, res) => {
    res.status(204).end();
  });
  app.use(express.urlencoded({ extended: false, limit: '16kb' }));
  const payloadStore = setup.payloadStore ? { payloadStore: setup.payloadStore } : {};
  app.use(
    debug === false
      ? setup.middleware
      : sessionscope(setup.middleware, { rolling, ...payloadStore, ...debug }),
  );
  // Never touches the session: the "request that does not use it" case (nothing may be set).
  app.get('/health', (_req, res) => {
    res.type('text/plain').send('ok');
  });
  if (store === 'cookie') {
    // cookie-session options are per request: re-apply the remember-me maxAge on each one.
    app.use((req, _res, next) => {
      applyRemember(req);
      next();
    });
  }
  app.use(
    homeRoutes(store),
    authRoutes(secret),
    cartRoutes(store),
    prefsRoutes(store),
    wizardRoutes(store),
    bloatRoutes(),
    typesRoutes(store),
    thirdPartyRoutes(store, elsewhere),
  );
  extend?.(app);
  return app;
}
