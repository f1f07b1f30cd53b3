// The dispatcher: recognition, and robustness on random, truncated and hostile input.
import { SignJWT } from 'jose';
import { zlibSync } from 'fflate';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCookie, type CookieDecoding } from './decode-cookie.js';
import type { DecodeFailure } from './result.js';

const NOW = new Date('2026-01-02T04:04:05Z');
// Made by Flask (fixtures/flask/visits.json, permanent-compressed.json).
const FLASK = 'eyJ2aXNpdHMiOjF9.aVc1pQ.bgTAMEURDtxlBj_cK92-Z90E-T4';
const EXPRESS = 's%3AeVh6r4YkCqzYl3pQ4S0y0rX3m2uQb1Zx.5fJq0m8oC1kq5g0fX8r0Zb6H1yKp5b6y9c0W2s5c3d0';
const COOKIE_SESSION = Buffer.from('{"user":"ada"}').toString('base64');

function decode(name: string, value: string, allCookies?: Array<{ name: string; value: string }>) {
  return decodeCookie(name, value, allCookies ? { now: NOW, allCookies } : { now: NOW });
}

/** Checks the result is one of the declared shapes; every decoder promises this whatever the input. */
function expectWellFormed(result: CookieDecoding | DecodeFailure): void {
  expect(typeof result.ok).toBe('boolean');
  if (result.ok)
    expect([
      'flask',
      'cookie-session',
      'cookie-session-signature',
      'express-session',
      'jwt',
      'unknown',
    ]).toContain(result.format);
  else expect(result.code).toMatch(/^ERR_/);
}

describe('decodeCookie: recognition', () => {
  it('recognises each format', async () => {
    const jwt = await new SignJWT({ sub: 'x' }).setProtectedHeader({ alg: 'HS256' }).sign(new Uint8Array(32));
    expect(decode('session', FLASK).ok && decode('session', FLASK)).toMatchObject({
      format: 'flask',
      data: { visits: 1 },
    });
    expect(decode('connect.sid', EXPRESS)).toMatchObject({ format: 'express-session' });
    expect(decode('token', jwt)).toMatchObject({ format: 'jwt' });
    expect(decode('session', COOKIE_SESSION)).toMatchObject({
      format: 'cookie-session',
      data: { user: 'ada' },
    });
    expect(decode('session.sig', 'a'.repeat(27), [{ name: 'session', value: COOKIE_SESSION }])).toMatchObject(
      {
        format: 'cookie-session-signature',
        companion: { cookieName: 'session', present: true },
      },
    );
  });

  it('accepts a double-quoted value (RFC 6265 §4.1.1)', () => {
    expect(decode('session', `"${FLASK}"`)).toMatchObject({ format: 'flask' });
  });

  it.each([
    ['Google Analytics', '_ga', 'GA1.1.1234567890.1700000000'],
    ['a dotted token', 'tok', 'abc.def.ghijklmnopqrstuvwxyz0123456789A'],
    ['three base64url parts with a SHA-1-sized tail', 'x', 'Zm9vYmFy.aVc1pQ.bgTAMEURDtxlBj_cK92-Z90E-T4'],
    ['a UUID', 'id', 'f47ac10b-58cc-4372-a567-0e02b2c3d479'],
    ['a hex digest', 'h', 'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3'],
    ['base64 of text', 'b', Buffer.from('hello world').toString('base64')],
    ['a preference', 'theme', 'dark'],
    ['empty', 'e', ''],
  ])('leaves %s as unknown, with no near miss', (_, name, value) => {
    expect(decode(name, value)).toEqual({ ok: true, format: 'unknown', nearMisses: [] });
  });

  it("reports 's:' without a signature as an express-session near miss", () => {
    expect(decode('s', 's:hello')).toMatchObject({
      format: 'unknown',
      nearMisses: [{ format: 'express-session', code: 'ERR_COOKIE_SHAPE' }],
    });
  });

  it('reports a Flask-looking cookie that fails inside as a near miss, not a guess', () => {
    const corrupt = `.${Buffer.from('not zlib').toString('base64url')}.aVc1pQ.${'a'.repeat(27)}`;
    expect(decode('session', corrupt)).toEqual({
      ok: true,
      format: 'unknown',
      nearMisses: [
        { format: 'flask', code: 'ERR_INFLATE', message: expect.stringMatching(/not valid zlib/) },
      ],
    });
  });

  it('reports a cookie-session cookie vouched for by its .sig as a near miss', () => {
    const value = Buffer.from('{"a":').toString('base64');
    const result = decode('session', value, [{ name: 'session.sig', value: 'a'.repeat(27) }]);
    expect(result).toMatchObject({
      format: 'unknown',
      nearMisses: [{ format: 'cookie-session', code: 'ERR_JSON' }],
    });
    expect(decode('session', value)).toMatchObject({ format: 'unknown', nearMisses: [] });
  });

  it('refuses oversized values before any work', () => {
    expect(decode('big', 'a'.repeat(64 * 1024 + 1))).toMatchObject({
      ok: false,
      code: 'ERR_COOKIE_TOO_LARGE',
    });
  });
});

