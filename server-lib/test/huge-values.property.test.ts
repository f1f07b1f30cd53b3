/**
 * Issue 13 at the server: a session nested 1…100,000 deep or 1…1,000,000 wide, in a real
 * express-session app, never costs the developer the payload (before: `ERR_INTERNAL: Maximum call
 * stack size exceeded` at ~2,000 levels with raised limits and the whole session dropped).
 */
import express from 'express';
import session from 'express-session';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateKey, jsonText, type DeveloperKey, type TypedValue } from '../../protocol/src/index.js';
import { MemoryPayloadStore, sessionscope } from '../src/index.js';
import { Client, listen, payloadOf } from './support/http.js';
import { chain, depthOf } from '../../test-support/deep-values.js';

let key: DeveloperKey;
let server: { url: string; close(): Promise<void> };

/** A value the store can write (it sees toJSON) while the session object really holds it. */
function held(value: unknown): object {
  return { toJSON: () => '(held for this request only)', value };
}

beforeAll(async () => {
  key = await generateKey();
  const app = express();
  const store = new MemoryPayloadStore({ maxBytes: 256 * 1024 * 1024, maxEntryBytes: 128 * 1024 * 1024 });
  const middleware = session({ secret: 's', resave: false, saveUninitialized: false });
  app.use(
    sessionscope(middleware, {
      keys: [key.pairing],
      nodeEnv: 'test',
      logger: () => {},
      payloadStore: store,
      limits: { maxDepth: 200_000, maxItems: 2_000_000, maxString: 20_000_000 },
    }),
  );
  app.get('/deep/:n', (req, res) => {
    (req.session as unknown as Record<string, unknown>).deep = held(
      chain(Number(req.params.n), 'bottom') as object,
    );
    res.send('ok');
  });
  app.get('/wide/:n', (req, res) => {
    (req.session as unknown as Record<string, unknown>).wide = new Array<number>(Number(req.params.n)).fill(
      1,
    );
    res.send('ok');
  });
  server = await listen(app);
});

afterAll(async () => {
  await server.close();
});

describe('huge sessions through a real express-session app (issue 13)', () => {
  test('depth 1…100,000 with maxDepth raised: the payload carries every level', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constantFrom(1, 2_000, 100_000), fc.integer({ min: 1, max: 100_000 })),
        async (depth) => {
          const client = new Client(server.url, key.kid);
          const reply = await client.get(`/deep/${depth}`);
          expect(reply.status).toBe(200);
          const payload = await payloadOf(reply, server.url, key);
          expect(payload.errors).toEqual([]);
          const after = payload.session.after as { deep: { value: TypedValue } };
          expect(depthOf(after.deep.value)).toBe(depth);
          expect(jsonText(after.deep.value).length).toBe(depth * 6 + 8);
        },
      ),
      { numRuns: 5 },
    );
  }, 120_000);

  test('width 1…1,000,000 with maxItems raised: every item arrives', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constantFrom(1, 1_000_000), fc.integer({ min: 1, max: 1_000_000 })),
        async (width) => {
          const client = new Client(server.url, key.kid);
          const payload = await payloadOf(await client.get(`/wide/${width}`), server.url, key);
          expect(payload.errors).toEqual([]);
          expect((payload.session.after as { wide: unknown[] }).wide.length).toBe(width);
        },
      ),
      { numRuns: 4 },
    );
  }, 120_000);
});
