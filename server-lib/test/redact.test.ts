import { describe, expect, test } from 'vitest';
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
