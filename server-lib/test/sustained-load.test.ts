import { describe, expect, test } from 'vitest';
import { soak } from '../../bench/soak.js';

/**
 * A bounded run on loopback keeps memory flat. The app runs in its own process
 * with --expose-gc (bench/soak-app.ts); heapUsed after GC is read once the
 * by-reference store is full (1 000 entries, reached before the first third) and
 * at the end. A leak of one payload per request would add ~50 MB here.
 * The longer run: `npx tsx bench/soak.ts 20000`.
 */
describe('sustained load', () => {
  test('3 600 requests with a key id and an 8 KB session: heap after GC grows < 10 MB between 1/3 and the end', async () => {
    const r = await soak(3_600, 8);
    expect([r.non2xx, r.errors]).toEqual([0, 0]);
    expect(r.heapAtEnd - r.heapAtThird).toBeLessThan(10 * 1024 * 1024);
  }, 60_000);
});
