import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import fc from 'fast-check';
import express from 'express';
import session from 'express-session';
import {
  generateKey,
  parseDebugHeader,
  REF_ID_PATTERN,
  type DeveloperKey,
} from '../../protocol/src/index.js';
import { MemoryPayloadStore, sessionscope, type SessionscopeOptions } from '../src/index.js';
import { newRefId } from '../src/payload-store.js';
import { Client, listen, payloadOf, type Reply } from './support/http.js';

/** The by-reference endpoint, from the side of someone who would like to read it. */
let key: DeveloperKey;
beforeAll(async () => {
  key = await generateKey();
});
const servers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const MARKER = 'plaintext-marker-7f3a';

interface Served {
  url: string;
  store: session.Store;
  sessionCalls: () => number;
}

async function serve(
  options: SessionscopeOptions = {},
  sessionStore: session.Store = new session.MemoryStore(),
): Promise<Served> {
  const app = express();
  const middleware = session({ secret: 's', resave: false, saveUninitialized: false, store: sessionStore });
  let calls = 0;
  const counted: express.RequestHandler = (req, res, next) => {
    calls++;
    middleware(req, res, next);
  };
  app.use(sessionscope(counted, { keys: [key.pairing], nodeEnv: 'test', logger: () => {}, ...options }));
  app.get('/small', (req, res) => {
    Object.assign(req.session, { marker: MARKER });
    res.send('ok');
  });
  app.get('/large', (req, res) => {
    Object.assign(req.session, {
      marker: MARKER,
      filler: Array.from({ length: 40 }, (_, i) => `${MARKER}-${i}-${'y'.repeat(100)}`),
    });
    res.send('ok');
  });
  const server = await listen(app);
  servers.push(server);
  return { url: server.url, store: sessionStore, sessionCalls: () => calls };
}

function refOf(reply: Reply): { ref: string; url: string } {
  const header = parseDebugHeader(reply.debugHeader!);
  if (header.kind !== 'ref') throw new Error(`expected a by-reference header, got ${reply.debugHeader}`);
  return header;
}

const fetchRef = (url: string, kid?: string) =>
  fetch(url, { headers: kid ? { 'x-sessionscope-kid': kid } : {} });

describe('by-reference ids', () => {
  test('32 random bytes as 43 base64url characters (256 bits), unique over 100 000', () => {
    const ids = new Set<string>();
    for (let i = 0; i < 100_000; i++) {
      const id = newRefId();
      expect(id).toMatch(REF_ID_PATTERN);
      ids.add(id);
    }
    expect(ids.size).toBe(100_000);
    expect(Buffer.from(newRefId(), 'base64url')).toHaveLength(32);
  });

  test('ids seen in real headers are unique and well formed', async () => {
    const { url } = await serve({ inlineLimit: 0 });
    const refs = new Set<string>();
    for (let i = 0; i < 150; i++) refs.add(refOf(await new Client(url, key.kid).get('/small')).ref);
    expect(refs.size).toBe(150);
  });

  test('random ids never hit, with the right kid, while real entries sit in the store', async () => {
    const { url } = await serve({ inlineLimit: 0 });
    for (let i = 0; i < 20; i++) await new Client(url, key.kid).get('/small');
    const id = fc.oneof(
      fc.stringMatching(REF_ID_PATTERN),
      fc.string({ maxLength: 60 }).map(encodeURIComponent),
    );
    await fc.assert(
      fc.asyncProperty(id, async (guess) => {
        const res = await fetchRef(`${url}/__sessionscope/payload/${guess}`, key.kid);
        expect([res.status, await res.text()]).toEqual([404, 'Not Found\n']);
      }),
      { numRuns: 200 },
    );
  });
});

describe('entries', () => {
  test('expire: fetchable within the TTL, 404 after (clock passed in)', async () => {
    let now = 1_000_000;
    const payloadStore = new MemoryPayloadStore({ ttlMs: 60_000, now: () => now });
    const { url } = await serve({ inlineLimit: 0, payloadStore });
    const { url: path } = refOf(await new Client(url, key.kid).get('/small'));
    now += 59_999;
    expect((await fetchRef(url + path, key.kid)).status).toBe(200);
    now += 1;
    const res = await fetchRef(url + path, key.kid);
    expect([res.status, await res.text()]).toEqual([404, 'Not Found\n']);
  });

  test('the body and every header carry ciphertext only: the session values appear nowhere in clear', async () => {
    const { url } = await serve();
    const replies = [
      await new Client(url, key.kid).get('/small'),
      await new Client(url, key.kid).get('/large'),
    ];
    expect(parseDebugHeader(replies[0]!.debugHeader!).kind).toBe('inline');
    const { url: path } = refOf(replies[1]!);
    const res = await fetchRef(url + path, key.kid);
    const seen: string[] = [await res.text()];
    for (const headers of [...replies.map((r) => r.headers), res.headers])
      headers.forEach((value, name) => seen.push(`${name}: ${value}`));
    for (const needle of [
      MARKER,
      Buffer.from(MARKER).toString('base64'),
      Buffer.from(MARKER).toString('base64url'),
    ])
      expect(seen.join('\n')).not.toContain(needle);
    // Control: the marker is really in the payloads (so the check above could fail).
    expect(JSON.stringify(await payloadOf(replies[1]!, url, key))).toContain(MARKER);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
  });

  test('fetching never loads, saves or touches the session, and never runs the session middleware', async () => {
    const { url, store, sessionCalls } = await serve({ inlineLimit: 0 });
    const client = new Client(url, key.kid);
    const { url: path } = refOf(await client.get('/small'));
    expect(client.jar.size).toBe(1); // a real session cookie, sent with every fetch below
    const spies = (['get', 'set', 'touch', 'destroy', 'regenerate', 'load'] as const)
      .filter((m) => typeof (store as unknown as Record<string, unknown>)[m] === 'function')
      .map((m) => vi.spyOn(store as unknown as Record<string, () => void>, m));
    const before = sessionCalls();
    const headers = { cookie: client.cookieHeader };
    const replies = [
      await fetch(url + path, { headers: { ...headers, 'x-sessionscope-kid': key.kid } }),
      await fetch(url + path, { headers }),
      await fetch(`${url}/__sessionscope/payload/${newRefId()}`, {
        headers: { ...headers, 'x-sessionscope-kid': key.kid },
      }),
      await fetch(url + path, { method: 'OPTIONS', headers }),
      await fetch(url + path, { method: 'POST', headers }),
    ];
    expect(replies.map((r) => r.status)).toEqual([200, 404, 404, 204, 404]);
    for (const r of replies) expect(r.headers.getSetCookie()).toEqual([]);
    expect(sessionCalls()).toBe(before);
    for (const spy of spies) expect(spy, spy.getMockName()).not.toHaveBeenCalled();
    expect(spies.length).toBeGreaterThanOrEqual(3);
  });
});
