// cookie-session cookies made in-process by the real middleware on an ephemeral loopback port.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import cookieSession from 'cookie-session';
import express from 'express';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeCookieSession, decodeCookieSessionSignature } from './cookie-session.js';
import { decodeCookie } from './decode-cookie.js';

let server: Server;
let origin: string;

beforeAll(async () => {
  const app = express();
  app.use(cookieSession({ name: 'session', keys: ['fixture-key'] }));
  app.use('/unsigned', cookieSession({ name: 'plain', signed: false }));
  const setFromBody = (req: express.Request, res: express.Response) => {
    // (typed loosely: @types/express-session also augments req.session)
    (req as unknown as { session: unknown }).session = req.body;
    res.end();
  };
  app.post('/set', express.json({ limit: '1mb' }), setFromBody);
  app.post('/unsigned/set', express.json(), setFromBody);
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

/** POSTs a session and returns the cookies the middleware set, as name/value pairs. */
async function cookiesFor(session: unknown, path = '/set'): Promise<Array<{ name: string; value: string }>> {
  const response = await fetch(origin + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(session),
  });
  expect(response.status).toBe(200);
  return response.headers.getSetCookie().map((line) => {
    const pair = line.split(';', 1)[0]!;
    const at = pair.indexOf('=');
    return { name: pair.slice(0, at), value: pair.slice(at + 1) };
  });
}

/**
 * cookie-session's own decode (index.js): Buffer base64 + JSON.parse. Sessions here have no '$ss'
 * key, so plain JSON is also the panel's vocabulary. (Not encodeTyped: it assigns keys, so an own
 * `__proto__` key, which fast-check likes to generate, would be lost there.)
 */
function referenceDecode(value: string): unknown {
  return JSON.parse(Buffer.from(value, 'base64').toString('utf8'));
}

const sessionArbitrary = (options: { maxKeys?: number; maxDepth?: number } = {}) =>
  fc
    .dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: options.maxDepth ?? 3 }), {
      maxKeys: options.maxKeys ?? 6,
    })
    .filter((session) => !JSON.stringify(session).includes('"$ss"'));

describe('cookie-session cookies set by the real middleware', () => {
  it('decode to the session, with the .sig companion paired by name', async () => {
    const cookies = await cookiesFor({
      user: { id: 7, name: 'Ada' },
      cart: [1, 2],
      admin: false,
      note: 'é✓',
    });
    expect(cookies.map((c) => c.name)).toEqual(['session', 'session.sig']);
    const [session, sig] = cookies as [{ name: string; value: string }, { name: string; value: string }];

    const result = decodeCookieSession(session.name, session.value, { allCookies: cookies });
    expect(result).toMatchObject({
      ok: true,
      format: 'cookie-session',
      data: { user: { id: 7, name: 'Ada' }, cart: [1, 2], admin: false, note: 'é✓' },
      companion: { cookieName: 'session.sig', present: true },
      signature: { present: true, verified: false, algorithm: 'HMAC-SHA1' },
      warnings: [],
    });

    expect(decodeCookie(sig.name, sig.value, { now: 0, allCookies: cookies })).toMatchObject({
      ok: true,
      format: 'cookie-session-signature',
      companion: { cookieName: 'session', present: true },
      signature: { present: true, verified: false, algorithm: 'HMAC-SHA1' },
    });
    expect(decodeCookie(session.name, session.value, { now: 0, allCookies: cookies })).toMatchObject({
      format: 'cookie-session',
    });
  });

  it('says when the .sig cookie is missing, and when it is not known', async () => {
    const [plain] = await cookiesFor({ theme: 'dark' }, '/unsigned/set');
    expect(plain?.name).toBe('plain');
    const missing = decodeCookieSession('plain', plain!.value, { allCookies: [plain!] });
    expect(missing).toMatchObject({ ok: true, companion: { cookieName: 'plain.sig', present: false } });
    expect(missing.ok && missing.signature.present).toBe(false);
    expect(missing.ok && missing.warnings.map((w) => w.code)).toEqual(['WARN_SIGNATURE_COOKIE_MISSING']);
    const unknown = decodeCookieSession('plain', plain!.value);
    expect(unknown).toMatchObject({ ok: true, companion: { present: null }, warnings: [] });
  });

  it('round-trips whatever the middleware encodes (property, real middleware)', async () => {
    const sessions = fc.sample(sessionArbitrary(), { numRuns: 40, seed: 424242 });
    for (const session of sessions) {
      const cookies = await cookiesFor(session);
      const cookie = cookies.find((c) => c.name === 'session');
      if (!cookie) continue; // an empty session is not written
      const result = decodeCookieSession(cookie.name, cookie.value, { allCookies: cookies });
      expect(result.ok ? result.data : result).toEqual(referenceDecode(cookie.value));
    }
  });

  it("round-trips cookie-session's encode() (property, its exact function)", () => {
    // cookie-session/index.js does not export encode(); this is its body, checked against the real
    // middleware by the test above.
    const encode = (body: unknown) => Buffer.from(JSON.stringify(body)).toString('base64');
    fc.assert(
      fc.property(sessionArbitrary({ maxKeys: 10, maxDepth: 5 }), (session) => {
        const value = encode(session);
        const result = decodeCookieSession('session', value);
        expect(result.ok ? result.data : result).toEqual(JSON.parse(JSON.stringify(session)));
      }),
      { numRuns: 300 },
    );
  });
});

describe('decodeCookieSession: failures', () => {
  it.each([
    ['not base64', 'a b', 'ERR_COOKIE_SHAPE', /not base64/],
    ['base64 of non-JSON', Buffer.from('hello').toString('base64'), 'ERR_JSON', /cookie-session value: /],
    ['base64 of a JSON list', Buffer.from('[1]').toString('base64'), 'ERR_NOT_AN_OBJECT', /not an object/],
    [
      'NaN, which JSON.parse refuses too',
      Buffer.from('{"a":NaN}').toString('base64'),
      'ERR_JSON',
      /position 5/,
    ],
  ])('%s', (_, value, code, message) => {
    const result = decodeCookieSession('session', value);
    expect(result).toMatchObject({ ok: false, code });
    expect(!result.ok && result.message).toMatch(message);
  });

  it('refuses a .sig cookie that holds no HMAC', () => {
    expect(decodeCookieSessionSignature('session.sig', 'short')).toMatchObject({
      ok: false,
      code: 'ERR_COOKIE_SHAPE',
    });
    expect(decodeCookieSessionSignature('.sig', 'a'.repeat(27))).toMatchObject({
      ok: false,
      code: 'ERR_COOKIE_SHAPE',
    });
  });
});
