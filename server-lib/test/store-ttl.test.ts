import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import express from 'express';
import session from 'express-session';
import { createClient } from 'redis';
import { generateKey, type DeveloperKey } from '../../protocol/src/index.js';
import { startRedis, type RedisServer } from '../../test-support/redis-server.js';
import { sessionscope, type SessionscopeOptions } from '../src/index.js';
import { Client, listen, payloadOf } from './support/http.js';

/**
 * The store TTL with every common Redis client and connect-redis 6–9, on a real
 * redis-server (older majors installed as npm aliases: connect-redis6/7/8, redis3/4).
 * The TTL is read after a paired response finished and reported on the next paired
 * request of the session; the figure is checked against PTTL read by the test itself.
 */
const require = createRequire(import.meta.url);
type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const STORE_TTL_S = 3600;
let key: DeveloperKey;
let redis: RedisServer;
let probe: ReturnType<typeof createClient>;
const cleanups: Array<() => Promise<unknown> | unknown> = [];

beforeAll(async () => {
  key = await generateKey();
  redis = await startRedis();
  probe = createClient({ url: redis.url });
  await probe.connect();
});
afterAll(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
  probe.destroy();
  await redis.stop();
});

interface Case {
  name: string;
  prefix: string;
  makeStore(): Promise<{ store: session.Store; client: unknown }>;
  /** connect-redis 7 and 8 hide their client: the app hands it to us. */
  passClient?: boolean;
}

async function nodeRedis(major: 3 | 4 | 5, options: { legacyMode?: boolean } = {}): Promise<Any> {
  if (major === 3) {
    const client = require('redis3').createClient({ url: redis.url });
    await new Promise((resolve) => client.once('ready', resolve));
    cleanups.push(() => client.quit());
    return client;
  }
  const { createClient: make } = major === 4 ? require('redis4') : require('redis');
  const client = make({ url: redis.url, ...options });
  await client.connect();
  cleanups.push(() => (major === 4 ? client.disconnect() : client.destroy()));
  return client;
}

async function ioredis(): Promise<Any> {
  const Redis = require('ioredis');
  const client = new Redis(redis.url);
  await new Promise((resolve) => client.once('ready', resolve));
  cleanups.push(() => client.disconnect());
  return client;
}

const v6 = (client: unknown, prefix: string) =>
  new (require('connect-redis6')(session))({ client, prefix, ttl: STORE_TTL_S });
const v7 = (client: unknown, prefix: string) =>
  new (require('connect-redis7').default)({ client, prefix, ttl: STORE_TTL_S });
const v8 = (client: unknown, prefix: string) =>
  new (require('connect-redis8').RedisStore)({ client, prefix, ttl: STORE_TTL_S });
const v9 = (client: unknown, prefix: string) =>
  new (require('connect-redis').RedisStore)({ client, prefix, ttl: STORE_TTL_S });

const CASES: Case[] = [
  {
    name: 'connect-redis 9 + node-redis 5 (pTTL)',
    prefix: 'sess:',
    makeStore: async () => withClient(await nodeRedis(5), v9, 'sess:'),
  },
  {
    name: 'connect-redis 8 + node-redis 5',
    prefix: 'c8r:',
    passClient: true,
    makeStore: async () => withClient(await nodeRedis(5), v8, 'c8r:'),
  },
  {
    name: 'connect-redis 8 + ioredis (pttl)',
    prefix: 'c8i:',
    passClient: true,
    makeStore: async () => withClient(await ioredis(), v8, 'c8i:'),
  },
  {
    name: 'connect-redis 7 + node-redis 4 (pTTL)',
    prefix: 'c7r:',
    passClient: true,
    makeStore: async () => withClient(await nodeRedis(4), v7, 'c7r:'),
  },
  {
    name: 'connect-redis 7 + ioredis',
    prefix: 'c7i:',
    passClient: true,
    makeStore: async () => withClient(await ioredis(), v7, 'c7i:'),
  },
  {
    name: 'connect-redis 6 + node-redis 3 (pttl with a callback)',
    prefix: 'c6r3:',
    makeStore: async () => withClient(await nodeRedis(3), v6, 'c6r3:'),
  },
  {
    name: 'connect-redis 6 + node-redis 4 in legacyMode',
    prefix: 'c6r4:',
    makeStore: async () => withClient(await nodeRedis(4, { legacyMode: true }), v6, 'c6r4:'),
  },
  {
    name: 'connect-redis 6 + ioredis',
    prefix: 'c6i:',
    makeStore: async () => withClient(await ioredis(), v6, 'c6i:'),
  },
];

