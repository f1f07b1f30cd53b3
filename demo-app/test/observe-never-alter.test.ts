import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { generateKey, type DeveloperKey } from '../../protocol/src/index.js';
import { Client, listen, type Reply } from '../../server-lib/test/support/http.js';
import { createApp, type DemoApp } from '../src/app.js';

/**
 * The promise that matters most: with and without Sessionscope, the app sends
 * byte-identical Set-Cookie headers and bodies and leaves identical store
 * contents. Two apps, same secret, same id generator, same clock, same clicks.
 */
type Step = [method: 'get' | 'post', path: string, form?: Record<string, string>];

const STEPS: Step[] = [
  ['get', '/health'],
  ['get', '/'],
  ['get', '/'],
  ['post', '/login-fixation', { username: 'mallory' }],
  ['post', '/login', { username: 'ann' }],
  ['get', '/'],
  ['post', '/flash', { message: 'Saved!' }],
  ['get', '/'],
  ['get', '/health'],
  ['post', '/cart/add', { name: 'Teapot', qty: '1' }],
  ['post', '/cart/add', { name: 'Cup', qty: '3' }],
  ['post', '/cart/remove', { sku: 'teapot' }],
  ['get', '/cart'],
  ['post', '/prefs', { theme: 'dark', language: 'de', email: 'on', sms: 'on' }],
  ['post', '/remember', { remember: 'on' }],
  ['get', '/'],
  ['post', '/remember', { remember: 'off' }],
  ['post', '/wizard/1', { name: 'Ann' }],
  ['post', '/wizard/2', { email: 'ann@example.test' }],
  ['post', '/wizard/3', { plan: 'pro' }],
  ['get', '/wizard/done'],
  ['get', '/wizard/9'],
  ...Array.from({ length: 5 }, (): Step => ['post', '/bloat']),
  ['get', '/'],
  ['post', '/bloat/reset'],
  ['get', '/types'],
  ['get', '/'],
  ['post', '/logout'],
  ['get', '/'],
];

function counterGenid(): () => string {
  let n = 0;
  return () => `sid-${String(++n).padStart(4, '0')}`;
}

function comparable(reply: Reply) {
  return { status: reply.status, setCookie: reply.setCookie, location: reply.headers.get('location'), body: reply.body };
}

let key: DeveloperKey;
beforeAll(async () => {
  key = await generateKey();
});
afterEach(() => {
  vi.useRealTimers();
});

async function pair(store: 'memory' | 'cookie', rolling = false) {
  const plainApp = createApp({ store, rolling, genid: counterGenid() });
  const debugApp = createApp({ store, rolling, genid: counterGenid(), sessionscope: { keys: [key.pairing], nodeEnv: 'test' } });
  const [plain, debug] = await Promise.all([listen(plainApp), listen(debugApp)]);
  // Both clients send the key id: the plain app ignores it, so the requests are the same bytes.
  return { plainApp, debugApp, plain, debug, a: new Client(plain.url, key.kid), b: new Client(debug.url, key.kid) };
}

function storeContents(app: DemoApp): Record<string, string> {
  return { ...((app.locals.sessionStore as unknown as { sessions: Record<string, string> } | null)?.sessions ?? {}) };
}

describe.each([
  ['memory', false],
  ['memory', true],
  ['cookie', false],
] as const)('observe, never alter (%s, rolling %s)', (store, rolling) => {
  test('same clicks, with and without Sessionscope: identical Set-Cookie, bodies and store', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { plainApp, debugApp, plain, debug, a, b } = await pair(store, rolling);
    try {
      let headersSeen = 0;
      for (const [i, [method, path, form]] of STEPS.entries()) {
        vi.setSystemTime(Date.UTC(2026, 0, 1, 12, 0, i));
        const ra = method === 'get' ? await a.get(path) : await a.post(path, form);
        const rb = method === 'get' ? await b.get(path) : await b.post(path, form);
        expect(comparable(rb), `step ${i}: ${method.toUpperCase()} ${path}`).toEqual(comparable(ra));
        expect(ra.debugHeader).toBeNull();
        if (rb.debugHeader) headersSeen++;
      }
      // The comparison is only meaningful if the debug app really observed the requests.
      expect(headersSeen).toBe(STEPS.length);
      if (store === 'memory') expect(Object.keys(storeContents(plainApp)).length).toBeGreaterThan(0);
      expect(storeContents(debugApp)).toEqual(storeContents(plainApp));
      expect(b.cookieHeader).toBe(a.cookieHeader);
    } finally {
      await Promise.all([plain.close(), debug.close()]);
    }
  });
});

describe('observe, never alter: cookie-session cookies the app never reads', () => {
  test.each([
    ['a bad signature', 'sig-that-does-not-match'],
    ['no signature', undefined],
  ])('a request with %s sends no Set-Cookie when the route does not touch the session', async (_name, sig) => {
    const { plain, debug, a, b } = await pair('cookie');
    try {
      for (const client of [a, b]) {
        client.jar.set('session', Buffer.from('{"views":41}').toString('base64'));
        if (sig) client.jar.set('session.sig', sig);
      }
      const [ra, rb] = [await a.get('/health'), await b.get('/health')];
      expect(rb.debugHeader).not.toBeNull();
      expect(ra.setCookie).toEqual([]);
      expect(comparable(rb)).toEqual(comparable(ra));
      // A route that does read it: the app clears the bad .sig itself, identically in both.
      const [ha, hb] = [await a.get('/'), await b.get('/')];
      expect(comparable(hb)).toEqual(comparable(ha));
    } finally {
      await Promise.all([plain.close(), debug.close()]);
    }
  });
});
