import { request } from 'node:http';
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
    res.send(`views ${req.session.views} via ${res.write.name}`);
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
  test('without a kid the session middleware runs alone: our hooks are not even installed', async () => {
    const url = await serve({});
    expect((await new Client(url).get('/')).body).toBe('views 1 via write');
    expect((await new Client(url, key.kid).get('/')).body).toBe('views 1 via sessionscopeWrite');
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
  test('a payload store that throws: response unchanged, an inline payload that says so, one log line', async () => {
    const logger = vi.fn();
    const failing: PayloadStore = {
      put: () => Promise.reject(new Error('store down')),
      get: async () => undefined,
    };
    const url = await serve({ payloadStore: failing, logger });
    const reply = await new Client(url, key.kid).get('/grow');
    expect([reply.status, reply.body]).toEqual([200, 'grown']);
    expect(reply.setCookie).toHaveLength(1);
    expect(reply.debugHeader).toMatch(/^v=1; jwe=/);
    expect(reply.debugHeader!.length).toBeLessThanOrEqual(3072);
    const p = await payloadOf(reply, url, key);
    expect(p.errors).toEqual([
      { code: 'ERR_STORE_UNAVAILABLE', message: expect.stringContaining('store down') },
    ]);
    expect(p.session).toMatchObject({ before: null, after: null, change: 'new' });
    expect(logger).toHaveBeenCalledWith(expect.stringContaining('store down'));
  });

  test('a failing store with an inline limit too small even for the error: no header, response unchanged', async () => {
    const logger = vi.fn();
    const failing: PayloadStore = {
      put: () => Promise.reject(new Error('store down')),
      get: async () => undefined,
    };
    const url = await serve({ inlineLimit: 0, payloadStore: failing, logger });
    const reply = await new Client(url, key.kid).get('/');
    expect([reply.status, reply.body, reply.debugHeader]).toEqual([
      200,
      'views 1 via sessionscopeWrite',
      null,
    ]);
    expect(logger).toHaveBeenCalledWith(
      expect.stringContaining('even the error payload exceeds inlineLimit'),
    );
  });

  test('a store that never answers: released without the header after timeoutMs', async () => {
    const logger = vi.fn();
    const stuck: PayloadStore = { put: () => new Promise(() => {}), get: async () => undefined };
    const url = await serve({ inlineLimit: 0, payloadStore: stuck, logger, timeoutMs: 100 });
    const started = Date.now();
    const reply = await new Client(url, key.kid).get('/stream');
    expect(Date.now() - started).toBeLessThan(1500);
    expect([reply.status, reply.body, reply.debugHeader]).toEqual([200, 'one,two,three', null]);
    expect(logger).toHaveBeenCalledWith(expect.stringContaining('no debug payload after 100 ms'));
  });

  test('a payload store that fails on read: the endpoint answers 503 itself, the app never sees it', async () => {
    const broken: PayloadStore = { put: async () => {}, get: () => Promise.reject(new Error('redis down')) };
    const url = await serve({ payloadStore: broken });
    const res = await fetch(`${url}/__sessionscope/payload/${'A'.repeat(43)}`, {
      headers: { 'x-sessionscope-kid': key.kid },
    });
    expect([res.status, await res.text(), res.headers.get('set-cookie')]).toEqual([
      503,
      'Payload store unavailable\n',
      null,
    ]);
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

  test('a client that goes away while the response is held: no crash, the server keeps serving', async () => {
    const logger = vi.fn();
    const slow: PayloadStore = {
      put: () => new Promise((r) => setTimeout(r, 100)),
      get: async () => undefined,
    };
    const url = await serve({ inlineLimit: 0, payloadStore: slow, logger });
    await new Promise<void>((resolve) => {
      const req = request(`${url}/stream`, { headers: { 'x-sessionscope-kid': key.kid } });
      req.on('error', () => resolve());
      req.end();
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 30);
    });
    await new Promise((r) => setTimeout(r, 200)); // the held response is released into a closed socket
    const reply = await new Client(url, key.kid).get('/');
    expect([reply.status, reply.body]).toEqual([200, 'views 1 via sessionscopeWrite']);
  });
});
