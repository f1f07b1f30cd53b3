// The cookie-only Diff on cookies made by the real frameworks: Flask (fixtures/flask-app/app.py,
// no server library, over HTTP), cookie-session (the real middleware) and JWTs made by jose.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import cookieSession from 'cookie-session';
import express from 'express';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseSetCookies } from '../cookies/set-cookie.js';
import { cookieSessionDiff } from './cookie-diff.js';
import { startFlaskDemo, type FlaskDemo } from '../../../test-support/flask-demo.js';

/** A cookie jar that remembers what it sent, so each step has the request Cookie and the response Set-Cookie. */
async function step(base: string, jar: Map<string, string>, path: string, init: RequestInit = {}) {
  const cookieHeader = [...jar].map(([n, v]) => `${n}=${v}`).join('; ') || null;
  const res = await fetch(base + path, {
    ...init,
    redirect: 'manual',
    headers: { ...(cookieHeader ? { Cookie: cookieHeader } : {}), ...(init.headers ?? {}) },
  });
  await res.arrayBuffer();
  const now = Date.now();
  const setCookies = parseSetCookies(res.headers.getSetCookie(), now);
  for (const c of setCookies) {
    if (c.expiry.kind === 'delete') jar.delete(c.name);
    else jar.set(c.name, c.value);
  }
  return { cookieHeader, setCookies, now };
}

describe('Flask, no server library', () => {
  let flask: FlaskDemo;
  beforeAll(async () => {
    flask = await startFlaskDemo({ script: 'fixtures/flask-app/app.py', args: ['0'] });
  }, 30_000);
  afterAll(() => flask?.stop());

  test('first visit: new; login: modified, with tuple, Markup and UUID as the adapter shows them', async () => {
    const jar = new Map<string, string>();
    const first = await step(flask.url, jar, '/');
    const visit = cookieSessionDiff(first.cookieHeader, first.setCookies, first.now)!;
    expect(visit).toMatchObject({
      cookieName: 'session',
      format: 'flask',
      change: 'new',
      before: null,
      after: { visits: 1 },
      afterSource: 'set-cookie',
    });
    // A session created: one line per key (issue 12), never a `(root)` blob.
    expect(visit.entries.map((e) => [e.kind, e.path])).toEqual([['added', 'visits']]);

    const login = await step(flask.url, jar, '/login');
    const diff = cookieSessionDiff(login.cookieHeader, login.setCookies, login.now)!;
    expect(diff.change).toBe('modified');
    expect(diff.before).toEqual({ visits: 1 });
    const added = Object.fromEntries(diff.entries.map((e) => [e.path, e]));
    expect(Object.keys(added).sort()).toEqual(['csrf_token', 'greeting', 'id', 'user']);
    expect(added.user!.after).toEqual({
      name: 'ann',
      roles: { $ss: 'instance', className: 'tuple', entries: { '0': 'admin', '1': 'dev' } },
    });
    expect(added.greeting!.after).toEqual({
      $ss: 'instance',
      className: 'Markup',
      entries: { value: '<b>hello</b>' },
    });
    expect(added.id!.after).toEqual({
      $ss: 'instance',
      className: 'UUID',
      entries: { value: '12345678-1234-5678-1234-567812345678' },
    });

    // The redirect target: the browser sends the new cookie; the view bumps the counter.
    const home = await step(flask.url, jar, '/');
    const next = cookieSessionDiff(home.cookieHeader, home.setCookies, home.now)!;
    expect(next.entries.map((e) => [e.kind, e.path, e.before, e.after])).toEqual([
      ['changed', 'visits', 1, 2],
    ]);
  });

  test('a response that sets no cookie keeps the session: unchanged', () => {
    const diff = cookieSessionDiff(
      'session=eyJ2aXNpdHMiOjF9.aVc1pQ.bgTAMEURDtxlBj_cK92-Z90E-T4',
      [],
      Date.now(),
    );
    expect(diff).toMatchObject({ change: 'unchanged', afterSource: 'kept', entries: [] });
  });
});

describe('cookie-session and JWT', () => {
  let server: Server;
  let origin: string;
  beforeAll(async () => {
    const app = express();
    app.use(cookieSession({ name: 'session', keys: ['k'] }));
    app.post('/set', express.json(), (req, res) => {
      (req as unknown as { session: unknown }).session = req.body;
      res.end();
    });
    app.post('/logout', (req, res) => {
      (req as unknown as { session: unknown }).session = null;
      res.end();
    });
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  test('cookie-session: new, modified, destroyed (the .sig companion is not a session)', async () => {
    const jar = new Map<string, string>();
    const json = (body: unknown): RequestInit => ({
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    });
    const a = await step(origin, jar, '/set', json({ cart: [1] }));
    expect(cookieSessionDiff(a.cookieHeader, a.setCookies, a.now)).toMatchObject({
      format: 'cookie-session',
      change: 'new',
      cookieName: 'session',
    });
    const b = await step(origin, jar, '/set', json({ cart: [1, 2] }));
    const changed = cookieSessionDiff(b.cookieHeader, b.setCookies, b.now)!;
    expect(changed.change).toBe('modified');
    expect(changed.entries.map((e) => [e.kind, e.path])).toEqual([['added', 'cart[1]']]);
    const c = await step(origin, jar, '/logout', { method: 'POST' });
    expect(cookieSessionDiff(c.cookieHeader, c.setCookies, c.now)).toMatchObject({
      change: 'destroyed',
      after: null,
      afterSource: 'deleted',
    });
  });

  test('JWT claims in a cookie', async () => {
    const secret = new TextEncoder().encode('k'.repeat(32));
    const token = (claims: Record<string, unknown>) =>
      new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(secret);
    const before = await token({ sub: 'ann', role: 'user' });
    const after = await token({ sub: 'ann', role: 'admin' });
    const diff = cookieSessionDiff(
      `jwt=${before}`,
      parseSetCookies([`jwt=${after}; Path=/; HttpOnly`], Date.now()),
      Date.now(),
    )!;
    expect(diff).toMatchObject({ format: 'jwt', change: 'modified', cookieName: 'jwt' });
    expect(diff.entries.map((e) => [e.path, e.before, e.after])).toEqual([['role', 'user', 'admin']]);
  });

  test('no session cookie at all: null', () => {
    expect(
      cookieSessionDiff('theme=dark; connect.sid=s%3Aabc.def', parseSetCookies(['x=1'], 0), 0),
    ).toBeNull();
  });
});
