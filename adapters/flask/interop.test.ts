/**
 * Interop both ways between the Python adapter and the TypeScript protocol + panel ingest, over
 * real HTTP against the Flask demo: Python-sealed headers (inline and by reference) opened by
 * openDebugHeader and the strict validator; TS-sealed payloads opened by Python; and the panel's
 * own Flask cookie decoder reading the same values the adapter reports (issue #9, item 5).
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateKey, sealPayload, type DebugPayload, type DeveloperKey } from '../../protocol/src/index.js';
import { samplePayload } from '../../protocol/src/sample-payload.js';
import { openDebugHeader, type FetchText } from '../../extension/core/ingest/open-debug-header.js';
import { decodeFlaskSession } from '../../extension/core/decoders/index.js';
import { fixationFinding, clientSecretFinding } from '../../extension/core/security/findings.js';
import { PYTHON, startFlaskDemo, type FlaskDemo } from '../../test-support/flask-demo.js';
import { startRedis, type RedisServer } from '../../test-support/redis-server.js';

const fetchText: FetchText = async (url, headers) => {
  const res = await fetch(url, { headers, redirect: 'manual' });
  return { status: res.status, text: await res.text(), redirected: res.redirected, url: res.url };
};
/** The panel reads debug headers only from the origins it paired: here, the demo's. */
const paired = (url: string) => [new URL(url).origin];

/** A tiny browser: keeps the cookies, sends the kid, does not follow redirects. */
class Browser {
  cookies = new Map<string, string>();
  constructor(
    readonly base: string,
    readonly key: DeveloperKey,
  ) {}
  async go(path: string, method = 'GET', form?: Record<string, string>) {
    const res = await fetch(`${this.base}${path}`, {
      method,
      redirect: 'manual',
      headers: {
        'X-Sessionscope-Kid': this.key.kid,
        Cookie: [...this.cookies].map(([n, v]) => `${n}=${v}`).join('; '),
        ...(form ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
    });
    await res.arrayBuffer();
    const setCookie = res.headers.getSetCookie();
    for (const line of setCookie) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const expired = /max-age=0|expires=thu, 01 jan 1970/i.test(line);
      if (expired) this.cookies.delete(pair!.slice(0, eq));
      else this.cookies.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
    return {
      status: res.status,
      header: res.headers.get('x-sessionscope'),
      setCookie,
      url: `${this.base}${path}`,
    };
  }
  async payload(path: string, method = 'GET', form?: Record<string, string>): Promise<DebugPayload> {
    const reply = await this.go(path, method, form);
    expect(reply.header, `X-Sessionscope on ${method} ${path}`).not.toBeNull();
    const opened = await openDebugHeader(reply.header!, reply.url, this.key, fetchText, paired(reply.url));
    if (!opened.ok) throw new Error(`${opened.code}: ${opened.message}`);
    return opened.payload;
  }
}

describe('Python-sealed → TypeScript (Flask cookie sessions)', () => {
  let demo: FlaskDemo;
  let key: DeveloperKey;
  beforeAll(async () => {
    key = await generateKey();
    demo = await startFlaskDemo({ store: 'cookie', keys: [key.pairing] });
  }, 30_000);
  afterAll(() => demo?.stop());

  test('the banner prints the pairing string and the key id', () => {
    expect(demo.banner).toContain(key.pairing);
  });

  test('inline payloads open and pass the strict validator', async () => {
    const browser = new Browser(demo.url, key);
    const first = await browser.payload('/');
    expect(first.middleware).toEqual({ kind: 'flask', store: null });
    expect(first.session).toMatchObject({ change: 'new', before: null, after: { visits: 1 } });
    const login = await browser.payload('/login', 'POST', { username: 'ann' });
    expect(login.session.after).toMatchObject({ username: 'ann', csrf_token: { $ss: 'redacted' } });
    // A secret in a readable cookie: the panel's finding works for the flask kind.
    expect(clientSecretFinding(login, 0)?.id).toBe('secret-in-client-cookie');
  });

  test('by-reference payloads are fetched by the panel ingest, once', async () => {
    const browser = new Browser(demo.url, key);
    let reply;
    for (let i = 0; i < 5; i++) reply = await browser.go('/bloat', 'POST');
    expect(reply!.header).toMatch(/^v=1; ref=/);
    const opened = await openDebugHeader(reply!.header!, reply!.url, key, fetchText, paired(reply!.url));
    expect(opened.ok && (opened.payload.session.after as { bloat: unknown[] }).bloat).toHaveLength(5);
    const again = await openDebugHeader(reply!.header!, reply!.url, key, fetchText, paired(reply!.url));
    expect(again).toMatchObject({ ok: false, code: 'ERR_REF_FETCH' });
  });

  test("the panel's Flask cookie decoder and the adapter show tuple, Markup, UUID, bytes and datetime alike", async () => {
    const browser = new Browser(demo.url, key);
    const reply = await browser.go('/types');
    const opened = await openDebugHeader(reply.header!, reply.url, key, fetchText, paired(reply.url));
    if (!opened.ok) throw new Error(opened.message);
    const fromAdapter = (opened.payload.session.after as { types: Record<string, unknown> }).types;
    const decoded = decodeFlaskSession(browser.cookies.get('session')!, { now: Date.now() });
    if (!decoded.ok) throw new Error(decoded.message);
    const fromCookie = (decoded.data as { types: Record<string, unknown> }).types;
    for (const name of ['pair', 'greeting', 'id', 'raw', 'when'])
      expect(fromCookie[name]).toEqual(fromAdapter[name]);
    expect(fromAdapter.price).toEqual({ $ss: 'instance', className: 'Decimal', entries: { value: '9.99' } });
    expect(fromCookie.price).toBe('9.99'); // Flask's cookie JSON writes a Decimal as a string
  });
});

describe('Python-sealed → TypeScript (Flask-Session in Redis)', () => {
  let redis: RedisServer;
  let demo: FlaskDemo;
  let key: DeveloperKey;
  beforeAll(async () => {
    key = await generateKey();
    redis = await startRedis();
    demo = await startFlaskDemo({ store: 'redis', keys: [key.pairing], env: { REDIS_URL: redis.url } });
  }, 30_000);
  afterAll(async () => {
    await demo?.stop();
    await redis?.stop();
  });

  test('ids, regeneration and the fixation finding', async () => {
    const browser = new Browser(demo.url, key);
    const visit = await browser.payload('/');
    expect(visit.middleware).toEqual({ kind: 'flask-session', store: 'RedisSessionInterface' });
    const login = await browser.payload('/login', 'POST', { username: 'ann' });
    expect(login.session.change).toBe('regenerated');
    expect(fixationFinding(login, 0)).toBeUndefined();
    const fixed = await browser.payload('/login-fixation', 'POST', { username: 'mallory' });
    expect(fixed.session.change).toBe('modified');
    expect(fixationFinding(fixed, 1)?.id).toBe('session-fixation');
  });
});

describe('TypeScript-sealed → Python', () => {
  test('a payload sealed by the protocol module opens in the Python adapter', async () => {
    const key = await generateKey();
    const payload = samplePayload({ middleware: { kind: 'flask', store: null } });
    const jwe = await sealPayload(payload, key);
    const script = [
      'import sys, json',
      "sys.path.insert(0, 'adapters/flask')",
      'from sessionscope_flask.core.keys import parse_pairing',
      'from sessionscope_flask.core.seal import open_text',
      'print(open_text(sys.argv[2], [parse_pairing(sys.argv[1])]))',
    ].join('\n');
    const out = execFileSync(PYTHON, ['-c', script, key.pairing, jwe], { encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual(payload);
  });
});
