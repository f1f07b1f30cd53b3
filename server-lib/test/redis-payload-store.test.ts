import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createClient } from 'redis';
import { startRedis, type RedisServer } from '../../test-support/redis-server.js';
import { RedisPayloadStore, StoreUnavailableError } from '../src/stores/redis-payload-store.js';

const KID_A = 'A'.repeat(22);
const KID_B = 'B'.repeat(22);
const ID = 'x'.repeat(43);

let redis: RedisServer;
let clients: ReturnType<typeof createClient>[] = [];

async function connect() {
  const client = createClient({ url: redis.url, socket: { reconnectStrategy: () => 50 } });
  client.on('error', () => {});
  await client.connect();
  clients.push(client);
  return client;
}

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.destroy()));
  await redis.stop();
});

describe('RedisPayloadStore', () => {
  test('an entry put through one client is read through another (two app instances)', async () => {
    const one = new RedisPayloadStore(await connect());
    const two = new RedisPayloadStore(await connect());
    await one.put(ID, KID_A, 'eyJ.jwe');
    expect(await two.take(ID, KID_A)).toBe('eyJ.jwe');
    // Handed out once, whichever instance served it.
    expect(await one.take(ID, KID_A)).toBeUndefined();
  });

  test('another kid gets nothing and does not use the entry up; neither does an unknown id', async () => {
    const store = new RedisPayloadStore(await connect());
    await store.put(ID, KID_A, 'secret-ciphertext');
    expect(await store.take(ID, KID_B)).toBeUndefined();
    expect(await store.take('y'.repeat(43), KID_A)).toBeUndefined();
    expect(await store.take(ID, KID_A)).toBe('secret-ciphertext');
  });

  test('entries expire with the Redis TTL', async () => {
    const store = new RedisPayloadStore(await connect(), { ttlMs: 100 });
    await store.put(ID, KID_A, 'short-lived');
    await new Promise((r) => setTimeout(r, 250));
    expect(await store.take(ID, KID_A)).toBeUndefined();
  });

  test('oversized entries are refused before reaching Redis, and refuse() says so at once', async () => {
    const store = new RedisPayloadStore(await connect(), { maxEntryBytes: 10 });
    expect(store.refuse(11)).toBeInstanceOf(RangeError);
    expect(store.refuse(10)).toBeUndefined();
    await expect(store.put(ID, KID_A, 'x'.repeat(11))).rejects.toThrow('exceeds the 10-byte bound');
  });

  test('Redis going away: calls fail fast with StoreUnavailableError; when it returns, so does the store', async () => {
    const client = await connect();
    const store = new RedisPayloadStore(client, { timeoutMs: 300 });
    await redis.stop();
    const started = Date.now();
    while (client.isReady && Date.now() - started < 5_000) await new Promise((r) => setTimeout(r, 20));
    expect(store.refuse(1)).toBeInstanceOf(StoreUnavailableError);
    await expect(store.put(ID, KID_A, 'x')).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.take(ID, KID_A)).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(Date.now() - started).toBeLessThan(5_000);
    await redis.restart();
    const deadline = Date.now() + 10_000;
    while (!client.isReady && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await store.put(ID, KID_A, 'back');
    expect(await store.take(ID, KID_A)).toBe('back');
  });

  test('a non-client is a setup error that says what to pass', () => {
    expect(() => new RedisPayloadStore({} as never)).toThrow('needs a node-redis (v4 or later) client');
  });
});
