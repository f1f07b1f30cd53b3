import { randomFillSync } from 'node:crypto';

/**
 * CSPRNG bytes taken from a pooled buffer refilled 4 KB at a time, as Node's
 * own randomUUID does: one OpenSSL call per ~100 requests instead of two or
 * three per request (IV, request id, reference id). The bytes are as random;
 * each slice is copied out and the offset only moves forward, so no byte is
 * handed out twice.
 */
const POOL_SIZE = 4096;
const pool = Buffer.alloc(POOL_SIZE);
let offset = POOL_SIZE;

export function randomPool(size: number): Buffer {
  if (size > POOL_SIZE) return randomFillSync(Buffer.alloc(size));
  if (offset + size > POOL_SIZE) {
    randomFillSync(pool);
    offset = 0;
  }
  const out = Buffer.from(pool.subarray(offset, offset + size));
  offset += size;
  return out;
}
