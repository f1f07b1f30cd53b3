import { describe, expect, test } from 'vitest';
import { CompactEncrypt, compactDecrypt, decodeProtectedHeader } from 'jose';
import { generateKey } from './keys.js';
import { openPayload, sealPayload, sealText } from './jwe.js';
import { SessionscopeError } from './errors.js';
import { samplePayload } from './sample-payload.js';

async function failure(promise: Promise<unknown>): Promise<SessionscopeError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SessionscopeError);
  return error as SessionscopeError;
}

describe('JWE sealing', () => {
  test('seals as compact dir + A256GCM with the kid in the protected header, and opens again', async () => {
    const key = await generateKey();
    const jwe = await sealPayload(samplePayload(), key);
    expect(jwe.split('.')).toHaveLength(5);
    expect(jwe.split('.')[1]).toBe(''); // dir: no encrypted key
    expect(decodeProtectedHeader(jwe)).toMatchObject({ alg: 'dir', enc: 'A256GCM', kid: key.kid });
    expect(jwe).not.toContain('ann');
    expect(await openPayload(jwe, [key])).toEqual(samplePayload());
  });

  test('interoperates with plain jose (what another server would use)', async () => {
    const key = await generateKey();
    const jwe = await sealText('{"hello":"world"}', key);
    const { plaintext } = await compactDecrypt(jwe, key.secret);
    expect(new TextDecoder().decode(plaintext)).toBe('{"hello":"world"}');
  });

  test('a payload for another key is ERR_KEY_UNKNOWN', async () => {
    const [mine, theirs] = await Promise.all([generateKey(), generateKey()]);
    const jwe = await sealPayload(samplePayload(), theirs);
    const error = await failure(openPayload(jwe, [mine]));
    expect(error.code).toBe('ERR_KEY_UNKNOWN');
    expect(error.message).toContain(theirs.kid);
  });

  test('another key claiming my kid does not decrypt: ERR_DECRYPT', async () => {
    const [mine, theirs] = await Promise.all([generateKey(), generateKey()]);
    const forged = await sealPayload(samplePayload(), { kid: mine.kid, secret: theirs.secret });
    expect((await failure(openPayload(forged, [mine]))).code).toBe('ERR_DECRYPT');
  });

  test('tampered or truncated ciphertext is ERR_DECRYPT', async () => {
    const key = await generateKey();
    const jwe = await sealPayload(samplePayload(), key);
    const parts = jwe.split('.');
    const flipped = parts[3]!.startsWith('A') ? 'B' + parts[3]!.slice(1) : 'A' + parts[3]!.slice(1);
    const tampered = [parts[0], parts[1], parts[2], flipped, parts[4]].join('.');
    expect((await failure(openPayload(tampered, [key]))).code).toBe('ERR_DECRYPT');
    const truncated = [parts[0], parts[1], parts[2], parts[3]!.slice(0, 10), parts[4]].join('.');
    expect((await failure(openPayload(truncated, [key]))).code).toBe('ERR_DECRYPT');
    expect((await failure(openPayload('x.y.z', [key]))).code).toBe('ERR_DECRYPT');
  });

  test('a well-encrypted payload of another protocol version is ERR_PROTOCOL_VERSION', async () => {
    const key = await generateKey();
    const jwe = await sealText(JSON.stringify({ ...samplePayload(), v: 2 }), key);
    const error = await failure(openPayload(jwe, [key]));
    expect(error.code).toBe('ERR_PROTOCOL_VERSION');
    expect(error.message).toContain('server sent v2');
  });

  test('well-encrypted but malformed JSON is ERR_PAYLOAD_MALFORMED naming the field', async () => {
    const key = await generateKey();
    const notJson = await sealText('{nope', key);
    expect((await failure(openPayload(notJson, [key]))).code).toBe('ERR_PAYLOAD_MALFORMED');
    const badField = await sealText(
      JSON.stringify({ ...samplePayload(), session: { ...samplePayload().session, change: 'exploded' } }),
      key,
    );
    const error = await failure(openPayload(badField, [key]));
    expect(error.code).toBe('ERR_PAYLOAD_MALFORMED');
    expect(error.message).toContain('session.change');
  });
});

describe('the protected header is exactly the one the protocol defines (security review #11.8)', () => {
  test('a well-encrypted zip: DEF payload is refused before decrypting (jose alone would inflate it)', async () => {
    const key = await generateKey();
    const jwe = await new CompactEncrypt(new TextEncoder().encode(JSON.stringify(samplePayload())))
      .setProtectedHeader({
        alg: 'dir',
        enc: 'A256GCM',
        kid: key.kid,
        cty: 'application/sessionscope+json',
        zip: 'DEF',
      })
      .encrypt(key.secret);
    // The oracle opens it: without our check the panel would inflate whatever the sender compressed.
    expect((await compactDecrypt(jwe, key.secret)).protectedHeader.zip).toBe('DEF');
    const error = await failure(openPayload(jwe, [key]));
    expect(error.code).toBe('ERR_DECRYPT');
    expect(error.message).toContain('zip');
  });
});
