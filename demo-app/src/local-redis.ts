import { existsSync } from 'node:fs';
import { REDIS_SERVER_BINARY, startRedis, type RedisServer } from '../../test-support/redis-server.js';

export type LocalRedis = Pick<RedisServer, 'url' | 'stop'>;

/** Redis mode without REDIS_URL: a throwaway redis-server on a free loopback port, no persistence. */
export async function localRedis(binary = REDIS_SERVER_BINARY): Promise<LocalRedis> {
  if (!existsSync(binary)) {
    throw new Error(
      `Redis mode needs redis-server (${binary}), from the Debian package "redis-server" (sudo apt-get install redis-server), or REDIS_URL pointing at a running Redis.`,
    );
  }
  return startRedis(binary);
}
