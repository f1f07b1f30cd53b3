import { request, ServerResponse } from 'node:http';
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import express, { type Express } from 'express';
import session from 'express-session';
import { generateKey, type DeveloperKey } from '../../protocol/src/index.js';
import { sessionscope, type PayloadStore, type SessionscopeOptions } from '../src/index.js';
import { Client, listen, payloadOf } from './support/http.js';

/** Responses must come out whole and unchanged whatever the route does and whatever fails on our side. */
let key: DeveloperKey;
declare module 'express-session' {
  interface SessionData {
    views: number;
  }
}

beforeAll(async () => {
  key = await generateKey();
});

const servers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

function routes(app: Express): void {
  app.get('/', (req, res) => {
    req.session.views = (req.session.views ?? 0) + 1;
    res.send(`views ${req.session.views}`);
  });
  app.get('/grow', (req, res) => {
    (req.session as unknown as Record<string, unknown>).note = 'n'.repeat(4000);
    res.send('grown');
  });
  app.get('/throws', () => {
    throw new Error('route exploded');
  });
  app.get('/weird', (req, res) => {
    // JSON (what the store writes) sees only toJSON; the panel walks the real object.
    const weird: Record<string, unknown> = { big: 12n, toJSON: () => 'weird' };
    weird.self = weird;
    Object.defineProperty(weird, 'boom', {
      enumerable: true,
      get: () => {
        throw new Error('getter exploded');
      },
    });
    (req.session as unknown as Record<string, unknown>).weird = weird;
    res.send('weird ok');
  });
  app.get('/stream', (req, res) => {
    req.session.views = 1;
    res.write('one,');
    setTimeout(() => {
      res.write('two,');
      res.end('three');
    }, 5);
  });
  app.get('/explicit', (req, res) => {
    req.session.views = 7;
    res.writeHead(201, { 'x-app': 'kept' });
    res.end('created');
  });
  app.get('/empty', (_req, res) => {
    res.status(204).end();
  });
  app.get('/not-modified', (req, res) => {
    req.session.views = 3;
    res.status(304).end();
  });
  app.get('/big', (_req, res) => {
    res.type('text/plain').send('x'.repeat(1_000_000));
  });
}

async function serve(debug: false | SessionscopeOptions): Promise<string> {
  const app = express();
  const middleware = session({ secret: 's', resave: false, saveUninitialized: false });
  app.use(
    debug === false
      ? middleware
      : sessionscope(middleware, { keys: [key.pairing], nodeEnv: 'test', ...debug }),
  );
  routes(app);
  // A quiet error page without a stack trace (the stack would name our frames, not the app's).
  app.use((_err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    res.status(500).send('route failed');
  });
  const server = await listen(app);
  servers.push(server);
  return server.url;
}

