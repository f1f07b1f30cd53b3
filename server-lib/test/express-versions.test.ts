import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import express5 from 'express';
import express4 from 'express4';
import session from 'express-session';
import cookieSession from 'cookie-session';
import {
  generateKey,
  parseDebugHeader,
  type DebugPayload,
  type DeveloperKey,
} from '../../protocol/src/index.js';
import { sessionscope } from '../src/index.js';
import { Client, listen, payloadOf, type Reply } from './support/http.js';

/**
 * Observe-never-alter and the payload itself, on Express 5 and on Express 4
 * (installed as `express4`), with express-session and cookie-session. Same
 * routes, same clicks; the two majors differ in how res.send/redirect/writeHead
 * are layered, which is exactly what our response hold wraps.
 */
type ExpressModule = typeof express5;
type Kind = 'express-session' | 'cookie-session';

let key: DeveloperKey;
beforeAll(async () => {
  key = await generateKey();
});

function counterGenid(): () => string {
  let n = 0;
  return () => `sid-${String(++n).padStart(4, '0')}`;
}

type AnySession = Record<string, any> & {
  regenerate?(cb: (err?: unknown) => void): void;
  destroy?(cb: (err?: unknown) => void): void;
};

function build(express: ExpressModule, kind: Kind, debug: boolean) {
  const app = express();
  app.set('etag', false);
  const store = kind === 'express-session' ? new session.MemoryStore() : null;
  const middleware =
    kind === 'express-session'
      ? session({
          secret: 's',
          resave: false,
          saveUninitialized: false,
          store: store!,
          genid: counterGenid(),
        })
      : (cookieSession({ name: 'session', keys: ['k1'] }) as express5.RequestHandler);
  app.use(express.urlencoded({ extended: false }));
  app.use(
    debug ? sessionscope(middleware, { keys: [key.pairing], nodeEnv: 'test', logger: () => {} }) : middleware,
  );
  const s = (req: express5.Request) => (req as unknown as { session: AnySession }).session;
  app.get('/health', (_req, res) => {
    res.type('text/plain').send('ok');
  });
  app.get('/', (req, res) => {
    const sess = s(req);
    sess.views = (sess.views ?? 0) + 1;
    const flash = sess.flash;
    delete sess.flash;
    res.send(`<p>views ${sess.views}</p><p>${flash ?? ''}</p>`);
  });
  app.post('/login', (req, res, next) => {
    const done = (err?: unknown) => {
      if (err) return next(err);
      Object.assign(s(req), { user: String(req.body.user), flash: 'Welcome' });
      res.redirect(303, '/');
    };
    const sess = s(req);
    if (typeof sess.regenerate === 'function') sess.regenerate(done);
    else done();
  });
  app.post('/logout', (req, res, next) => {
    const sess = s(req);
    if (typeof sess.destroy === 'function') sess.destroy((err) => (err ? next(err) : res.redirect(303, '/')));
    else {
      (req as unknown as { session: null }).session = null;
      res.redirect(303, '/');
    }
  });
  app.post('/grow', (req, res) => {
    const sess = s(req);
    sess.notes = [...(sess.notes ?? []), 'n'.repeat(kind === 'cookie-session' ? 400 : 1500)];
    res.json({ notes: sess.notes.length });
  });
  app.get('/stream', (req, res) => {
    s(req).streamed = true;
    res.write('one,');
    setTimeout(() => res.end('two'), 2);
  });
  app.get('/explicit', (req, res) => {
    s(req).explicit = 1;
    res.writeHead(201, { 'x-app': 'kept' });
    res.end('created');
  });
  return { app, store };
}

const STEPS: Array<[method: 'get' | 'post', path: string, form?: Record<string, string>]> = [
  ['get', '/health'],
  ['get', '/'],
  ['get', '/'],
  ['post', '/login', { user: 'ann' }],
  ['get', '/'],
  ['post', '/grow'],
  ['post', '/grow'],
  ['post', '/grow'],
  ['get', '/stream'],
  ['get', '/explicit'],
  ['get', '/health'],
  ['post', '/logout'],
  ['get', '/'],
];

