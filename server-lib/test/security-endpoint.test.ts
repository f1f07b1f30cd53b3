import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import fc from 'fast-check';
import express from 'express';
import session from 'express-session';
import {
  generateKey,
  openPayload,
  parseDebugHeader,
  REF_ID_PATTERN,
  type DeveloperKey,
} from '../../protocol/src/index.js';
import {
  MemoryPayloadStore,
  sessionscope,
  type PayloadStore,
  type SessionscopeOptions,
} from '../src/index.js';
import { newRefId } from '../src/payload-store.js';
import { Client, listen, type Reply } from './support/http.js';

/** The by-reference endpoint, from the side of someone who would like to read it. */
let key: DeveloperKey;
/** A second configured key: a co-worker paired with the same app. */
let other: DeveloperKey;
beforeAll(async () => {
  [key, other] = await Promise.all([generateKey(), generateKey()]);
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
  options: SessionscopeOptions | false = {},
  sessionStore: session.Store = new session.MemoryStore(),
): Promise<Served> {
  const app = express();
  app.set('etag', false);
  const middleware = session({ secret: 's', resave: false, saveUninitialized: false, store: sessionStore });
  let calls = 0;
  const counted: express.RequestHandler = (req, res, next) => {
    calls++;
    middleware(req, res, next);
  };
  app.use(
    options === false
      ? counted
      : sessionscope(counted, {
          keys: [key.pairing, other.pairing],
          nodeEnv: 'test',
          logger: () => {},
          ...options,
        }),
  );
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
        expect(res.status).toBe(404);
        expect(await res.text()).not.toMatch(/^eyJ/);
      }),
      { numRuns: 200 },
    );
  });
});

/** One raw exchange as the client sees it, Date aside (it ticks). */
async function exchange(url: string, init: RequestInit = {}) {
  const res = await fetch(url, { redirect: 'manual', ...init });
  const headers: Array<[string, string]> = [];
  res.headers.forEach((value, name) => {
    if (name !== 'date') headers.push([name, value]);
  });
  return { status: res.status, headers, body: await res.text() };
}

describe('the endpoint gives nothing away (security review 11.7)', () => {
  test('every miss is one answer, the app’s own: unknown id, another key’s id, an id already fetched, an expired id, the store down, an unknown key id', async () => {
    let now = 1_000_000;
    let storeDown = false;
    const memory = new MemoryPayloadStore({ now: () => now });
    const payloadStore: PayloadStore = {
      put: (id, kid, jwe) => memory.put(id, kid, jwe),
      take: (id, kid) => (storeDown ? Promise.reject(new Error('redis down')) : memory.take(id, kid)),
    };
    const { url } = await serve({ inlineLimit: 0, payloadStore });
    const { url: plainUrl } = await serve(false);
    const refs = await Promise.all(
      Array.from({ length: 4 }, async () => refOf(await new Client(url, key.kid).get('/small')).url),
    );
    const [fetched, foreign, expiring, downed] = refs as [string, string, string, string];
    expect((await fetchRef(url + fetched, key.kid)).status).toBe(200);
    const kid = (k: string) => ({ headers: { 'x-sessionscope-kid': k } });
    /** The miss, next to what the same app answers on that path without Sessionscope. */
    const miss = async (
      path: string,
      init: RequestInit,
      around?: (run: () => Promise<void>) => Promise<void>,
    ) => {
      let seen!: Awaited<ReturnType<typeof exchange>>;
      const run = async () => {
        seen = await exchange(url + path, init);
      };
      await (around ? around(run) : run());
      return { seen, without: await exchange(plainUrl + path, init) };
    };
    const misses = {
      'unknown id': await miss(`/__sessionscope/payload/${newRefId()}`, kid(key.kid)),
      'another key’s id': await miss(foreign, kid(other.kid)),
      'already fetched': await miss(fetched, kid(key.kid)),
      'unknown key id': await miss(foreign, kid('A'.repeat(22))),
      'no key id': await miss(foreign, {}),
      expired: await miss(expiring, kid(key.kid), async (run) => {
        now += 60_001;
        await run();
        now -= 60_001;
      }),
      'store down': await miss(downed, kid(key.kid), async (run) => {
        storeDown = true;
        await run();
        storeDown = false;
      }),
    };
    for (const [why, { seen, without }] of Object.entries(misses)) {
      expect(without.status, why).toBe(404);
      expect(seen, why).toEqual(without);
    }
    // Control: the entries untouched by the misses above are still there for their key.
    expect((await fetchRef(url + foreign, key.kid)).status).toBe(200);
    expect((await fetchRef(url + downed, key.kid)).status).toBe(200);
  });

  test('OPTIONS (a CORS preflight) and other methods on the endpoint: the app’s own answer, no CORS headers', async () => {
    const { url } = await serve({ inlineLimit: 0 });
    const { url: plainUrl } = await serve(false);
    const { url: path } = refOf(await new Client(url, key.kid).get('/small'));
    const preflight = {
      method: 'OPTIONS',
      headers: {
        origin: 'https://elsewhere.example',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'x-sessionscope-kid',
      },
    };
    // A preflight never carries the key id (browsers send no custom header in it).
    for (const init of [preflight, { method: 'POST' }, { method: 'HEAD' }]) {
      const [a, b] = [await exchange(plainUrl + path, init), await exchange(url + path, init)];
      expect(b, init.method).toEqual(a);
      expect(b.headers.map(([n]) => n).filter((n) => n.startsWith('access-control-'))).toEqual([]);
    }
    const hit = await exchange(url + path, {
      headers: { 'x-sessionscope-kid': key.kid, origin: 'https://elsewhere.example' },
    });
    expect(hit.status).toBe(200);
    expect(hit.headers.map(([n]) => n).filter((n) => n.startsWith('access-control-'))).toEqual([]);
    expect(Object.fromEntries(hit.headers)).toMatchObject({
      'cache-control': 'private, no-store',
      'content-type': 'text/plain; charset=utf-8',
      vary: 'X-Sessionscope-Kid',
    });
  });

  test('an entry is handed out once: the second fetch is a miss', async () => {
    const { url } = await serve({ inlineLimit: 0 });
    const { url: path } = refOf(await new Client(url, key.kid).get('/small'));
    const first = await fetchRef(url + path, key.kid);
    expect([first.status, (await first.text()).slice(0, 3)]).toEqual([200, 'eyJ']);
    expect((await fetchRef(url + path, key.kid)).status).toBe(404);
  });

  test('a fetch that arrives while the entry is still being written waits for it', async () => {
    const memory = new MemoryPayloadStore();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow: PayloadStore = {
      put: async (id, kid, jwe) => {
        await gate;
        await memory.put(id, kid, jwe);
      },
      take: (id, kid) => memory.take(id, kid),
    };
    const { url } = await serve({ inlineLimit: 0, payloadStore: slow });
    const reply = await new Client(url, key.kid).get('/small');
    // The response came out while the write had not even started.
    expect(reply.status).toBe(200);
    expect(memory.size).toBe(0);
    const fetching = fetchRef(url + refOf(reply).url, key.kid);
    setTimeout(release, 50);
    const res = await fetching;
    expect(res.status).toBe(200);
    expect(JSON.stringify(await openPayload(await res.text(), [key]))).toContain(MARKER);
  });
});

