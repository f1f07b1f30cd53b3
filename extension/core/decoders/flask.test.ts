import { createHmac } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { decodeCookie } from './decode-cookie.js';
import { decoderLimitOf } from './limits.js';
import { LIMITS } from './result.js';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeFlaskSession, FLASK_DEFAULT_LIFETIME_SECONDS, type FlaskSession } from './flask.js';
import type { TypedValue } from '../../../protocol/src/typed-value.js';

// The Flask-made fixtures (scripts/make-fixtures-flask.py; flask-regenerate.test.ts proves it).
const FLASK_FIXTURE_DIR = fileURLToPath(new URL('../../../fixtures/flask/', import.meta.url));

interface FlaskFixture {
  case: string;
  secretKey: string;
  salt: string;
  digest: 'sha1' | 'sha256';
  setCookie: string;
  cookieName: string;
  cookieValue: string;
  compressed: boolean;
  permanent: boolean;
  signedAt: number;
  expected: TypedValue;
}

function loadFlaskFixtures(): FlaskFixture[] {
  return readdirSync(FLASK_FIXTURE_DIR)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => JSON.parse(readFileSync(FLASK_FIXTURE_DIR + file, 'utf8')) as FlaskFixture);
}

// too-large.json is past the decoder's input bound on purpose (issue 13.6): tested on its own.
const fixtures = loadFlaskFixtures().filter((f) => f.case !== 'too-large');
const tooLarge = loadFlaskFixtures().find((f) => f.case === 'too-large')!;
const NOW = new Date('2026-01-02T04:04:05Z'); // one hour after the fixtures were signed

function decoded(value: string, now: Date | number = NOW): FlaskSession {
  const result = decodeFlaskSession(value, { now });
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return result;
}

/** itsdangerous Signer with key_derivation="hmac": key = HMAC(secret, salt), sig = HMAC(key, value). */
function flaskSignatureHolds(fixture: FlaskFixture): boolean {
  const at = fixture.cookieValue.lastIndexOf('.');
  const key = createHmac(fixture.digest, fixture.secretKey).update(fixture.salt).digest();
  const signature = createHmac(fixture.digest, key)
    .update(fixture.cookieValue.slice(0, at))
    .digest('base64url');
  return signature === fixture.cookieValue.slice(at + 1);
}

describe('Flask fixtures (made by Flask, see scripts/make-fixtures-flask.py)', () => {
  it('cover every tag, both payload forms and both lifetimes', () => {
    const all = JSON.stringify(fixtures.map((f) => f.expected));
    for (const needle of [
      '"className":"tuple"',
      '"className":"Markup"',
      '"className":"UUID"',
      '"$ss":"date"',
    ]) {
      expect(all).toContain(needle);
    }
    expect(all).toContain('"$ss":"bytes"');
    expect(all).toContain('"$ss":"bigint"');
    expect(all).toContain('" t":"not a tuple"'); // a ' di' collision
    expect(new Set(fixtures.map((f) => f.compressed))).toEqual(new Set([true, false]));
    expect(new Set(fixtures.map((f) => f.permanent))).toEqual(new Set([true, false]));
  });

  it.each(fixtures.map((f) => [f.case, f] as const))(
    '%s: signed by Flask with the fixture secret',
    (_, fixture) => {
      expect(flaskSignatureHolds(fixture)).toBe(true);
      expect(flaskSignatureHolds({ ...fixture, secretKey: `${fixture.secretKey}!` })).toBe(false);
    },
  );

  it.each(fixtures.map((f) => [f.case, f] as const))('%s: decodes to what Flask loads', (_, fixture) => {
    const result = decoded(fixture.cookieValue);
    expect(result.data).toEqual(fixture.expected);
    expect(result.compressed).toBe(fixture.compressed);
    expect(result.permanent).toBe(fixture.permanent);
    expect(result.signedAt.epochSeconds).toBe(fixture.signedAt);
    expect(result.signedAt.iso).toBe(new Date(fixture.signedAt * 1000).toISOString());
    expect(result.ageSeconds).toBe(NOW.getTime() / 1000 - fixture.signedAt);
    expect(result.signature).toMatchObject({
      present: true,
      verified: false,
      algorithm: fixture.digest === 'sha1' ? 'HMAC-SHA1' : 'HMAC-SHA256',
    });
    expect(result.warnings).toEqual([]);
  });

  it('reads the value out of the Set-Cookie Flask sent', () => {
    for (const fixture of fixtures) {
      expect(fixture.setCookie.startsWith(`${fixture.cookieName}=${fixture.cookieValue};`)).toBe(true);
    }
  });
});

