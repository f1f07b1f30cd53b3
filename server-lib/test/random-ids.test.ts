import { describe, expect, test } from 'vitest';
import { randomBytesNow, randomId } from '../src/random-ids.js';

describe('pooled CSPRNG bytes (ids and JWE IVs)', () => {
  test('each IV owns its memory: not a view of the pool that later ids or IVs overwrite or wipe', () => {
    const ivs = Array.from({ length: 1000 }, () => randomBytesNow(12));
    const copies = ivs.map((iv) => Buffer.from(iv).toString('hex'));
    for (let i = 0; i < 2000; i++) randomId(32); // refills and wipes the pool many times over
    for (const [i, iv] of ivs.entries()) {
      expect(iv.buffer.byteLength).toBe(12);
      expect(iv.toString('hex')).toBe(copies[i]);
    }
  });

  test('ids and IVs interleaved across pool refills: no byte sequence handed out twice, none all zero', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      const iv = randomBytesNow(12).toString('hex');
      const id = Buffer.from(randomId(16), 'base64url').toString('hex');
      for (const v of [iv, id]) {
        expect(/^0+$/.test(v)).toBe(false);
        expect(seen.has(v)).toBe(false);
        seen.add(v);
      }
    }
    // Larger than the pool: straight from the CSPRNG.
    expect(randomBytesNow(5000)).toHaveLength(5000);
  });
});
