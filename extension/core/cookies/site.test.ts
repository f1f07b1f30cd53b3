import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { domainMatch, parseRequestUrl, parseRequestUrlByParser, plainUrl } from './site.js';

/**
 * The plain-URL reader skips `new URL` for the common request URL (speed: issue #10's bench).
 * It must give exactly the URL parser's answer whenever it answers at all. Its character sets
 * were also checked by hand in Chromium 156 (every printable ASCII character in a host, a path
 * and a query): Chromium escapes `^` and `|` in a path where Node does not, and accepts
 * `xn--` labels Node refuses; the plain reader accepts neither, so those go to the platform.
 */
describe('plain request URLs', () => {
  test('common request URLs are read without the URL parser, as the parser reads them', () => {
    for (const url of [
      'https://app.example.com/page/1',
      'http://localhost:3000/cart?x=1#top',
      'https://EXAMPLE.com./A/b;c=d/@x:y',
      'http://sub.localhost',
      'https://user.github.io/repo/page~1/(x)*!$&+,=',
      "https://a-b.example.com:65535/it's",
      'https://example.com?q=/a/../b',
    ]) {
      expect(plainUrl(url), url).not.toBeNull();
      expect(plainUrl(url), url).toEqual(parseRequestUrlByParser(url));
    }
  });

  test('anything unusual goes to the URL parser', () => {
    for (const url of [
      'HTTPS://example.com/',
      'ftp://example.com/',
      'https://127.0.0.1/',
      'http://0x7f.1/',
      'https://a.b.1/',
      'https://[::1]/',
      'https://xn--bcher-kva.example/',
      'https://bücher.example/',
      'https://my--app.example/',
      'https://-x.example/',
      'https://a..b.com/',
      'https://user:pw@example.com/',
      'https://example.com:65536/',
      'https://example.com:/x',
      'https://example.com/a/../b',
      'https://example.com/a/./b',
      'https://example.com/a/..',
      'https://example.com/%7Efoo',
      'https://example.com/a\\b',
      'https://example.com/a^b',
      'https://example.com/a|b',
      'https://example.com/a b',
      ' https://example.com/',
      'https://example.com/\t',
      'https://example.com/é',
      `https://${'a'.repeat(64)}.com/`,
    ])
      expect(plainUrl(url), url).toBeNull();
  });

  test('parseRequestUrl equals the URL parser on generated URLs', () => {
    const label = fc.stringMatching(/^[A-Za-z0-9-]{1,8}$/);
    const host = fc.oneof(
      fc.array(label, { minLength: 1, maxLength: 4 }).map((labels) => labels.join('.')),
      fc.constantFrom(
        'localhost',
        '127.0.0.1',
        'a.b.1',
        'a?b',
        'a#b',
        '[::1]?x',
        'xn--abc.com',
        'EXAMPLE.COM.',
        '[::1]',
        'a..b',
      ),
    );
    const path = fc.stringMatching(/^(\/[A-Za-z0-9\-._~!$&'()*+,;=:@%^|\\ é]{0,6}){0,4}$/);
    const url = fc
      .tuple(
        fc.constantFrom('http://', 'https://', 'HTTP://', 'ws://'),
        host,
        fc.constantFrom('', ':80', ':0', ':65535', ':65536', ':'),
        path,
        fc.constantFrom(
          '',
          '?a=/b/../c',
          '#x',
          '?%zz',
          '?é',
          '?a#b/../c',
          '#a?b/%2e%2e/c',
          '?',
          '#',
          ' ?q',
          '\t?q',
          ' #f',
        ),
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(url, (u) => {
        expect(parseRequestUrl(u)).toEqual(parseRequestUrlByParser(u));
      }),
      { numRuns: 3000, seed: 10 },
    );
  });
});

test('domain-match (§5.1.3) without building the dotted suffix', () => {
  expect(domainMatch('a.example.com', 'example.com')).toBe(true);
  expect(domainMatch('example.com', 'example.com')).toBe(true);
  expect(domainMatch('badexample.com', 'example.com')).toBe(false);
  expect(domainMatch('example.com', 'a.example.com')).toBe(false);
  expect(domainMatch('.example.com', 'example.com')).toBe(true);
  expect(domainMatch('1.2.3.4', '2.3.4')).toBe(false);
});