describe('decodeCookie: never throws, never hangs', () => {
  const b64url = fc.stringMatching(/^[A-Za-z0-9_-]{0,60}$/);
  const shaped = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.tuple(fc.constantFrom('', '.'), b64url, b64url, b64url).map(([d, a, b, c]) => `${d}${a}.${b}.${c}`),
    fc.tuple(b64url, fc.constantFrom('s:', 's%3A')).map(([id, prefix]) => `${prefix}${id}.${'A'.repeat(43)}`),
    fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v) ?? '').toString('base64')),
    fc
      .jsonValue()
      .map(
        (v) =>
          `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify(v) ?? '').toString('base64url')}.`,
      ),
  );

  it('on random and shaped input (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), shaped, (name, value) => {
        expectWellFormed(decode(name, value, [{ name: `${name}.sig`, value: 'x' }]));
      }),
      { numRuns: 2000 },
    );
  });

  it('on every truncation of real cookies', async () => {
    const jwt = await new SignJWT({ sub: 'x', exp: 1 })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new Uint8Array(32));
    const compressed = '.eJyrVkpUsjKsBQAIKgIJ.aVc1pQ.bgTAMEURDtxlBj_cK92-Z90E-T4'; // '.' + zlib({"a":1}), a Flask-shaped tail
    for (const cookie of [FLASK, EXPRESS, COOKIE_SESSION, jwt, compressed]) {
      for (let end = 0; end <= cookie.length; end++) {
        expectWellFormed(decode('session', cookie.slice(0, end)));
        expectWellFormed(decode('session', cookie.slice(end)));
      }
    }
  });

  it('stops a zlib bomb at the inflate limit, quickly', () => {
    const bomb = Buffer.from(zlibSync(new Uint8Array(32 * 1024 * 1024))).toString('base64url');
    expect(bomb.length).toBeLessThan(LIMIT_CHARS);
    const started = performance.now();
    const result = decode('session', `.${bomb}.aVc1pQ.${'a'.repeat(27)}`);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(result).toMatchObject({
      format: 'unknown',
      nearMisses: [{ format: 'flask', code: 'ERR_INFLATE_LIMIT' }],
    });
  });

  it('refuses nesting past the limit without overflowing the stack', () => {
    const deep = Buffer.from(`{"a":${'['.repeat(40_000)}`).toString('base64url');
    const result = decode('session', `${deep}.aVc1pQ.${'a'.repeat(27)}`);
    expect(result).toMatchObject({
      format: 'unknown',
      nearMisses: [{ format: 'flask', code: 'ERR_JSON_TOO_DEEP' }],
    });
  });

  it('does bounded work on the largest accepted input', () => {
    const values = [
      'a'.repeat(64 * 1024),
      `${'eyJ'.repeat(21_000)}.aVc1pQ.${'a'.repeat(27)}`,
      Buffer.from(`{"a":"${'x'.repeat(48_000)}"}`).toString('base64'),
      `${'a.'.repeat(32 * 1024)}`,
    ];
    for (const value of values) {
      const started = performance.now();
      expectWellFormed(decode('session', value));
      expect(performance.now() - started, value.slice(0, 20)).toBeLessThan(500);
    }
  });
});

const LIMIT_CHARS = 64 * 1024;
