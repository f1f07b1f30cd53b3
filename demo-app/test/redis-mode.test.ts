import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createClient } from 'redis';
import { generateKey, openPayload, parseDebugHeader, type DeveloperKey } from '../../protocol/src/index.js';
import { Client, listen, payloadOf } from '../../server-lib/test/support/http.js';
import { startRedis, type RedisServer } from '../../test-support/redis-server.js';
import { counterGenid, playInLockstep, STEPS } from './support/clicks.js';
import { createApp, type DemoApp } from '../src/app.js';

/** express-session + connect-redis on a real redis-server, by-reference payloads in the same Redis. */
let key: DeveloperKey;
const redis: RedisServer[] = [];
const apps: DemoApp[] = [];
const servers: Array<{ close(): Promise<void> }> = [];

beforeAll(async () => {
  key = await generateKey();
  redis.push(...(await Promise.all([startRedis(), startRedis(), startRedis()])));
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await Promise.all(apps.map((a) => a.locals.close()));
  await Promise.all(redis.map((r) => r.stop()));
});

async function serve(redisUrl: string, debug: boolean): Promise<string> {
  const app = createApp({
    store: 'redis',
    redisUrl,
    genid: counterGenid(),
    ...(debug ? { sessionscope: { keys: [key.pairing], nodeEnv: 'test' } } : {}),
  });
  apps.push(app);
  const server = await listen(app);
  servers.push(server);
  return server.url;
}

/** Every key with its value and TTL rounded to seconds (the two runs are a few ms apart). */
async function dump(url: string): Promise<Record<string, [string | null, number]>> {
  const client = createClient({ url });
  await client.connect();
  try {
    const out: Record<string, [string | null, number]> = {};
    for (const k of (await client.keys('sess:*')).sort())
      out[k] = [await client.get(k), Math.round((await client.pTTL(k)) / 10_000)];
    return out;
  } finally {
    client.destroy();
  }
}

describe('redis mode', () => {
  test('payload names RedisStore and reads the TTL from Redis; big payloads are served from Redis', async () => {
    const url = await serve(redis[0]!.url, true);
    const client = new Client(url, key.kid);
    const first = await payloadOf(await client.get('/'), url, key);
    expect(first.middleware).toEqual({ kind: 'express-session', store: 'RedisStore' });
    expect(first.session.change).toBe('new');
    // The TTL is read after a paired response finished and reported with the next request
    // of that session (the response never waits for Redis): unknown on the first.
    expect(first.storeTtlMs).toBeNull();
    const second = await payloadOf(await client.get('/'), url, key);
    // connect-redis: one day for a browser-session cookie.
    expect(second.storeTtlMs).toBeGreaterThan(86_000_000);
    expect(second.storeTtlMs).toBeLessThanOrEqual(86_400_000);
    let reply = await client.post('/bloat');
    for (let i = 0; i < 4; i++) reply = await client.post('/bloat');
    expect(parseDebugHeader(reply.debugHeader!).kind).toBe('ref');
    expect(((await payloadOf(reply, url, key)).session.after as { bloat: unknown[] }).bloat).toHaveLength(5);
  });

  test('two app instances on one Redis: a payload emitted by one is fetched through the other, and the session carries over', async () => {
    const [one, two] = [await serve(redis[0]!.url, true), await serve(redis[0]!.url, true)];
    expect(new URL(one).port).not.toBe(new URL(two).port);
    const client = new Client(one, key.kid);
    let reply = await client.post('/bloat');
    for (let i = 0; i < 4; i++) reply = await client.post('/bloat');
    const header = parseDebugHeader(reply.debugHeader!);
    expect(header.kind).toBe('ref');
    if (header.kind !== 'ref') return;
    // Fetched through the other instance: it never saw this request.
    const res = await fetch(two + header.url, { headers: { 'x-sessionscope-kid': key.kid } });
    expect(res.status).toBe(200);
    const fromTwo = await openPayload(await res.text(), [key]);
    expect((fromTwo.session.after as { bloat: unknown[] }).bloat).toHaveLength(5);
    // The same browser now lands on the other instance: the session (in Redis) came along.
    const onTwo = new Client(two, key.kid);
    for (const [name, value] of client.jar) onTwo.jar.set(name, value);
    const next = await payloadOf(await onTwo.get('/'), two, key);
    expect(next.session.idBefore).toBe(fromTwo.session.idAfter);
    expect((next.session.before as { bloat: unknown[] }).bloat).toHaveLength(5);
  });

  test('observe, never alter: identical replies and identical Redis contents', async () => {
    const [r1, r2] = [redis[1]!, redis[2]!];
    const [plainUrl, debugUrl] = [await serve(r1.url, false), await serve(r2.url, true)];
    const seen = await playInLockstep(new Client(plainUrl, key.kid), new Client(debugUrl, key.kid));
    expect(seen).toBe(STEPS.length);
    const [a, b] = [await dump(r1.url), await dump(r2.url)];
    expect(Object.keys(a).length).toBeGreaterThan(0);
    expect(b).toEqual(a);
  });
});
