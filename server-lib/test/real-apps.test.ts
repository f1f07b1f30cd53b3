import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AddressInfo } from 'node:net';
import type { Express, RequestHandler } from 'express';
import session from 'express-session';
import {
  generateKey,
  openPayload,
  parseDebugHeader,
  type DebugPayload,
  type DeveloperKey,
} from '../../protocol/src/index.js';
import { sessionscope } from '../src/index.js';
import {
  exchange,
  maskDate,
  parseResponses,
  show,
  withoutPairedHeaders,
  type RawResponse,
} from './support/wire.js';
import { createAuthApp, makeUsers, type User } from './apps/express-auth.js';
import { createSessionApp } from './apps/express-session-views.js';
import { createCookieSessionsApp } from './apps/express-cookie-sessions.js';
import { createTodosApp, Db, makeTodoUsers } from './apps/passport-todos.js';
import type { Wrap } from './apps/wrap.js';

/**
 * Real public apps (apps/README.md), each mounted by its one-line wrap, clicked through the
 * same way four times: without Sessionscope, without it but with a key id, with it and no
 * key id, and paired. Responses are compared as raw bytes and the stores' contents as
 * JSON; the app's own random values (session ids, CSRF secrets and tokens, the ETags of
 * bodies that carry them) differ between any two runs and are replaced by placeholders
 * numbered in order of appearance. The paired run's payloads must tell the truth.
 */
let key: DeveloperKey;
let authUsers: Record<string, User>;
let todoUsers: ReturnType<typeof makeTodoUsers>;
const closers: Array<() => Promise<void>> = [];

beforeAll(async () => {
  key = await generateKey();
  authUsers = await makeUsers();
  todoUsers = makeTodoUsers();
});
afterAll(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function listen(app: Express): Promise<number> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  closers.push(
    () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  );
  return (server.address() as AddressInfo).port;
}

/** The app's own random values → placeholders, in order of first appearance, per run. */
class Masks {
  readonly #seen = new Map<string, string>();
  mask(value: string, kind: string): string {
    let placeholder = this.#seen.get(value);
    if (!placeholder) this.#seen.set(value, (placeholder = `<${kind}${this.#seen.size + 1}>`));
    return placeholder;
  }
  text(text: string): string {
    return text
      .replace(/connect\.sid=(s%3A[^;\s]+)/g, (_m, v: string) => `connect.sid=${this.mask(v, 'cookie')}`)
      .replace(
        /name="_csrf" value="([^"]+)"/g,
        (_m, v: string) => `name="_csrf" value="${this.mask(v, 'csrf')}"`,
      );
  }
  sid(sid: string): string {
    return this.mask(sid, 'sid');
  }
}

function masked(response: RawResponse, masks: Masks): RawResponse {
  const headers = maskDate(response).headers.map(([n, v]): [string, string] => [
    n,
    n.toLowerCase() === 'etag' ? '<etag>' : masks.text(v),
  ]);
  return { ...response, headers, body: Buffer.from(masks.text(response.body.toString('latin1')), 'latin1') };
}

interface Seen {
  response: RawResponse;
  payload?: DebugPayload;
}

/** A browser over raw sockets: cookie jar, form posts, the key id when paired. */
class Browser {
  readonly jar = new Map<string, string>();
  readonly seen: Seen[] = [];
  constructor(
    readonly port: number,
    readonly kid: string | undefined,
  ) {}

  async go(method: string, path: string, form?: Record<string, string>): Promise<RawResponse> {
    const body = form ? new URLSearchParams(form).toString() : '';
    const headers: Record<string, string> = {
      Host: '127.0.0.1',
      Connection: 'close',
      ...(this.jar.size ? { Cookie: [...this.jar].map(([n, v]) => `${n}=${v}`).join('; ') } : {}),
      ...(this.kid ? { 'X-Sessionscope-Kid': this.kid } : {}),
      ...(form
        ? { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(body.length) }
        : {}),
    };
    const request = `${method} ${path} HTTP/1.1\r\n${Object.entries(headers)
      .map(([n, v]) => `${n}: ${v}\r\n`)
      .join('')}\r\n${body}`;
    const wire = await exchange(this.port, request);
    const [response] = parseResponses(wire.bytes, [method]);
    for (const [name, value] of response!.headers) {
      if (name.toLowerCase() !== 'set-cookie') continue;
      const pair = value.split(';')[0]!;
      const eq = pair.indexOf('=');
      if (pair.slice(eq + 1) === '' || /expires=Thu, 01 Jan 1970/i.test(value))
        this.jar.delete(pair.slice(0, eq));
      else this.jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    this.seen.push({ response: response!, payload: this.kid ? await this.payload(response!) : undefined });
    return response!;
  }

  csrf(response: RawResponse): string {
    return /name="_csrf" value="([^"]+)"/.exec(response.body.toString('latin1'))![1]!;
  }

  async payload(response: RawResponse): Promise<DebugPayload | undefined> {
    const value = response.headers.find(([n]) => n.toLowerCase() === 'x-sessionscope')?.[1];
    if (!value) return undefined;
    const header = parseDebugHeader(value);
    if (header.kind === 'inline') return openPayload(header.jwe, [key]);
    const res = await fetch(`http://127.0.0.1:${this.port}${header.url}`, {
      headers: { 'x-sessionscope-kid': key.kid },
    });
    return openPayload(await res.text(), [key]);
  }
}

