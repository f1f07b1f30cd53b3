/**
 * connect-redis keeps each session under `prefix + id` with a Redis TTL.
 * PTTL reads it without side effects (unlike store.touch), but it is async, so
 * it runs while the payload is being sealed, bounded by a short timeout.
 */
interface RedisLikeStore {
  prefix: string;
  client: { pTTL(key: string): Promise<number> };
}

function isRedisStore(store: unknown): store is RedisLikeStore {
  if (typeof store !== 'object' || store === null) return false;
  const s = store as Partial<RedisLikeStore>;
  return typeof s.prefix === 'string' && typeof s.client?.pTTL === 'function';
}

/** Milliseconds left, or null when the store is not Redis, the key has no TTL or Redis is slow. */
export async function redisSessionTtl(
  store: unknown,
  id: string | null,
  timeoutMs = 250,
): Promise<number | null> {
  if (id === null || !isRedisStore(store)) return null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const slow = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), timeoutMs);
  });
  try {
    const ttl = await Promise.race([store.client.pTTL(store.prefix + id), slow]);
    // -1: no expiry, -2: no such key.
    return typeof ttl === 'number' && ttl >= 0 ? ttl : null;
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}
