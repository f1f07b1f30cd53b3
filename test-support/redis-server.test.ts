import { afterAll, expect, test } from 'vitest';
import { createClient } from 'redis';
import { startRedis, type RedisServer } from './redis-server.js';

let redis: RedisServer | undefined;
afterAll(async () => redis?.stop());

test('starts a real redis-server, which stops and comes back empty', async () => {
  redis = await startRedis();
  const client = createClient({ url: redis.url });
  await client.connect();
  await client.set('k', 'v');
  expect(await client.get('k')).toBe('v');
  await client.destroy();
  await redis.restart();
  const again = createClient({ url: redis.url });
  await again.connect();
  expect(await again.get('k')).toBeNull();
  await again.destroy();
});
