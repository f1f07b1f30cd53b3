import { describe, expect, test } from 'vitest';
import { MAX_ORIGINS, isCanonicalOrigin, isCovered, originOf, readOrigin, withOrigin } from './origins.js';

describe('originOf', () => {
  test.each([
    ['http://127.0.0.1:3000/login?x=1', 'http://127.0.0.1:3000'],
    ['HTTP://LocalHost:80/', 'http://localhost'],
    ['https://bücher.example/', 'https://xn--bcher-kva.example'],
    ['http://[::1]:3000/', 'http://[::1]:3000'],
    ['http://my_box.lan:8080/', 'http://my_box.lan:8080'],
    ['about:blank', null],
    ['file:///etc/passwd', null],
    ['chrome://newtab/', null],
    ['data:text/html,x', null],
    ['http://a*b.example/', null],
    ['not a url', null],
  ])('%s → %s', (url, origin) => expect(originOf(url)).toBe(origin));
});

describe('readOrigin: what a developer types as an API origin', () => {
  test('an origin, or any URL on it, becomes the exact origin', () => {
    expect(readOrigin(' http://localhost:4000 ')).toBe('http://localhost:4000');
    expect(readOrigin('https://API.example.com/v1/users?x=1')).toBe('https://api.example.com');
    expect(readOrigin('https://api.example.com:443/')).toBe('https://api.example.com');
  });
  test.each([
    ['localhost:4000', /type it with http:\/\/ or https:\/\//],
    ['ftp://files.example', /type it with http/],
    ['http://', /is not a URL/],
    ['http://user:pw@localhost:4000', /no user name or password/],
    ['http://*.example.com', /not a host name/],
  ])('%s is refused with a message that says what to type', (text, message) => {
    expect(() => readOrigin(text)).toThrow(TypeError);
    expect(() => readOrigin(text)).toThrow(message);
  });
});

describe('lists of origins', () => {
  test('isCanonicalOrigin accepts only what originOf writes', () => {
    expect(isCanonicalOrigin('http://localhost:3000')).toBe(true);
    expect(isCanonicalOrigin('http://localhost:3000/')).toBe(false);
    expect(isCanonicalOrigin('http://localhost:80')).toBe(false);
    expect(isCanonicalOrigin(42)).toBe(false);
  });
  test('isCovered: exact origin only', () => {
    const origins = ['http://127.0.0.1:3000'];
    expect(isCovered('http://127.0.0.1:3000/x', origins)).toBe(true);
    expect(isCovered('http://127.0.0.1:3001/x', origins)).toBe(false);
    expect(isCovered('http://localhost:3000/x', origins)).toBe(false);
    expect(isCovered('about:blank', origins)).toBe(false);
  });
  test('withOrigin adds once, at the end, and stops at the limit', () => {
    expect(withOrigin(['http://a.example'], 'http://b.example')).toEqual([
      'http://a.example',
      'http://b.example',
    ]);
    expect(withOrigin(['http://a.example'], 'http://a.example')).toEqual(['http://a.example']);
    const full = Array.from({ length: MAX_ORIGINS }, (_, i) => `http://localhost:${4000 + i}`);
    expect(() => withOrigin(full, 'http://localhost:3000')).toThrow(`At most ${MAX_ORIGINS} origins`);
  });
});
