import { describe, expect, test } from 'vitest';
import { base64url } from 'jose';
import { constantTimeEqual, findKey, generateKey, isWellFormedKeyId, keyIdOf, parsePairing } from './keys.js';
import { PAIRING_PREFIX } from './constants.js';
import { SessionscopeError } from './errors.js';

describe('developer keys', () => {
  test('a generated key is 256 bits, its pairing string round-trips and its id is 22 base64url chars', async () => {
    const key = await generateKey();
    expect(key.secret).toHaveLength(32);
    expect(key.pairing.startsWith(PAIRING_PREFIX)).toBe(true);
    expect(isWellFormedKeyId(key.kid)).toBe(true);
    const parsed = await parsePairing(`  ${key.pairing}\n`);
    expect(parsed.kid).toBe(key.kid);
    expect(Array.from(parsed.secret)).toEqual(Array.from(key.secret));
  });

  test('the key id is SHA-256 over a domain prefix and the key, not the key itself', async () => {
    const secret = new Uint8Array(32).fill(7);
    const kid = await keyIdOf(secret);
    expect(kid).not.toContain(base64url.encode(secret).slice(0, 10));
    expect(kid).toBe(await keyIdOf(new Uint8Array(32).fill(7)));
    expect(kid).not.toBe(await keyIdOf(new Uint8Array(32).fill(8)));
  });

  test('two generated keys differ', async () => {
    const [a, b] = await Promise.all([generateKey(), generateKey()]);
    expect(a.pairing).not.toBe(b.pairing);
    expect(a.kid).not.toBe(b.kid);
  });

  test.each([
    ['', 'starts with "sessionscope1:"'],
    ['sessionscope2:' + 'A'.repeat(43), 'starts with "sessionscope1:"'],
    [PAIRING_PREFIX + 'A'.repeat(42), '43 base64url characters'],
    [PAIRING_PREFIX + 'A'.repeat(44), '43 base64url characters'],
    [PAIRING_PREFIX + '+'.repeat(43), '43 base64url characters'],
  ])('rejects malformed pairing %j with a message that says what is wrong', async (input, message) => {
    const error = await parsePairing(input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SessionscopeError);
    expect((error as SessionscopeError).code).toBe('ERR_PAIRING_MALFORMED');
    expect((error as SessionscopeError).message).toContain(message);
  });

  test('constantTimeEqual agrees with === on equal, different and differently long strings', () => {
    const cases: [string, string][] = [
      ['abc', 'abc'],
      ['abc', 'abd'],
      ['abc', 'ab'],
      ['', ''],
      ['', 'a'],
      ['aaaa', 'aa'],
    ];
    for (const [a, b] of cases) expect(constantTimeEqual(a, b)).toBe(a === b);
  });

  test('findKey finds only the exact key id', async () => {
    const keys = await Promise.all([generateKey(), generateKey()]);
    expect(findKey(keys, keys[1]!.kid)).toBe(keys[1]);
    expect(findKey(keys, keys[1]!.kid.slice(0, 21))).toBeUndefined();
    expect(findKey(keys, '')).toBeUndefined();
  });
});
