import { beforeAll, describe, expect, test } from 'vitest';
import { generateKey, type DeveloperKey } from '../../protocol/src/index.js';
import { Client, listen } from '../../server-lib/test/support/http.js';
import { STEPS, comparable, counterGenid, playInLockstep } from './support/clicks.js';
import { createApp, type DemoApp } from '../src/app.js';

/**
 * The promise that matters most: with and without Sessionscope, the app sends
 * byte-identical Set-Cookie headers and bodies and leaves identical store
 * contents. Two apps, same secret, same id generator, same clock, same clicks.
 */
let key: DeveloperKey;
beforeAll(async () => {
  key = await generateKey();
});

async function pair(store: 'memory' | 'cookie', rolling = false) {
  const plainApp = createApp({ store, rolling, genid: counterGenid() });
  const debugApp = createApp({
    store,
    rolling,
    genid: counterGenid(),
    sessionscope: { keys: [key.pairing], nodeEnv: 'test' },
  });
  const [plain, debug] = await Promise.all([listen(plainApp), listen(debugApp)]);
  // Both clients send the key id: the plain app ignores it, so the requests are the same bytes.
  return {
    plainApp,
    debugApp,
    plain,
    debug,
    a: new Client(plain.url, key.kid),
    b: new Client(debug.url, key.kid),
  };
}

function storeContents(app: DemoApp): Record<string, string> {
  return {
    ...((app.locals.sessionStore as unknown as { sessions: Record<string, string> } | null)?.sessions ?? {}),
  };
}

describe.each([
  ['memory', false],
  ['memory', true],
  ['cookie', false],
] as const)('observe, never alter (%s, rolling %s)', (store, rolling) => {
  test('same clicks, with and without Sessionscope: identical Set-Cookie, bodies and store', async () => {
    const { plainApp, debugApp, plain, debug, a, b } = await pair(store, rolling);
    try {
      const headersSeen = await playInLockstep(a, b);
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
  ])(
    'a request with %s sends no Set-Cookie when the route does not touch the session',
    async (_name, sig) => {
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
    },
  );
});