describe('decodeFlaskSession: time', () => {
  const visits = fixtures.find((f) => f.case === 'visits')!;

  it('gives the age relative to the `now` passed in, and the default-lifetime end', () => {
    const result = decoded(visits.cookieValue, visits.signedAt * 1000 + 90_000);
    expect(result.ageSeconds).toBe(90);
    expect(result.defaultLifetimeEndsAt.epochSeconds).toBe(visits.signedAt + FLASK_DEFAULT_LIFETIME_SECONDS);
  });

  it('warns when the server signed in the future (clock skew)', () => {
    const result = decoded(visits.cookieValue, visits.signedAt * 1000 - 5_000);
    expect(result.ageSeconds).toBe(-5);
    expect(result.warnings.map((w) => w.code)).toEqual(['WARN_SIGNED_IN_FUTURE']);
  });

  it("warns when the cookie is older than Flask's default 31-day lifetime", () => {
    const result = decoded(visits.cookieValue, (visits.signedAt + FLASK_DEFAULT_LIFETIME_SECONDS + 1) * 1000);
    expect(result.warnings.map((w) => w.code)).toEqual(['WARN_OLDER_THAN_DEFAULT_LIFETIME']);
  });
});

describe('decodeFlaskSession: failures', () => {
  const b64 = (text: string) => Buffer.from(text).toString('base64url');
  const SIG = 'a'.repeat(27);
  const TS = 'aVc1pQ';
  const cases: Array<[string, string, string, RegExp]> = [
    [
      'no signature',
      `${b64('{}')}.${TS}`,
      'ERR_COOKIE_SHAPE',
      /expected \[\.\]payload\.timestamp\.signature/,
    ],
    [
      'a signature of no HMAC size',
      `${b64('{}')}.${TS}.${'a'.repeat(26)}`,
      'ERR_COOKIE_SHAPE',
      /payload\.timestamp/,
    ],
    ['an undecodable timestamp', `${b64('{}')}.A.${SIG}`, 'ERR_COOKIE_SHAPE', /0-8 byte integer/],
    ['a 4n+1 long payload', `abcde.${TS}.${SIG}`, 'ERR_BASE64', /not URL-safe base64/],
    ['corrupt zlib', `.${b64('not zlib')}.${TS}.${SIG}`, 'ERR_INFLATE', /not valid zlib data/],
    [
      'non-UTF-8 bytes',
      `${Buffer.from([0xff, 0xfe]).toString('base64url')}.${TS}.${SIG}`,
      'ERR_UTF8',
      /UTF-8/,
    ],
    ['broken JSON', `${b64('{"a":')}.${TS}.${SIG}`, 'ERR_JSON', /Unexpected end/],
    ['a JSON list', `${b64('[1]')}.${TS}.${SIG}`, 'ERR_NOT_AN_OBJECT', /not an object/],
    [
      'a tuple tag on a string',
      `${b64('{"a":{" t":"ab"}}')}.${TS}.${SIG}`,
      'ERR_FLASK_TAG',
      /' t' \(tuple\)/,
    ],
    ['bad bytes base64', `${b64('{"a":{" b":"***"}}')}.${TS}.${SIG}`, 'ERR_FLASK_TAG', /' b' \(bytes\)/],
    ['a short UUID', `${b64('{"a":{" u":"abc"}}')}.${TS}.${SIG}`, 'ERR_FLASK_TAG', /' u' \(UUID\)/],
    ['an empty di', `${b64('{"a":{" di":{}}}')}.${TS}.${SIG}`, 'ERR_FLASK_TAG', /' di' holds no key/],
    ['too large', `${'a'.repeat(70_000)}.${TS}.${SIG}`, 'ERR_COOKIE_TOO_LARGE', /over the decoder's limit/],
  ];

  it.each(cases)('%s', (_, value, code, message) => {
    const result = decodeFlaskSession(value, { now: NOW });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe(code);
    expect(result.message).toMatch(message);
  });

  it('reads an unparseable HTTP date as a date with iso null (Flask reads None)', () => {
    const result = decoded(`${b64('{"d":{" d":"yesterday"}}')}.${TS}.${SIG}`);
    expect(result.data).toEqual({ d: { $ss: 'date', iso: null } });
  });
});

describe('a Flask cookie past the decoder bound (issue 13.6)', () => {
  it('is reported with its size and the limit, not decoded and not "unknown"', () => {
    const result = decodeCookie('session', tooLarge.cookieValue, { now: NOW });
    expect(result).toMatchObject({ ok: false, code: 'ERR_COOKIE_TOO_LARGE' });
    expect((result as { message: string }).message).toBe(
      `Cookie value is ${tooLarge.cookieValue.length} characters, over the decoder's limit of ${LIMITS.maxCookieChars}.`,
    );
    expect(decoderLimitOf(result)).toMatchObject({ code: 'ERR_COOKIE_TOO_LARGE' });
  });
});
