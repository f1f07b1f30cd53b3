import { describe, expect, test } from 'vitest';
import { MAX_COOKIE_AGE_MS, parseCookieHeader, parseSetCookies } from './set-cookie.js';

const NOW = Date.parse('2026-11-22T12:00:00.000Z');

describe('parseSetCookies', () => {
  test('reads every attribute of an express-session cookie', () => {
    const [c] = parseSetCookies(
      [
        'connect.sid=s%3Aabc.def; Path=/; Expires=Sun, 29 Nov 2026 12:00:00 GMT; HttpOnly; SameSite=Lax; Priority=High',
      ],
      NOW,
    );
    expect(c).toMatchObject({
      name: 'connect.sid',
      value: 's%3Aabc.def',
      path: '/',
      httpOnly: true,
      secure: false,
      sameSite: 'Lax',
      priority: 'High',
      bytes: 'connect.sid'.length + 's%3Aabc.def'.length,
      expiry: {
        kind: 'persistent',
        at: Date.parse('2026-11-29T12:00:00Z'),
        source: 'expires',
        capped: false,
      },
    });
  });

  test('no Max-Age and no Expires is a browser-session cookie', () => {
    expect(parseSetCookies(['a=1; Path=/'], NOW)[0]?.expiry).toEqual({ kind: 'session' });
  });

  test('Max-Age wins over Expires (RFC 6265bis §5.7 step 3)', () => {
    const [c] = parseSetCookies(['a=1; Max-Age=60; Expires=Thu, 01 Jan 2099 00:00:00 GMT'], NOW);
    expect(c?.expiry).toMatchObject({ kind: 'persistent', at: NOW + 60_000, source: 'max-age' });
  });

  test('lifetime beyond 400 days is capped, and says so', () => {
    const [c] = parseSetCookies(['a=1; Max-Age=63072000'], NOW);
    expect(c?.expiry).toMatchObject({ kind: 'persistent', at: NOW + MAX_COOKIE_AGE_MS, capped: true });
  });

  test('Max-Age=0 or a past Expires deletes the cookie', () => {
    expect(parseSetCookies(['a=; Max-Age=0'], NOW)[0]?.expiry).toEqual({ kind: 'delete', source: 'max-age' });
    expect(parseSetCookies(['a=; Expires=Thu, 01 Jan 1970 00:00:00 GMT'], NOW)[0]?.expiry).toEqual({
      kind: 'delete',
      source: 'expires',
    });
  });

  test('size counts UTF-8 bytes of name and value as sent', () => {
    expect(parseSetCookies(['é=ü'], NOW)[0]?.bytes).toBe(4);
  });

  test('garbage is skipped, not thrown on', () => {
    expect(parseSetCookies(['', ';;;', '=; Path=/'], NOW)).toEqual([]);
  });
});

test('parseCookieHeader keeps order and raw values; a bare token is a nameless cookie', () => {
  expect(parseCookieHeader('a=1; session=eyJ%3D; b')).toEqual([
    { name: 'a', value: '1' },
    { name: 'session', value: 'eyJ%3D' },
    { name: '', value: 'b' },
  ]);
});

test('each cookie carries the verdict and the attributes the browser keeps, not the ones written', () => {
  const [c] = parseSetCookies(
    ['a=1; Path=nope; Domain=; Priority=urgent; SameSite=Lax; SameSite=Strict'],
    NOW,
    { url: 'http://localhost/app/page' },
  );
  expect(c).toMatchObject({
    outcome: 'stored',
    path: '/app',
    domain: null,
    priority: 'Medium',
    sameSite: 'Strict',
  });
  expect(c?.notes.map((n) => n.code)).toEqual(['priority-invalid', 'path-not-absolute', 'domain-empty']);
  const [rejected] = parseSetCookies(['b=2; Secure'], NOW, { url: 'http://app.example.com/' });
  expect(rejected).toMatchObject({ outcome: 'rejected', reason: { code: 'secure-from-insecure' } });
});
