import { expect, test } from 'vitest';
import { silentOrigins, silentOriginText } from './diagnose.js';

const r = (url: string, hadDebugHeader = false, isStatic = false) => ({ url, hadDebugHeader, isStatic });

test('an origin is silent when its recent requests all lack a payload; statics and answered origins are not', () => {
  const seen = [
    r('http://a.test/'),
    r('http://a.test/x'),
    r('http://a.test/favicon.ico', false, true),
    r('http://b.test/'),
    r('http://b.test/y', true),
    r('http://c.test/'),
  ];
  expect(silentOrigins(seen)).toEqual([{ origin: 'http://a.test', silent: 2 }]);
  expect(silentOrigins([r('chrome-extension://x/a'), r('chrome-extension://x/b')])).toEqual([]);
});

test('the text names both causes (unknown key id, server-lib not mounted) and how to check each', () => {
  const text = silentOriginText({ origin: 'http://a.test', silent: 3 }, 'KID');
  expect(text).toContain('http://a.test sent no payload for its last 3 requests');
  expect(text).toContain('does not know key id KID');
  expect(text).toContain('key id the server printed at start');
  expect(text).toContain('server library is not mounted');
});
