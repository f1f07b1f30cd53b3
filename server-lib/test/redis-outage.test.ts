import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import express from 'express';
import session from 'express-session';
import { createClient } from 'redis';
import { generateKey, parseDebugHeader, type DeveloperKey } from '../../protocol/src/index.js';
import { startRedis, type RedisServer } from '../../test-support/redis-server.js';
import { RedisPayloadStore, sessionscope } from '../src/index.js';
import { Client, listen, payloadOf, type Reply } from './support/http.js';

/**
 * Redis (the by-reference store) goes away in the middle of a run and comes back.
 * The app's sessions live in memory here, so the app itself is unaffected: the
 * only thing that may differ from the app without Sessionscope is the debug header.
 */
let key: DeveloperKey;
let redis: RedisServer;
let client: ReturnType<typeof createClient>;
const servers: Array<{ close(): Promise<void> }> = [];

function counterGenid(): () => string {
  let n = 0;
  return () => `sid-${++n}`;
}

async function serve(debug: boolean): Promise<string> {
  const app = express();
  const middleware = session({ secret: 's', resave: false, saveUninitialized: false, genid: counterGenid() });
  app.use(
    debug
      ? sessionscope(middleware, {
          keys: [key.pairing],
          nodeEnv: 'test',
          // Generous: right after a restart Redis can take a few hundred ms to answer.
          payloadStore: new RedisPayloadStore(client, { timeoutMs: 1500 }),
          logger: () => {},
        })
      : middleware,
  );
  app.post('/grow', (req, res) => {
    const s = req.session as unknown as { notes?: string[] };
    s.notes = [...(s.notes ?? []), `note ${s.notes?.length ?? 0} `.padEnd(1500, '.')];
    res.send(`notes ${s.notes.length}`);
  });
  const server = await listen(app);
  servers.push(server);
  return server.url;
}

beforeAll(async () => {
  key = await generateKey();
  redis = await startRedis();
  client = createClient({ url: redis.url, socket: { reconnectStrategy: () => 50 } });
  client.on('error', () => {});
  await client.connect();
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  client.destroy();
  await redis.stop();
});

const same = (r: Reply) => ({ status: r.status, body: r.body, setCookie: r.setCookie });

describe('the by-reference store (Redis) goes away mid-run', () => {
  test('the app answers as without Sessionscope; the developer gets an inline ERR_STORE_UNAVAILABLE; then Redis returns and so do references', async () => {
    const [plainUrl, debugUrl] = [await serve(false), await serve(true)];
    const [a, b] = [new Client(plainUrl, key.kid), new Client(debugUrl, key.kid)];
    const both = async () => {
      const [ra, rb] = [await a.post('/grow'), await b.post('/grow')];
      expect(same(rb)).toEqual(same(ra));
      expect(ra.debugHeader).toBeNull();
      return rb;
    };

    await both();
    const up = await both(); // two notes: past the inline limit
    expect(parseDebugHeader(up.debugHeader!).kind).toBe('ref');
    expect((await payloadOf(up, debugUrl, key)).session.after).toMatchObject({ notes: expect.any(Array) });

    await redis.stop();
    const stopped = Date.now();
    while (client.isReady && Date.now() - stopped < 5_000) await new Promise((r) => setTimeout(r, 20));
    const down = await both();
    expect(down.debugHeader!.length).toBeLessThanOrEqual(3072);
    expect(parseDebugHeader(down.debugHeader!).kind).toBe('inline');
    const p = await payloadOf(down, debugUrl, key);
    expect(p.errors.map((e) => e.code)).toEqual(['ERR_STORE_UNAVAILABLE']);
    expect(p.errors[0]!.message).toContain('Redis');
    expect(p.session).toMatchObject({ before: null, after: null, change: 'modified' });
    expect(p.response.status).toBe(200);
    // A reference cannot be fetched while Redis is down: a miss like any other (the app's 404).
    const ref = parseDebugHeader(up.debugHeader!);
    expect(ref.kind).toBe('ref');
    if (ref.kind === 'ref') {
      const res = await fetch(debugUrl + ref.url, { headers: { 'x-sessionscope-kid': key.kid } });
      expect([res.status, (await res.text()).includes('Cannot GET')]).toEqual([404, true]);
    }

    await redis.restart();
    const deadline = Date.now() + 10_000;
    while (!client.isReady && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await client.ping();
    const back = await both();
    expect(parseDebugHeader(back.debugHeader!).kind).toBe('ref');
    const q = await payloadOf(back, debugUrl, key);
    expect(q.errors).toEqual([]);
    expect((q.session.after as { notes: unknown[] }).notes).toHaveLength(4);
  });
});
