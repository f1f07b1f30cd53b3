import { expect, test } from 'vitest';
import { probeUrl, readProbe, silentOrigins, silentOriginText } from './diagnose.js';

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
  expect(silentOrigins(seen, new Map())).toEqual([{ origin: 'http://a.test', silent: 2, probe: 'unknown' }]);
  expect(silentOrigins(seen, new Map([['http://a.test', 'present']]))[0]?.probe).toBe('present');
  expect(silentOrigins([r('chrome-extension://x/a'), r('chrome-extension://x/b')], new Map())).toEqual([]);
});

test('the text says what the probe found and how to check', () => {
  const text = silentOriginText({ origin: 'http://a.test', silent: 3, probe: 'present' }, 'KID');
  expect(text).toContain('does not know this key');
  expect(text).toContain('key id the server printed at start');
  expect(silentOriginText({ origin: 'http://a.test', silent: 3, probe: 'absent' }, 'KID')).toContain(
    'is server-lib mounted',
  );
});

test('the probe reads server-lib preflight answers only', () => {
  expect(probeUrl('http://a.test')).toMatch(/^http:\/\/a\.test\/__sessionscope\/payload\/0{43}$/);
  expect(readProbe(204, 'X-Sessionscope-Kid')).toBe('present');
  expect(readProbe(404, null)).toBe('absent');
  expect(readProbe(204, 'content-type')).toBe('absent');
});
