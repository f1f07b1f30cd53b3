import session, { MemoryStore, type Store } from 'express-session';
import cookieSession from 'cookie-session';
import { RedisStore } from 'connect-redis';
import { createClient } from 'redis';
import { RedisPayloadStore } from '../../server-lib/src/index.js';
import type { RequestHandler } from 'express';
import type { StoreMode } from './session-access.js';

export interface SessionSetup {
  middleware: RequestHandler;
  /** The express-session store (memory and redis modes), for tests that compare store contents. */
  store: Store | null;
  /** Redis mode: by-reference payloads go to the same Redis, so several instances can serve them. */
  payloadStore?: RedisPayloadStore;
  /** Releases connections (the Redis client). */
  close(): Promise<void>;
}

export interface SessionSetupOptions {
  store: StoreMode;
  secret: string;
  rolling: boolean;
  /** Session id generator (express-session); tests inject a counter to compare runs. */
  genid?: () => string;
  /** Redis mode only. */
  redisUrl: string;
}

/** Loopback http: Secure would drop the cookie; HttpOnly and SameSite=Lax as a real app should. */
const COOKIE = { secure: false, httpOnly: true, sameSite: 'lax' as const, path: '/' };

export const ROLLING_MAX_AGE_MS = 10 * 60 * 1000;

const closed = async (): Promise<void> => {};

export function sessionMiddleware({
  store,
  secret,
  rolling,
  genid,
  redisUrl,
}: SessionSetupOptions): SessionSetup {
  if (store === 'cookie') {
    return {
      middleware: cookieSession({ name: 'session', keys: [secret], ...COOKIE }) as RequestHandler,
      store: null,
      close: closed,
    };
  }
  let sessionStore: Store;
  let setup: Omit<SessionSetup, 'middleware'>;
  if (store === 'redis') {
    // Connects in the background: node-redis queues commands until the connection is ready.
    const client = createClient({ url: redisUrl });
    client.on('error', (error: unknown) => console.warn(`[demo] redis: ${String(error)}`));
    const connecting = client
      .connect()
      .catch((error: unknown) => console.warn(`[demo] redis: ${String(error)}`));
    sessionStore = new RedisStore({ client, prefix: 'sess:' });
    setup = {
      store: sessionStore,
      payloadStore: new RedisPayloadStore(client),
      close: async () => {
        await connecting;
        if (client.isOpen) client.destroy();
      },
    };
  } else {
    sessionStore = new MemoryStore();
    setup = { store: sessionStore, close: closed };
  }
  const middleware = session({
    secret,
    store: sessionStore,
    resave: false,
    saveUninitialized: false,
    rolling,
    // Rolling sessions are idle timeouts: a 10-minute cookie renewed by every response.
    cookie: { ...COOKIE, maxAge: rolling ? ROLLING_MAX_AGE_MS : undefined },
    ...(genid ? { genid } : {}),
  }) as RequestHandler;
  return { middleware, ...setup };
}