type Variant = 'plain' | 'plainKid' | 'wrapped' | 'paired';
const VARIANTS: Variant[] = ['plain', 'plainKid', 'wrapped', 'paired'];

interface Run {
  browser: Browser;
  store?: session.MemoryStore;
}

const wrapFor = (variant: Variant): Wrap =>
  variant === 'wrapped' || variant === 'paired'
    ? (mw: RequestHandler) => sessionscope(mw, { keys: [key.pairing], nodeEnv: 'test', logger: () => {} })
    : (mw) => mw;

async function runAll(
  make: (wrap: Wrap, store: session.MemoryStore) => Express,
  clicks: (b: Browser) => Promise<void>,
): Promise<Record<Variant, Run>> {
  const runs = {} as Record<Variant, Run>;
  for (const variant of VARIANTS) {
    const store = new session.MemoryStore();
    const port = await listen(make(wrapFor(variant), store));
    const browser = new Browser(port, variant === 'plainKid' || variant === 'paired' ? key.kid : undefined);
    await clicks(browser);
    runs[variant] = { browser, store };
  }
  return runs;
}

/** A MemoryStore's sessions with ids and CSRF secrets replaced by the run's placeholders. */
function storeDump(store: session.MemoryStore | undefined, masks: Masks): Record<string, unknown> {
  const sessions = (store as unknown as { sessions: Record<string, string> } | undefined)?.sessions ?? {};
  const out: Record<string, unknown> = {};
  for (const [sid, json] of Object.entries(sessions)) {
    const data = JSON.parse(json) as Record<string, unknown>;
    if (typeof data.csrfSecret === 'string') data.csrfSecret = masks.mask(data.csrfSecret, 'secret');
    out[masks.sid(sid)] = data;
  }
  return out;
}

/** Same bytes (after masks) for every variant; paired ones differ only by the documented headers. */
function expectEquivalent(runs: Record<Variant, Run>): void {
  const masksOf = Object.fromEntries(VARIANTS.map((v) => [v, new Masks()])) as Record<Variant, Masks>;
  const view = (v: Variant) => runs[v].browser.seen.map((s) => masked(s.response, masksOf[v]));
  const reference = view('plain');
  expect(reference.length).toBeGreaterThanOrEqual(3);
  for (const v of ['plainKid', 'wrapped'] as const) expect(view(v).map(show), v).toEqual(reference.map(show));
  const paired = view('paired');
  expect(paired.length).toBe(reference.length);
  paired.forEach((response, i) => {
    expect(show(withoutPairedHeaders(response, reference[i]!)), `request ${i + 1}`).toBe(show(reference[i]!));
  });
  // Sessions map to the same placeholders in every run (same order of ids), so the stores compare directly.
  const dumps = VARIANTS.map((v) => {
    for (const s of runs[v].browser.seen)
      for (const [n, value] of s.response.headers)
        if (n.toLowerCase() === 'set-cookie' && value.startsWith('connect.sid=s%3A'))
          masksOf[v].sid(
            decodeURIComponent(value.slice('connect.sid='.length).split(';')[0]!).slice(2).split('.')[0]!,
          );
    return storeDump(runs[v].store, masksOf[v]);
  });
  for (const dump of dumps.slice(1)) expect(dump).toEqual(dumps[0]);
}

function payloads(runs: Record<Variant, Run>): DebugPayload[] {
  return runs.paired.browser.seen.map((s, i) => {
    if (!s.payload) throw new Error(`request ${i + 1} of the paired run has no payload`);
    return s.payload;
  });
}

describe('expressjs/express examples/auth', () => {
  let runs: Record<Variant, Run>;
  beforeAll(async () => {
    runs = await runAll(
      (wrap, store) => createAuthApp(wrap, authUsers, store) as unknown as Express,
      async (b) => {
        await b.go('GET', '/');
        await b.go('GET', '/login');
        await b.go('GET', '/restricted');
        await b.go('GET', '/login');
        await b.go('POST', '/login', { username: 'tj', password: 'wrong' });
        await b.go('GET', '/login');
        await b.go('POST', '/login', { username: 'tj', password: 'foobar' });
        await b.go('GET', '/restricted');
        await b.go('GET', '/logout');
        await b.go('GET', '/restricted');
      },
    );
  }, 60_000);

  test('byte-identical responses and stores, with and without, with and without the key id', () => {
    expectEquivalent(runs);
  });

  test('payloads: access denied stored, login regenerated with the user, hash and salt redacted, logout destroyed', () => {
    const p = payloads(runs);
    expect(p[2]!.session).toMatchObject({ change: 'new', after: { error: 'Access denied!' } });
    expect(p[3]!.session).toMatchObject({
      change: 'modified',
      before: { error: 'Access denied!' },
      after: {},
    });
    const login = p[6]!;
    expect(login.request).toEqual({ method: 'POST', url: '/login' });
    expect(login.session.change).toBe('regenerated');
    expect(login.session.idAfter).not.toBe(login.session.idBefore);
    expect(login.session.after).toMatchObject({
      user: { name: 'tj', hash: { $ss: 'redacted' }, salt: { $ss: 'redacted' } },
      success: expect.stringContaining('Authenticated as tj'),
    });
    expect(login.redacted).toEqual(expect.arrayContaining(['$.user.hash', '$.user.salt']));
    expect(JSON.stringify(p)).not.toContain(authUsers.tj!.hash!);
    expect(JSON.stringify(p)).not.toContain(authUsers.tj!.salt!);
    expect(p[8]!.session).toMatchObject({ change: 'destroyed', after: null, idAfter: null });
    expect(p.every((x) => x.errors.length === 0)).toBe(true);
  });
});

