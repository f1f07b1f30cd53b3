import { expect, test } from 'vitest';
import type { DebugPayload } from '../../../protocol/src/index.js';
import { samplePayload } from '../../../protocol/src/sample-payload.js';
import { isStaticAsset, sessionTagOf } from './selectors.js';
import type { RequestRecord } from './types.js';

const record = (url: string, extra: Partial<RequestRecord> = {}): RequestRecord => ({
  id: 1,
  key: 1,
  url,
  method: 'GET',
  status: 200,
  time: 0,
  debugHeader: null,
  setCookies: [],
  cookieHeader: null,
  storedCookies: [],
  debug: { state: 'plain' },
  ...extra,
});

test('static assets: by extension before ? and #, the favicon, DevTools probe, or the browser resource type', () => {
  for (const url of [
    'http://a.test/favicon.ico',
    'http://a.test/app.js?v=3',
    'http://a.test/x/y.CSS#z',
    'http://a.test/.well-known/appspecific/com.chrome.devtools.json',
    'https://a.test/f.woff2',
  ]) {
    expect(isStaticAsset(record(url)), url).toBe(true);
  }
  for (const url of [
    'http://a.test/',
    'http://a.test/login',
    'http://a.test/api?file=x.js',
    'http://a.test/js/',
    'http://a.test/a.json',
  ]) {
    expect(isStaticAsset(record(url)), url).toBe(false);
  }
  expect(isStaticAsset(record('http://a.test/img', { resourceType: 'image' }))).toBe(true);
  // A static route that touched the session stays visible.
  const touched = record('http://a.test/app.js', {
    debug: {
      state: 'decoded',
      payload: samplePayload({
        session: { before: null, after: { a: 1 }, idBefore: null, idAfter: 'x', change: 'new' },
      }),
    },
  });
  expect(isStaticAsset(touched)).toBe(false);
});

test('session tag: short id, a hue per id, id changes marked', () => {
  const tag = (session: DebugPayload['session']) =>
    sessionTagOf(
      record('http://a.test/', { debug: { state: 'decoded', payload: samplePayload({ session }) } }),
    );
  const same = tag({
    before: { a: 1 },
    after: { a: 2 },
    idBefore: 'abcdefgh',
    idAfter: 'abcdefgh',
    change: 'modified',
  });
  expect(same).toMatchObject({ text: 'abcdef', changed: false });
  const regenerated = tag({
    before: { a: 1 },
    after: { a: 1 },
    idBefore: 'abcdefgh',
    idAfter: 'zyxwvuts',
    change: 'regenerated',
  });
  expect(regenerated).toMatchObject({ text: 'abcdef→zyxwvu', changed: true });
  expect(regenerated!.hue).not.toBe(same!.hue);
  expect(
    tag({ before: null, after: { a: 1 }, idBefore: null, idAfter: 'abcdefgh', change: 'new' })?.text,
  ).toBe('+abcdef');
  expect(sessionTagOf(record('http://a.test/'))).toBeNull();
});
