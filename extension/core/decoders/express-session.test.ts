// express-session cookies made in-process by the real middleware on an ephemeral loopback port.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createHmac } from 'node:crypto';
import express from 'express';
import session from 'express-session';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeCookie } from './decode-cookie.js';
import { decodeExpressSession } from './express-session.js';

const SECRET = 'fixture-secret';
const servers: Server[] = [];

async function start(genid?: () => string): Promise<string> {
  const app = express();
  app.use(session({ secret: SECRET, resave: false, saveUninitialized: false, ...(genid ? { genid } : {}) }));
  app.get('/login', (req, res) => {
    (req.session as unknown as { user: string }).user = 'ada';
    res.send(req.sessionID);
  });
  const server = app.listen(0, '127.0.0.1');
  servers.push(server);
  await new Promise((resolve) => server.once('listening', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

let origin: string;
let oddOrigin: string;
beforeAll(async () => {
  origin = await start();
  oddOrigin = await start(() => 'user.42:a/b+c'); // ids may hold dots and reserved characters
});
afterAll(() => Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve)))));

async function login(base: string): Promise<{ sessionId: string; name: string; value: string }> {
  const response = await fetch(`${base}/login`);
  const [line] = response.headers.getSetCookie();
  const pair = line!.split(';', 1)[0]!;
  const at = pair.indexOf('=');
  return { sessionId: await response.text(), name: pair.slice(0, at), value: pair.slice(at + 1) };
}

describe('express-session cookies set by the real middleware', () => {
  it('decode to the session id, percent-encoded as sent, data server-side', async () => {
    const { sessionId, name, value } = await login(origin);
    expect(name).toBe('connect.sid');
    expect(value.startsWith('s%3A')).toBe(true);
    // The cookie is genuine: cookie-signature's HMAC-SHA256 of the id with the app's secret.
    const mac = createHmac('sha256', SECRET).update(sessionId).digest('base64').replace(/=+$/, '');
    expect(decodeURIComponent(value)).toBe(`s:${sessionId}.${mac}`);

    const result = decodeExpressSession(value);
    expect(result).toMatchObject({
      ok: true,
      format: 'express-session',
      sessionId,
      urlEncoded: true,
      dataLocation: 'server',
      signature: { present: true, verified: false, algorithm: 'HMAC-SHA256' },
    });
    expect(result.ok && result.note).toMatch(/server's store.*server-lib/s);
    expect(decodeCookie(name, value, { now: 0 })).toMatchObject({ format: 'express-session', sessionId });
    expect(decodeExpressSession(decodeURIComponent(value))).toMatchObject({ sessionId, urlEncoded: false });
  });

  it('keeps ids that contain dots and reserved characters whole', async () => {
    const { sessionId, value } = await login(oddOrigin);
    expect(sessionId).toBe('user.42:a/b+c');
    expect(decodeExpressSession(value)).toMatchObject({ ok: true, sessionId });
  });
});

describe('decodeExpressSession: failures', () => {
  it.each([
    ['no s: prefix', 'abc.def', /no 's:' prefix/],
    ['no signature', 's:abc', /43-character HMAC-SHA256/],
    ['a short signature', `s:abc.${'A'.repeat(42)}`, /43-character/],
    ['broken percent-encoding', 's%3Aabc%ZZ', /percent-encoding/],
  ])('%s', (_, value, message) => {
    const result = decodeExpressSession(value);
    expect(result).toMatchObject({ ok: false, code: 'ERR_COOKIE_SHAPE' });
    expect(!result.ok && result.message).toMatch(message);
  });
});
