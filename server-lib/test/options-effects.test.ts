import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import express from 'express';
import session from 'express-session';
import cookieSession from 'cookie-session';
import { generateKey, type DeveloperKey } from '../../protocol/src/index.js';
import { sessionscope, type SessionscopeOptions } from '../src/index.js';
import { Client, listen, payloadOf } from './support/http.js';

/** What the options change in the payload, through the real middlewares. */
let key: DeveloperKey;
beforeAll(async () => {
  key = await generateKey();
});
const servers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(middleware: express.RequestHandler, options: SessionscopeOptions = {}): Promise<string> {
  const app = express();
  app.use(sessionscope(middleware, { keys: [key.pairing], nodeEnv: 'test', ...options }));
  app.get('/', (req, res) => {
    Object.assign((req as unknown as { session: object }).session, {
      note: 'x'.repeat(50),
      password: 'hunter2',
      apiKey: 'k',
    });
    res.send('ok');
  });
  const server = await listen(app);
  servers.push(server);
  return server.url;
}

const expressSession = (name?: string) =>
  session({ secret: 's', resave: false, saveUninitialized: false, ...(name ? { name } : {}) });

async function payload(url: string) {
  return payloadOf(await new Client(url, key.kid).get('/'), url, key);
}

describe('options as seen in the payload', () => {
  test('default redaction hides password and apiKey, and lists the paths', async () => {
    const p = await payload(await serve(expressSession()));
    expect(p.session.after).toEqual({
      note: 'x'.repeat(50),
      password: { $ss: 'redacted' },
      apiKey: { $ss: 'redacted' },
    });
    expect(p.redacted.sort()).toEqual(['$.apiKey', '$.password']);
  });

  test('redact: false sends everything; a custom list replaces the defaults', async () => {
    expect((await payload(await serve(expressSession(), { redact: false }))).session.after).toMatchObject({
      password: 'hunter2',
      apiKey: 'k',
    });
    const p = await payload(await serve(expressSession(), { redact: ['note'] }));
    expect(p.session.after).toMatchObject({ note: { $ss: 'redacted' }, password: 'hunter2' });
  });

  test('limits cut long values and mark the payload truncated', async () => {
    const p = await payload(await serve(expressSession(), { limits: { maxString: 10 } }));
    expect(p.truncated).toBe(true);
    expect(p.session.after).toMatchObject({ note: { $ss: 'truncated', length: 50, preview: 'xxxxxxxxxx' } });
  });

  test('a custom express-session cookie name is detected from the signed id', async () => {
    const p = await payload(await serve(expressSession('app.sid')));
    expect(p.cookie?.name).toBe('app.sid');
    const line = p.response.setCookie.find((l) => l.startsWith('app.sid='))!;
    expect(p.sizes.sessionCookie).toBe(line.split(';')[0]!.length);
  });

  test('cookie-session: the name option, signed cookie, sizes of name=value', async () => {
    const url = await serve(cookieSession({ name: 'sess', keys: ['k1'] }) as express.RequestHandler);
    const response = await new Client(url, key.kid).get('/');
    const p = await payloadOf(response, url, key);
    expect(p.middleware).toEqual({ kind: 'cookie-session', store: null });
    expect(p.cookie).toMatchObject({ name: 'sess', signed: true, httpOnly: true, path: '/' });
    expect(p.response.setCookie.map((l) => l.split('=')[0])).toEqual(['sess', 'sess.sig']);
    // The size is the cookie really sent, measured before redaction (PROTOCOL.md §4.5) ...
    const sent = response.setCookie.find((l) => l.startsWith('sess='))!;
    expect(p.sizes.sessionCookie).toBe(sent.split(';')[0]!.length);
    // ... while the payload's copy hides it: the cookie itself carries the password, readable.
    expect(p.response.setCookie[0]).toMatch(/^sess=\[redacted\]; /);
    expect(JSON.stringify(p)).not.toContain(sent.split(';')[0]!.slice(5));
    expect(p.session.change).toBe('new');
  });
});
