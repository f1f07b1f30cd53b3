import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import express from 'express';
import session from 'express-session';
import { generateKey, type DeveloperKey } from '../../protocol/src/index.js';
import { MemoryPayloadStore, sessionscope } from '../src/index.js';
import { listen } from './support/http.js';

/** The by-reference store under a flood of large payloads (own file: ~5 s on an idle 2-core machine). */
let key: DeveloperKey;
let server: Awaited<ReturnType<typeof listen>> | undefined;
beforeAll(async () => {
  key = await generateKey();
});
afterAll(() => server?.close());

/** A store that forgets everything: the flood measures our memory, not the app's sessions. */
class NullStore extends session.Store {
  override get(_sid: string, cb: (err: unknown, s?: session.SessionData | null) => void) {
    cb(null, null);
  }
  override set(_sid: string, _s: session.SessionData, cb?: (err?: unknown) => void) {
    cb?.();
  }
  override destroy(_sid: string, cb?: (err?: unknown) => void) {
    cb?.();
  }
}

function gc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

describe('a flood of large payloads', () => {
  test('1000 responses with 200 KB sessions: the store stays within count and bytes, the heap stays flat', async () => {
    const collect = gc();
    const payloadStore = new MemoryPayloadStore({ maxEntries: 300, maxBytes: 16 * 1024 * 1024 });
    const app = express();
    const middleware = session({
      secret: 's',
      resave: false,
      saveUninitialized: false,
      store: new NullStore(),
    });
    app.use(
      sessionscope(middleware, { keys: [key.pairing], nodeEnv: 'test', payloadStore, logger: () => {} }),
    );
    // 50 keys of 4 000 characters: under every per-value limit, so the payload really is ~200 KB.
    const big = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, `${i}`.padEnd(4000, 'z')]));
    app.get('/', (req, res) => {
      Object.assign(req.session, big);
      res.send('ok');
    });
    server = await listen(app);
    const heapAt: number[] = [];
    let largest = 0;
    for (let i = 1; i <= 1000; i++) {
      const res = await fetch(`${server!.url}/`, { headers: { 'x-sessionscope-kid': key.kid } });
      await res.arrayBuffer();
      largest = Math.max(largest, res.headers.get('x-sessionscope')!.length);
      expect(payloadStore.size).toBeLessThanOrEqual(300);
      expect(payloadStore.bytes).toBeLessThanOrEqual(16 * 1024 * 1024);
      if (i === 333 || i === 1000) {
        collect();
        heapAt.push(process.memoryUsage().heapUsed);
      }
    }
    // Each entry is ~270 KB sealed: the byte bound, not the count, is what holds here.
    expect(payloadStore.bytes).toBeGreaterThan(12 * 1024 * 1024);
    expect(payloadStore.size).toBeLessThan(300);
    expect(largest).toBeLessThan(200); // the ref form, whatever the session size
    // Unbounded, 667 more entries of ~270 KB would be ~180 MB; allow 40 MB of noise.
    expect(heapAt[1]! - heapAt[0]!).toBeLessThan(40 * 1024 * 1024);
    // A bound for a hung run, not a speed figure: 1000 sequential 200 KB requests took 29 s to
    // over 60 s on a 2-core machine shared with other suites.
  }, 240_000);
});