function withClient(
  client: unknown,
  make: (client: unknown, prefix: string) => session.Store,
  prefix: string,
) {
  return { store: make(client, prefix), client };
}

async function serve(store: session.Store, options: SessionscopeOptions = {}): Promise<string> {
  const app = express();
  const middleware = session({ secret: 's', resave: false, saveUninitialized: false, store });
  app.use(sessionscope(middleware, { keys: [key.pairing], nodeEnv: 'test', logger: () => {}, ...options }));
  app.get('/', (req, res) => {
    const s = req.session as unknown as { views?: number };
    s.views = (s.views ?? 0) + 1;
    res.send(`views ${s.views}`);
  });
  const server = await listen(app);
  cleanups.push(() => server.close());
  return server.url;
}

/** The session id behind a client's connect.sid cookie (s:<id>.<signature>). */
function sidOf(client: Client): string {
  return /^s:([^.]+)\./.exec(decodeURIComponent(client.jar.get('connect.sid')!))![1]!;
}

/** Waits until the read that follows a finished response has landed (it runs in the background). */
const settle = () => new Promise((r) => setTimeout(r, 100));

describe('store TTL, read without side effects, for every common Redis client', () => {
  test.each(CASES)('$name', async ({ prefix, makeStore, passClient }) => {
    const { store, client } = await makeStore();
    const url = await serve(store, passClient ? { redisClient: client } : {});
    const browser = new Client(url, key.kid);
    const first = await payloadOf(await browser.get('/'), url, key);
    expect(first.storeTtlMs).toBeNull(); // nothing read yet for a new session
    await settle();
    const actual = await probe.pTTL(prefix + sidOf(browser));
    expect(actual).toBeGreaterThan((STORE_TTL_S - 60) * 1000);
    const second = await payloadOf(await browser.get('/'), url, key);
    expect(second.session.idBefore).toBe(sidOf(browser));
    // As read after the first response, counted down to this one: never more than Redis said.
    expect(second.storeTtlMs).not.toBeNull();
    expect(second.storeTtlMs!).toBeLessThanOrEqual(actual + 5);
    expect(second.storeTtlMs!).toBeGreaterThan(actual - 10_000);
  });

  test('connect-redis 7 and 8 without the client handed over: unknown, never a guess', async () => {
    for (const make of [v7, v8]) {
      const url = await serve(make(await ioredis(), 'hidden:'));
      const browser = new Client(url, key.kid);
      await browser.get('/');
      await settle();
      expect((await payloadOf(await browser.get('/'), url, key)).storeTtlMs).toBeNull();
    }
  });

  test('a Redis key with no TTL (connect-redis disableTTL) is unknown, not a number', async () => {
    const store = new (require('connect-redis').RedisStore)({
      client: await nodeRedis(5),
      prefix: 'forever:',
      disableTTL: true,
    });
    const url = await serve(store);
    const browser = new Client(url, key.kid);
    await browser.get('/');
    await settle();
    expect(await probe.pTTL(`forever:${sidOf(browser)}`)).toBe(-1);
    expect((await payloadOf(await browser.get('/'), url, key)).storeTtlMs).toBeNull();
  });

  test('a store that cannot tell its TTL (any other Store) answers unknown', async () => {
    class MapStore extends session.Store {
      readonly map = new Map<string, string>();
      get(sid: string, cb: (err: unknown, s?: session.SessionData | null) => void) {
        const v = this.map.get(sid);
        cb(null, v ? JSON.parse(v) : null);
      }
      set(sid: string, s: session.SessionData, cb?: (err?: unknown) => void) {
        this.map.set(sid, JSON.stringify(s));
        cb?.();
      }
      destroy(sid: string, cb?: (err?: unknown) => void) {
        this.map.delete(sid);
        cb?.();
      }
    }
    const url = await serve(new MapStore());
    const browser = new Client(url, key.kid);
    await browser.get('/');
    const second = await payloadOf(await browser.get('/'), url, key);
    expect(second.middleware.store).toBe('MapStore');
    expect(second.storeTtlMs).toBeNull();
  });
});
