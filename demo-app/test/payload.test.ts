import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  generateKey,
  openPayload,
  parseDebugHeader,
  type DebugPayload,
  type DeveloperKey,
} from '../../protocol/src/index.js';
import { Client, listen, payloadOf } from '../../server-lib/test/support/http.js';
import { createApp } from '../src/app.js';

let key: DeveloperKey;
beforeAll(async () => {
  key = await generateKey();
});

describe.each(['memory', 'cookie'] as const)('debug payloads in %s mode', (store) => {
  let server: Awaited<ReturnType<typeof listen>>;
  let client: Client;
  const seen = async (
    method: 'get' | 'post',
    path: string,
    form?: Record<string, string>,
  ): Promise<DebugPayload> => {
    const reply = method === 'get' ? await client.get(path) : await client.post(path, form);
    return payloadOf(reply, server.url, key);
  };

  beforeAll(async () => {
    server = await listen(createApp({ store, sessionscope: { keys: [key.pairing], nodeEnv: 'test' } }));
    client = new Client(server.url, key.kid);
  });
  afterAll(() => server.close());

  test('first visit: a new session with views=1, its cookie in setCookie, cookie options', async () => {
    const p = await seen('get', '/');
    expect(p.request).toEqual({ method: 'GET', url: '/' });
    expect(p.response.status).toBe(200);
    expect(p.middleware.kind).toBe(store === 'memory' ? 'express-session' : 'cookie-session');
    expect(p.middleware.store).toBe(store === 'memory' ? 'MemoryStore' : null);
    expect(p.session).toMatchObject({ before: null, after: { views: 1 }, idBefore: null, change: 'new' });
    const name = store === 'memory' ? 'connect.sid' : 'session';
    expect(p.response.setCookie.some((line) => line.startsWith(`${name}=`))).toBe(true);
    expect(p.cookie).toMatchObject({ name, path: '/', httpOnly: true, sameSite: 'lax', maxAge: null });
    expect(p.sizes.sessionAfter).toBe(Buffer.byteLength('{"views":1}'));
    expect(p.sizes.sessionCookie).toBeGreaterThan(name.length);
  });

  test('second visit: modified, before → after', async () => {
    const p = await seen('get', '/');
    expect(p.session).toMatchObject({ before: { views: 1 }, after: { views: 2 }, change: 'modified' });
    if (store === 'memory') expect(p.session.idAfter).toBe(p.session.idBefore);
  });

  test('login rotates the id in express-session (regenerated); cookie-session has no id (modified)', async () => {
    const p = await seen('post', '/login', { username: 'ann' });
    expect(p.response.status).toBe(303);
    expect(p.session.after).toMatchObject({ views: 2, user: 'ann', flash: 'Welcome, ann' });
    if (store === 'memory') {
      expect(p.session.change).toBe('regenerated');
      expect(p.session.idAfter).not.toBe(p.session.idBefore);
      expect(p.session.idBefore).toEqual(expect.any(String));
    } else {
      expect(p.session).toMatchObject({ change: 'modified', idBefore: null, idAfter: null });
    }
  });

  test('flash is consumed by the next page, and the payload shows it leaving', async () => {
    const p = await seen('get', '/');
    expect(p.session.before).toMatchObject({ flash: 'Welcome, ann' });
    expect(p.session.after).not.toHaveProperty('flash');
  });

  test('cart add: nested array after', async () => {
    const p = await seen('post', '/cart/add', { name: 'Tea Pot', qty: '2' });
    expect(p.session.after).toMatchObject({ cart: { items: [{ sku: 'tea-pot', name: 'Tea Pot', qty: 2 }] } });
    expect(p.session.change).toBe('modified');
  });

  test('remember-me: the cookie becomes persistent (maxAge 30 days, Expires in Set-Cookie)', async () => {
    const p = await seen('post', '/remember', { remember: 'on' });
    // express-session derives originalMaxAge from Expires - now: it may read a millisecond short.
    expect(p.cookie?.maxAge).toBeGreaterThan(30 * 24 * 60 * 60 * 1000 - 1000);
    expect(p.cookie?.maxAge).toBeLessThanOrEqual(30 * 24 * 60 * 60 * 1000);
    expect(p.cookie?.expires).toEqual(expect.any(String));
    expect(p.response.setCookie.join('\n')).toMatch(/Expires=/i);
    if (store === 'memory') expect(p.storeTtlMs).toBeGreaterThan(29 * 24 * 60 * 60 * 1000);
  });

  test('preferences: a nested object', async () => {
    const p = await seen('post', '/prefs', { theme: 'dark', language: 'fr', email: 'on', sms: 'off' });
    expect(p.session.after).toMatchObject({
      prefs: { theme: 'dark', language: 'fr', notifications: { email: true, sms: false } },
    });
  });

  test('secret-looking keys (the CSRF token set at login) are redacted before encryption', async () => {
    const p = await seen('get', '/cart');
    expect(p.session.after).toMatchObject({ user: 'ann', csrfToken: { $ss: 'redacted' } });
    expect(p.redacted).toEqual(['$.csrfToken']);
  });

  test('bloat pushes the payload past the inline limit: by reference, fetchable once, with the kid only', async () => {
    let reply = await client.post('/bloat');
    for (let i = 0; i < 4; i++) reply = await client.post('/bloat');
    const header = parseDebugHeader(reply.debugHeader!);
    expect(header.kind).toBe('ref');
    if (header.kind !== 'ref') return;
    expect(header.url).toBe(`/__sessionscope/payload/${header.ref}`);
    const other = await generateKey();
    const wrong = await fetch(server.url + header.url, { headers: { 'x-sessionscope-kid': other.kid } });
    expect(wrong.status).toBe(404);
    expect(await wrong.text()).not.toMatch(/^eyJ/);
    const none = await fetch(server.url + header.url);
    expect(none.status).toBe(404);
    const right = await fetch(server.url + header.url, { headers: { 'x-sessionscope-kid': key.kid } });
    expect(right.status).toBe(200);
    expect(right.headers.get('cache-control')).toBe('private, no-store');
    expect(right.headers.get('access-control-allow-origin')).toBeNull();
    const p = await openPayload(await right.text(), [key]);
    expect((p.session.after as { bloat: string[] }).bloat).toHaveLength(5);
    expect(p.sizes.sessionAfter).toBeGreaterThan(5 * 500);
    const again = await fetch(server.url + header.url, { headers: { 'x-sessionscope-kid': key.kid } });
    expect(again.status).toBe(404);
  });

  test('logout destroys the session', async () => {
    const p = await seen('post', '/logout');
    expect(p.session).toMatchObject({ after: null, idAfter: null, change: 'destroyed' });
    expect(p.session.before).toMatchObject({ user: 'ann' });
  });
});

describe('typed values (memory mode)', () => {
  test('Date, Map, Set and Buffer arrive typed in the after-snapshot, and JSON-ified on the next request', async () => {
    const key2 = await generateKey();
    const server = await listen(createApp({ sessionscope: { keys: [key2.pairing], nodeEnv: 'test' } }));
    try {
      const client = new Client(server.url, key2.kid);
      const p = await payloadOf(await client.get('/types'), server.url, key2);
      expect((p.session.after as Record<string, unknown>).types).toMatchObject({
        date: { $ss: 'date', iso: '2026-01-02T03:04:05.000Z' },
        map: { $ss: 'map', size: 1, entries: [['a', 1]] },
        set: { $ss: 'set', size: 2, values: ['x', 'y'] },
        buffer: { $ss: 'bytes', type: 'Buffer', length: 3, base64url: 'AQID' },
      });
      const next = await payloadOf(await client.get('/'), server.url, key2);
      expect((next.session.before as Record<string, any>).types).toMatchObject({
        date: '2026-01-02T03:04:05.000Z',
        map: {},
        set: {},
      });
    } finally {
      await server.close();
    }
  });
});