describe('responses survive', () => {
  test('without a kid the response object is not touched; with one only writeHead is ours, never write or end', async () => {
    const seen: string[] = [];
    const probe = (_req: unknown, res: ServerResponse, next: () => void) => {
      const own = (m: 'writeHead' | 'write' | 'end') => res[m] === ServerResponse.prototype[m];
      seen.push(`writeHead ${own('writeHead')}, write ${own('write')}, end ${own('end')}`);
      next();
    };
    const app = express();
    app.use(sessionscope(probe, { keys: [key.pairing], nodeEnv: 'test', logger: () => {} }));
    app.get('/', (_req, res) => {
      res.send('ok');
    });
    const server = await listen(app);
    servers.push(server);
    await new Client(server.url).get('/');
    await new Client(server.url, key.kid).get('/');
    expect(seen).toEqual(['writeHead true, write true, end true', 'writeHead false, write true, end true']);
  });

  test.each(['/throws', '/weird', '/stream', '/explicit', '/empty', '/not-modified', '/big'])(
    '%s: same status, headers that matter and body as without Sessionscope',
    async (path) => {
      const [plainUrl, debugUrl] = await Promise.all([serve(false), serve({})]);
      const [a, b] = [
        await new Client(plainUrl, key.kid).get(path),
        await new Client(debugUrl, key.kid).get(path),
      ];
      expect({
        status: b.status,
        body: b.body,
        app: b.headers.get('x-app'),
        type: b.headers.get('content-type'),
      }).toEqual({
        status: a.status,
        body: a.body,
        app: a.headers.get('x-app'),
        type: a.headers.get('content-type'),
      });
      expect(b.setCookie.map((c) => c.replace(/=s%3A[^;]+/, '=…'))).toEqual(
        a.setCookie.map((c) => c.replace(/=s%3A[^;]+/, '=…')),
      );
      expect(b.debugHeader).not.toBeNull();
      const p = await payloadOf(b, debugUrl, key);
      expect(p.response.status).toBe(a.status);
      expect(p.errors).toEqual([]);
    },
  );

  test('a HEAD request keeps its empty body and gets a header', async () => {
    const url = await serve({});
    const res = await fetch(`${url}/`, { method: 'HEAD', headers: { 'x-sessionscope-kid': key.kid } });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    expect(res.headers.get('x-sessionscope')).toMatch(/^v=1; /);
  });

  test('cycles, BigInt and throwing getters arrive typed instead of crashing', async () => {
    const url = await serve({});
    const reply = await new Client(url, key.kid).get('/weird');
    const weird = ((await payloadOf(reply, url, key)).session.after as Record<string, unknown>).weird;
    expect(weird).toMatchObject({
      big: { $ss: 'bigint', value: '12' },
      self: { $ss: 'cycle', path: '$.weird' },
      boom: { $ss: 'error', message: 'getter exploded' },
    });
  });
});

