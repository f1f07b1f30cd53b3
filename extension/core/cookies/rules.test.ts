import { describe, expect, test } from 'vitest';
import { REASONS } from './reasons.js';
import { COOKIE_RULES, checkCookie } from './rules.js';
import { parseSetCookies } from './set-cookie.js';

const NOW = Date.parse('2026-11-22T12:00:00.000Z');

function findings(header: string, { session = false, url = 'http://localhost:3000/' } = {}): string[] {
  const [cookie] = parseSetCookies([header], NOW, { url });
  if (!cookie) throw new Error(`unparsable test header ${header}`);
  return checkCookie({ cookie, isSessionCookie: session, requestUrl: url }).map((f) => f.ruleId);
}

describe('cookie rules', () => {
  test('every rule and every engine reason has an id, a citation and a link, and ids are unique', () => {
    const ids = [...COOKIE_RULES.map((r) => r.id), ...Object.keys(REASONS)];
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of COOKIE_RULES) {
      expect(rule.spec).toMatch(/RFC 6265bis|Chrome|CHIPS/);
      expect(rule.specUrl).toMatch(/^https:\/\//);
    }
    for (const make of Object.values(REASONS)) {
      const reason = make('x');
      expect(reason.cite).toMatch(/RFC 6265bis|Chromium|Firefox|CHIPS|prefixes/);
      expect(reason.citeUrl).toMatch(/^https:\/\//);
    }
  });

  test('a well-configured session cookie raises nothing', () => {
    expect(
      findings('__Host-sid=abc; Path=/; Secure; HttpOnly; SameSite=Lax', {
        session: true,
        url: 'https://app.example/',
      }),
    ).toEqual([]);
  });

  test('session cookie without HttpOnly', () => {
    expect(findings('sid=abc; Path=/; SameSite=Lax', { session: true })).toEqual([
      'session-without-httponly',
    ]);
    expect(findings('theme=dark; Path=/; SameSite=Lax')).toEqual([]);
  });

  test('session cookie without Secure over https, but not over http loopback', () => {
    expect(findings('sid=a; HttpOnly; SameSite=Lax', { session: true, url: 'https://app.example/' })).toEqual(
      ['session-without-secure-on-https'],
    );
    expect(findings('sid=a; HttpOnly; SameSite=Lax', { session: true })).toEqual([]);
  });

  test('SameSite=None without Secure, and an invalid SameSite', () => {
    expect(findings('a=1; SameSite=None')).toEqual(['samesite-none-insecure']);
    expect(findings('a=1; SameSite=Sometimes')).toEqual(['samesite-invalid']);
  });

  test('__Secure- and __Host- prefix rules', () => {
    expect(findings('__Secure-a=1')).toContain('prefix-secure');
    expect(findings('__Secure-a=1; Secure', { url: 'https://x.example/' })).toEqual([]);
    expect(findings('__Host-a=1; Secure; Path=/; Domain=x.example', { url: 'https://x.example/' })).toEqual([
      'prefix-host',
    ]);
    expect(findings('__Host-a=1; Secure; Path=/app', { url: 'https://x.example/' })).toEqual(['prefix-host']);
  });

  test('Secure from plain http on a non-loopback host', () => {
    expect(findings('a=1; Secure', { url: 'http://app.example/' })).toEqual(['secure-from-insecure']);
    expect(findings('a=1; Secure', { url: 'http://localhost:3000/' })).toEqual([]);
  });

  test('Domain that does not match the host', () => {
    expect(findings('a=1; Domain=other.example', { url: 'https://app.example.com/' })).toEqual([
      'domain-mismatch',
    ]);
    expect(findings('a=1; Domain=.example.com', { url: 'https://app.example.com/' })).toEqual([]);
    expect(findings('a=1; Domain=com', { url: 'https://app.example.com/' })).toEqual([
      'domain-public-suffix',
    ]);
    // Domain equal to a host without a parent (localhost): kept host-only, said as info.
    expect(findings('a=1; Domain=localhost', { url: 'http://localhost:3000/' })).toEqual([
      'domain-equals-host',
    ]);
    expect(findings('a=1; Domain=', { url: 'http://localhost:3000/' })).toEqual(['domain-empty']);
  });

  test('400-day cap, size warning at 80 %, size error past 4096 bytes', () => {
    expect(findings('a=1; Max-Age=40000000')).toEqual(['expiry-over-400-days']);
    expect(findings(`a=${'x'.repeat(3400)}`)).toEqual(['size-near-limit']);
    expect(findings(`a=${'x'.repeat(4096)}`)).toEqual(['too-big']); // 4097 bytes: rejected, nothing else said
    expect(findings(`a=${'x'.repeat(4095)}`)).toEqual(['size-near-limit']); // exactly 4096: still stored
  });

  test('Partitioned without Secure', () => {
    expect(findings('a=1; Partitioned')).toEqual(['partitioned-insecure']);
  });

  test('ignored attributes are warnings; a rejected cookie gets no advice', () => {
    expect(findings(`a=1; Path=/${'p'.repeat(1024)}`)).toEqual(['attribute-too-long']);
    expect(findings('a=1; Path=app')).toEqual(['path-not-absolute']);
    expect(findings('a=1; Max-Age=+60; Max-Age=abc')).toEqual(['max-age-invalid']);
    expect(findings('sid=1; SameSite=None', { session: true })).toEqual(['samesite-none-insecure']);
  });

  test('messages name the cookie and never contain its value', () => {
    const [cookie] = parseSetCookies(['sid=SECRETVALUE; SameSite=Sometimes; Max-Age=40000000'], NOW);
    const all = checkCookie({ cookie: cookie!, isSessionCookie: true, requestUrl: 'https://a.example/' });
    expect(all.length).toBeGreaterThan(1);
    for (const f of all) {
      expect(f.message).toContain('sid');
      expect(f.message).not.toContain('SECRETVALUE');
    }
  });
});
