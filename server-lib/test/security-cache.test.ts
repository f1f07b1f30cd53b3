import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import express from 'express';
import session from 'express-session';
import { generateKey, type DeveloperKey } from '../../protocol/src/index.js';
import { sessionscope } from '../src/index.js';
import { Client, listen } from './support/http.js';

/**
 * Security review, issue 11 item 5: a shared cache must neither serve one developer's
 * debug response to others nor keep it. Paired responses (a known key id) say so; every
 * other response is left exactly as the app made it.
 */
let key: DeveloperKey;
let plain: Awaited<ReturnType<typeof listen>>;
let debug: Awaited<ReturnType<typeof listen>>;

function app(wrapped: boolean) {
  const a = express();
  const middleware = session({ secret: 's', resave: false, saveUninitialized: false });
  a.use(
    wrapped
      ? sessionscope(middleware, { keys: [key.pairing], nodeEnv: 'test', logger: () => {} })
      : middleware,
  );
  a.get('/public', (_req, res) => {
    res.set({ 'Cache-Control': 'public, max-age=3600', Vary: 'Accept-Encoding, Origin' });
    res.send('cacheable by design');
  });
  a.get('/plain', (_req, res) => {
    res.send('no caching headers from the app');
  });
  return a;
}

beforeAll(async () => {
  key = await generateKey();
  [plain, debug] = await Promise.all([listen(app(false)), listen(app(true))]);
});
afterAll(async () => {
  await Promise.all([plain.close(), debug.close()]);
});

const caching = (r: { headers: Headers }) => ({
  cacheControl: r.headers.get('cache-control'),
  vary: r.headers.get('vary'),
  debug: r.headers.get('x-sessionscope') !== null,
});

describe('cache protection of paired responses', () => {
  test('paired: Vary gets X-Sessionscope-Kid appended and Cache-Control becomes private, no-store, whatever the app said', async () => {
    expect(caching(await new Client(debug.url, key.kid).get('/public'))).toEqual({
      cacheControl: 'private, no-store',
      vary: 'Accept-Encoding, Origin, X-Sessionscope-Kid',
      debug: true,
    });
    expect(caching(await new Client(debug.url, key.kid).get('/plain'))).toEqual({
      cacheControl: 'private, no-store',
      vary: 'X-Sessionscope-Kid',
      debug: true,
    });
  });

  test.each([
    ['no key id', undefined],
    ['an unknown key id', 'A'.repeat(22)],
    ['a malformed one', 'x'],
  ])('%s: the app’s caching headers, untouched', async (_name, kid) => {
    for (const path of ['/public', '/plain']) {
      const [a, b] = [await new Client(plain.url, kid).get(path), await new Client(debug.url, kid).get(path)];
      expect(caching(b)).toEqual(caching(a));
      expect(caching(b).debug).toBe(false);
    }
  });
});