describe('our own failures never reach the app', () => {
  test('a payload store whose write fails later: response unchanged, and the reference answers with a payload that says so', async () => {
    const logger = vi.fn();
    const failing: PayloadStore = {
      put: () => Promise.reject(new Error('store down')),
      take: async () => undefined,
    };
    const url = await serve({ payloadStore: failing, logger });
    const reply = await new Client(url, key.kid).get('/grow');
    expect([reply.status, reply.body]).toEqual([200, 'grown']);
    expect(reply.setCookie).toHaveLength(1);
    expect(reply.debugHeader).toMatch(/^v=1; ref=/);
    const p = await payloadOf(reply, url, key);
    expect(p.errors).toEqual([
      { code: 'ERR_STORE_UNAVAILABLE', message: expect.stringContaining('store down') },
    ]);
    expect(p.session).toMatchObject({ before: null, after: null, change: 'new' });
    expect(logger).toHaveBeenCalledWith(expect.stringContaining('store down'));
  });

  test('a store that says at once it is down: an inline payload that says so, no reference', async () => {
    const logger = vi.fn();
    const down: PayloadStore = {
      refuse: () => new Error('not connected'),
      put: () => Promise.reject(new Error('unreachable')),
      take: async () => undefined,
    };
    const url = await serve({ payloadStore: down, logger });
    const reply = await new Client(url, key.kid).get('/grow');
    expect([reply.status, reply.body]).toEqual([200, 'grown']);
    expect(reply.debugHeader).toMatch(/^v=1; jwe=/);
    expect(reply.debugHeader!.length).toBeLessThanOrEqual(3072);
    const p = await payloadOf(reply, url, key);
    expect(p.errors).toEqual([
      { code: 'ERR_STORE_UNAVAILABLE', message: expect.stringContaining('not connected') },
    ]);
  });

  test('a store that refuses with an inline limit too small even for the error: no header, response unchanged', async () => {
    const logger = vi.fn();
    const down: PayloadStore = {
      refuse: () => new Error('not connected'),
      put: () => Promise.reject(new Error('unreachable')),
      take: async () => undefined,
    };
    const url = await serve({ inlineLimit: 0, payloadStore: down, logger });
    const reply = await new Client(url, key.kid).get('/');
    expect([reply.status, reply.body, reply.debugHeader]).toEqual([200, 'views 1', null]);
    expect(logger).toHaveBeenCalledWith(
      expect.stringContaining('even the error payload exceeds inlineLimit'),
    );
  });

  test('a store that never answers: the response does not wait for it; the reference is a miss after the bounded wait', async () => {
    const logger = vi.fn();
    const stuck: PayloadStore = { put: () => new Promise(() => {}), take: async () => undefined };
    const url = await serve({ inlineLimit: 0, payloadStore: stuck, logger });
    const reply = await new Client(url, key.kid).get('/stream');
    expect([reply.status, reply.body]).toEqual([200, 'one,two,three']);
    const header = reply.debugHeader!;
    expect(header).toMatch(/^v=1; ref=/);
    const res = await fetch(url + header.split('url=')[1], { headers: { 'x-sessionscope-kid': key.kid } });
    expect(res.status).toBe(404);
  });

  test('a payload store that fails on read: the fetch is a miss like any other (the app answers), one log line', async () => {
    const logger = vi.fn();
    const broken: PayloadStore = { put: async () => {}, take: () => Promise.reject(new Error('redis down')) };
    const url = await serve({ payloadStore: broken, logger });
    const res = await fetch(`${url}/__sessionscope/payload/${'A'.repeat(43)}`, {
      headers: { 'x-sessionscope-kid': key.kid },
    });
    expect([res.status, res.headers.get('set-cookie')]).toEqual([404, null]);
    expect(await res.text()).toContain('Cannot GET /__sessionscope/payload/');
    expect(logger).toHaveBeenCalledWith(expect.stringContaining('redis down'));
  });

  test('an observation that throws becomes an errors entry in the payload, and the response is untouched', async () => {
    // A session middleware look-alike whose session.cookie getter throws, read in both snapshots.
    const hostile = (req: express.Request, _res: express.Response, next: express.NextFunction) => {
      const r = req as unknown as Record<string, unknown>;
      r.sessionStore = {};
      r.sessionID = 'x';
      r.session = Object.defineProperty({ a: 1 }, 'cookie', {
        enumerable: true,
        get() {
          throw new Error('cookie getter exploded');
        },
      });
      next();
    };
    const app = express();
    app.use(sessionscope(hostile, { keys: [key.pairing], nodeEnv: 'test' }));
    app.get('/', (_req, res) => {
      res.send('fine');
    });
    const server = await listen(app);
    servers.push(server);
    const reply = await new Client(server.url, key.kid).get('/');
    expect([reply.status, reply.body]).toEqual([200, 'fine']);
    const p = await payloadOf(reply, server.url, key);
    expect(p.errors).toEqual([
      { code: 'ERR_INTERNAL', message: 'cookie getter exploded' },
      { code: 'ERR_INTERNAL', message: 'cookie getter exploded' },
    ]);
    expect(p.session.change).toBe('none');
  });

  test('by-reference urls point at where sessionscope is mounted, not at the router that answered', async () => {
    const app = express();
    const admin = express.Router();
    admin.get('/report', (req, res) => {
      req.session.views = 1;
      res.send('report');
    });
    const middleware = session({ secret: 's', resave: false, saveUninitialized: false });
    app.use('/app', sessionscope(middleware, { keys: [key.pairing], nodeEnv: 'test', inlineLimit: 0 }));
    app.use('/app/admin', admin);
    const server = await listen(app);
    servers.push(server);
    const reply = await new Client(server.url, key.kid).get('/app/admin/report');
    expect(reply.body).toBe('report');
    expect(reply.debugHeader).toMatch(/; url=\/app\/__sessionscope\/payload\/[A-Za-z0-9_-]{43}$/);
    expect((await payloadOf(reply, server.url, key)).session.after).toEqual({ views: 1 });
  });

  test('a client that goes away mid-response: no crash, the server keeps serving', async () => {
    const url = await serve({ inlineLimit: 0 });
    await new Promise<void>((resolve) => {
      const req = request(`${url}/stream`, { headers: { 'x-sessionscope-kid': key.kid } });
      req.on('response', () => {
        req.destroy();
        resolve();
      });
      req.on('error', () => resolve());
      req.end();
    });
    await new Promise((r) => setTimeout(r, 50)); // the route writes its tail into a closed socket
    const reply = await new Client(url, key.kid).get('/');
    expect([reply.status, reply.body]).toEqual([200, 'views 1']);
  });
});