describe('expressjs/express examples/session', () => {
  let runs: Record<Variant, Run>;
  beforeAll(async () => {
    runs = await runAll(
      (wrap, store) => createSessionApp(wrap, store) as unknown as Express,
      async (b) => {
        for (let i = 0; i < 3; i++) await b.go('GET', '/');
      },
    );
  });

  test('byte-identical responses and stores', () => {
    expectEquivalent(runs);
  });

  test('payloads count the views', () => {
    const p = payloads(runs);
    expect(p.map((x) => [x.session.change, (x.session.after as { views: number }).views])).toEqual([
      ['new', 1],
      ['modified', 2],
      ['modified', 3],
    ]);
    // No maxAge: MemoryStore keeps the session without an expiry, so there is no TTL to tell.
    expect(p[1]!.storeTtlMs).toBeNull();
  });
});

describe('expressjs/express examples/cookie-sessions', () => {
  let runs: Record<Variant, Run>;
  beforeAll(async () => {
    runs = await runAll(
      (wrap) => createCookieSessionsApp(wrap) as unknown as Express,
      async (b) => {
        for (let i = 0; i < 3; i++) await b.go('GET', '/');
      },
    );
  });

  test('byte-identical responses (the session is the cookie)', () => {
    expectEquivalent(runs);
  });

  test('payloads: cookie-session, counted', () => {
    const p = payloads(runs);
    expect(
      p.map((x) => [x.middleware.kind, x.session.change, (x.session.after as { count: number }).count]),
    ).toEqual([
      ['cookie-session', 'new', 1],
      ['cookie-session', 'modified', 2],
      ['cookie-session', 'modified', 3],
    ]);
  });
});

describe('passport/todos-express-password (passport 0.7, csurf)', () => {
  let runs: Record<Variant, Run>;
  beforeAll(async () => {
    runs = await runAll(
      (wrap, store) => createTodosApp(wrap, new Db(todoUsers), store) as unknown as Express,
      async (b) => {
        await b.go('GET', '/');
        let page = await b.go('GET', '/login');
        await b.go('POST', '/login/password', { username: 'alice', password: 'nope', _csrf: b.csrf(page) });
        page = await b.go('GET', '/login');
        await b.go('POST', '/login/password', {
          username: 'alice',
          password: 'letmein',
          _csrf: b.csrf(page),
        });
        page = await b.go('GET', '/');
        await b.go('POST', '/', { title: 'buy milk', _csrf: b.csrf(page) });
        page = await b.go('GET', '/');
        await b.go('POST', '/logout', { _csrf: b.csrf(page) });
        await b.go('GET', '/');
      },
    );
  }, 60_000);

  test('byte-identical responses and stores', () => {
    expectEquivalent(runs);
  });

  test('payloads: the failed login’s message, login and logout regenerate (passport ≥ 0.6), the user present, the CSRF secret redacted', () => {
    const p = payloads(runs);
    expect(p[2]!.session.after).toMatchObject({ messages: ['Incorrect username or password.'] });
    const login = p[4]!;
    expect(login.request).toEqual({ method: 'POST', url: '/login/password' });
    expect(login.response.status).toBe(302);
    expect(login.session.change).toBe('regenerated');
    expect(login.session.after).toMatchObject({ passport: { user: { id: 1, username: 'alice' } } });
    expect(p[5]!.session.before).toMatchObject({ passport: { user: { id: 1, username: 'alice' } } });
    expect(p[5]!.session.after).toMatchObject({ csrfSecret: { $ss: 'redacted' } });
    expect(p[5]!.redacted).toContain('$.csrfSecret');
    const logout = p[8]!;
    expect(logout.session.change).toBe('regenerated');
    expect(JSON.stringify(logout.session.after)).not.toContain('alice');
    // The CSRF secret never leaves the server in clear.
    const secrets = Object.values(
      (runs.paired.store as unknown as { sessions: Record<string, string> }).sessions,
    )
      .map((json) => (JSON.parse(json) as { csrfSecret?: string }).csrfSecret)
      .filter((s): s is string => typeof s === 'string');
    expect(secrets.length).toBeGreaterThan(0);
    for (const secret of secrets) expect(JSON.stringify(p)).not.toContain(secret);
    expect(p.every((x) => x.errors.length === 0)).toBe(true);
  });
});
