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

  test.each(['authenticated', 'user', 'views', 'tokens', 'cart', 'author', 'secretary', 'passport'])(
    'keeps %s',
    (key) => expect(redact(key)).toBe(false),
  );

  test('false disables, a custom list replaces the defaults', () => {
    expect(redactPredicate(false)('password')).toBe(false);
    const custom = redactPredicate(['ssnLast4', /^x-/]);
    expect([custom('ssn_last4'), custom('x-thing'), custom('password')]).toEqual([true, true, false]);
  });
});