describe('entries', () => {
  test('expire: fetchable within the TTL, a miss after (clock passed in)', async () => {
    let now = 1_000_000;
    const payloadStore = new MemoryPayloadStore({ ttlMs: 60_000, now: () => now });
    const { url } = await serve({ inlineLimit: 0, payloadStore });
    const first = refOf(await new Client(url, key.kid).get('/small')).url;
    const second = refOf(await new Client(url, key.kid).get('/small')).url;
    now += 59_999;
    expect((await fetchRef(url + first, key.kid)).status).toBe(200);
    now += 1;
    expect((await fetchRef(url + second, key.kid)).status).toBe(404);
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
    const body = await res.text();
    const seen: string[] = [body];
    for (const headers of [...replies.map((r) => r.headers), res.headers])
      headers.forEach((value, name) => seen.push(`${name}: ${value}`));
    for (const needle of [
      MARKER,
      Buffer.from(MARKER).toString('base64'),
      Buffer.from(MARKER).toString('base64url'),
    ])
      expect(seen.join('\n')).not.toContain(needle);
    // Control: the marker is really in the payload (so the check above could fail).
    expect(JSON.stringify(await openPayload(body, [key]))).toContain(MARKER);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
  });

  test('fetching never loads, saves or touches the session, and never runs the session middleware', async () => {
    const { url, store, sessionCalls } = await serve({ inlineLimit: 0 });
    const client = new Client(url, key.kid);
    const { url: path } = refOf(await client.get('/small'));
    expect(client.jar.size).toBe(1); // a real session cookie, sent with the fetch below
    const spies = (['get', 'set', 'touch', 'destroy', 'regenerate', 'load'] as const)
      .filter((m) => typeof (store as unknown as Record<string, unknown>)[m] === 'function')
      .map((m) => vi.spyOn(store as unknown as Record<string, () => void>, m));
    const before = sessionCalls();
    const res = await fetch(url + path, {
      headers: { cookie: client.cookieHeader, 'x-sessionscope-kid': key.kid },
    });
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie()).toEqual([]);
    expect(sessionCalls()).toBe(before);
    for (const spy of spies) expect(spy, spy.getMockName()).not.toHaveBeenCalled();
    expect(spies.length).toBeGreaterThanOrEqual(3);
  });
});
