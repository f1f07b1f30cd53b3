import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateKey, type DeveloperKey } from '../../protocol/src/index.js';
import { Client, listen } from '../../server-lib/test/support/http.js';
import { createApp } from '../src/app.js';

/** Only a known key id gets a debug header; everything else looks like Sessionscope is not there. */
let key: DeveloperKey;
let server: Awaited<ReturnType<typeof listen>>;

beforeAll(async () => {
  key = await generateKey();
  server = await listen(createApp({ sessionscope: { keys: [key.pairing], nodeEnv: 'test' } }));
});
afterAll(() => server.close());

describe('who gets a debug header', () => {
  test('a known kid does', async () => {
    expect((await new Client(server.url, key.kid).get('/')).debugHeader).toMatch(/^v=1; jwe=/);
  });

  test('the favicon is answered before the session: no header, no cookie', async () => {
    const reply = await new Client(server.url, key.kid).get('/favicon.ico');
    expect([reply.status, reply.debugHeader, reply.setCookie]).toEqual([204, null, []]);
  });

  test.each([
    ['no kid', undefined],
    ['an unknown kid', 'A'.repeat(22)],
    ['a malformed kid', 'not a kid'],
    ['a kid one character too long', `${'A'.repeat(22)}B`],
  ])('%s does not, and the page still works', async (_name, kid) => {
    const reply = await new Client(server.url, kid).get('/');
    expect(reply.debugHeader).toBeNull();
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('data-testid="views">1<');
  });
});

describe('the by-reference endpoint', () => {
  const path = `/__sessionscope/payload/${'A'.repeat(43)}`;

  test('an unknown id gets the demo’s own 404, the same for any kid (unobserved), and never sets a cookie', async () => {
    const replies = [];
    for (const kid of [key.kid, undefined, 'B'.repeat(22)]) {
      const reply = await new Client(server.url, kid).get(path);
      expect([reply.status, reply.setCookie, reply.debugHeader]).toEqual([404, [], null]);
      replies.push(reply.body);
    }
    expect(new Set(replies).size).toBe(1);
  });

  test('an OPTIONS preflight is the app’s: no CORS headers from us', async () => {
    const res = await fetch(server.url + path, { method: 'OPTIONS' });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('access-control-allow-headers')).toBeNull();
  });
});

describe('debug mode off', () => {
  test('without keys the app has no endpoint and no header, even for a kid', async () => {
    const plain = await listen(createApp({ sessionscope: false }));
    try {
      const reply = await new Client(plain.url, key.kid).get('/');
      expect(reply.debugHeader).toBeNull();
      expect(
        (await new Client(plain.url, key.kid).get(`/__sessionscope/payload/${'A'.repeat(43)}`)).status,
      ).toBe(404);
    } finally {
      await plain.close();
    }
  });
});