const comparable = (r: Reply) => ({
  status: r.status,
  setCookie: r.setCookie,
  location: r.headers.get('location'),
  type: r.headers.get('content-type'),
  app: r.headers.get('x-app'),
  body: r.body,
});

test('the two majors really are 4 and 5', () => {
  const require = createRequire(import.meta.url);
  expect([require('express4/package.json').version, require('express/package.json').version]).toEqual([
    expect.stringMatching(/^4\./),
    expect.stringMatching(/^5\./),
  ]);
});

describe.each([
  ['Express 5', express5],
  ['Express 4', express4 as ExpressModule],
] as const)('%s', (_name, express) => {
  describe.each(['express-session', 'cookie-session'] as const)('%s', (kind) => {
    let plainApp: ReturnType<typeof build>;
    let debugApp: ReturnType<typeof build>;
    let plain: Awaited<ReturnType<typeof listen>>;
    let debug: Awaited<ReturnType<typeof listen>>;
    beforeAll(async () => {
      [plainApp, debugApp] = [build(express, kind, false), build(express, kind, true)];
      [plain, debug] = await Promise.all([listen(plainApp.app), listen(debugApp.app)]);
    });
    afterAll(() => Promise.all([plain.close(), debug.close()]));

    test('observe, never alter: same clicks, identical replies and store contents; every payload opens', async () => {
      const [a, b] = [new Client(plain.url, key.kid), new Client(debug.url, key.kid)];
      const payloads: DebugPayload[] = [];
      vi.useFakeTimers({ toFake: ['Date'] });
      try {
        for (const [i, [method, path, form]] of STEPS.entries()) {
          vi.setSystemTime(Date.UTC(2026, 0, 1, 12, 0, i));
          const ra = method === 'get' ? await a.get(path) : await a.post(path, form);
          const rb = method === 'get' ? await b.get(path) : await b.post(path, form);
          expect(comparable(rb), `step ${i}: ${path}`).toEqual(comparable(ra));
          expect(ra.debugHeader).toBeNull();
          payloads.push(await payloadOf(rb, debug.url, key));
        }
      } finally {
        vi.useRealTimers();
      }
      const sessions = (x: { store: session.MemoryStore | null }) =>
        (x.store as unknown as { sessions?: Record<string, string> } | null)?.sessions ?? {};
      expect(sessions(debugApp)).toEqual(sessions(plainApp));
      expect(b.cookieHeader).toBe(a.cookieHeader);

      const changes = payloads.map((p) => p.session.change);
      expect(changes).toEqual([
        'none',
        'new',
        'modified',
        kind === 'express-session' ? 'regenerated' : 'modified',
        'modified',
        'modified',
        'modified',
        'modified',
        'modified',
        'modified',
        'unchanged',
        'destroyed',
        'new',
      ]);
      expect(payloads.every((p) => p.errors.length === 0)).toBe(true);
      expect(payloads[9]!.response.status).toBe(201);
      expect(payloads[4]!.session.before).toMatchObject({ user: 'ann', flash: 'Welcome' });
      expect(payloads[4]!.session.after).not.toHaveProperty('flash');
      expect(payloads[7]!.session.after).toMatchObject({ notes: expect.any(Array) });
      expect(payloads[11]!.session).toMatchObject({ after: null, before: { user: 'ann' } });
    });

    test('a large session goes by reference, fetched with the kid only', async () => {
      const client = new Client(debug.url, key.kid);
      let reply = await client.post('/grow');
      for (let i = 0; i < 7; i++) reply = await client.post('/grow');
      const header = parseDebugHeader(reply.debugHeader!);
      expect(header.kind).toBe('ref');
      const p = await payloadOf(reply, debug.url, key);
      expect((p.session.after as { notes: unknown[] }).notes).toHaveLength(8);
      if (header.kind === 'ref') expect((await fetch(debug.url + header.url)).status).toBe(404);
    });
  });
});
