import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_REDACT } from '../src/index.js';
import { redactPredicate } from '../src/redact.js';

describe('default redaction', () => {
  const redact = redactPredicate(DEFAULT_REDACT);

  test.each([
    'password',
    'passwd',
    'secret',
    'token',
    'access_token',
    'csrfToken',
    'csrf',
    '_csrf',
    'xsrf',
    'apiKey',
    'api_key',
    'API-KEY',
    'authorization',
    'privateKey',
    'clientSecret',
    'otp',
    'cvv',
    'cardNumber',
    'refresh_token',
  ])('redacts %s', (key) => expect(redact(key)).toBe(true));

  // The full vocabulary and its decisions are protocol/vectors/redaction.json (run in both languages).
  test.each([
    'passwordHash',
    'tokens',
    'secretKey',
    'signingKey',
    'jwt',
    'bearer',
    'credentials',
    'codeVerifier',
    'recoveryCodes',
    'oauthState',
    'salt',
    'hash',
  ])('redacts %s (security review #11.3)', (key) => expect(redact(key)).toBe(true));

  test.each(['authenticated', 'user', 'views', 'cart', 'author', 'passport', 'authUser'])('keeps %s', (key) =>
    expect(redact(key)).toBe(false),
  );

  test('false disables, a custom list replaces the defaults', () => {
    expect(redactPredicate(false)('password')).toBe(false);
    const custom = redactPredicate(['ssnLast4', /^x-/]);
    expect([custom('ssn_last4'), custom('x-thing'), custom('password')]).toEqual([true, true, false]);
  });

  test('a RegExp with the g flag matches every time, not every other time (security review #11.3)', () => {
    const custom = redactPredicate([/^x-/g]);
    expect([custom('x-a'), custom('x-a'), custom('x-a'), custom('x-a')]).toEqual([true, true, true, true]);
  });
});

describe('remembered answers (the default and list rules are asked once per name)', () => {
  test('answers as a fresh rule does, asked again and again, for any name and past the bound', () => {
    const remembered = redactPredicate([...DEFAULT_REDACT, 'ssnLast4', /^x-/]);
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(fc.string(), fc.constantFrom('password', 'csrfToken', 'x-a', 'ssn_last4', 'views')),
          {
            maxLength: 40,
          },
        ),
        (names) => {
          for (const name of [...names, ...names]) {
            const fresh = redactPredicate([...DEFAULT_REDACT, 'ssnLast4', /^x-/]);
            expect(remembered(name)).toBe(fresh(name));
          }
        },
      ),
      { numRuns: 200 },
    );
    for (let i = 0; i < 3000; i++) expect(remembered(`k${i}`)).toBe(false);
    expect(remembered('password')).toBe(true);
  });

  test("a user's own predicate is asked every time", () => {
    let asked = 0;
    const rule = redactPredicate([...DEFAULT_REDACT, () => ++asked % 2 === 0]);
    expect([rule('views'), rule('views'), rule('views'), rule('views')]).toEqual([false, true, false, true]);
    expect(asked).toBe(4);
  });
});
