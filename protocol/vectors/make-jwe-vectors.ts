/**
 * Writes protocol/vectors/jwe.json: a fixed developer key and compact JWEs that every opener must
 * accept or refuse (PROTOCOL.md §3.2). Run once: `npx tsx protocol/vectors/make-jwe-vectors.ts`.
 * The accepted one is made by jose (the oracle); the refused ones are made by hand with
 * node:crypto, so that their headers are exactly what an attacker would send.
 */
import { createCipheriv, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { CompactEncrypt } from 'jose';
import { parsePairing } from '../src/keys.js';
import { PAYLOAD_CONTENT_TYPE } from '../src/constants.js';
import { samplePayload } from '../src/sample-payload.js';

const secret = Uint8Array.from({ length: 32 }, (_, i) => i);
const pairing = `sessionscope1:${Buffer.from(secret).toString('base64url')}`;
const key = await parsePairing(pairing);
const other = await parsePairing(`sessionscope1:${Buffer.alloc(32, 7).toString('base64url')}`);
const plaintext = JSON.stringify(samplePayload());

const b64 = (data: Uint8Array | string) => Buffer.from(data).toString('base64url');

/** dir + A256GCM by hand: AAD is the ASCII of the encoded protected header (RFC 7516 §5.1). */
function seal(header: Record<string, unknown>, body: Uint8Array, secretKey: Uint8Array = secret): string {
  const protectedHeader = b64(JSON.stringify(header));
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', secretKey, iv);
  cipher.setAAD(Buffer.from(protectedHeader, 'ascii'));
  const ciphertext = Buffer.concat([cipher.update(body), cipher.final()]);
  return [protectedHeader, '', b64(iv), b64(ciphertext), b64(cipher.getAuthTag())].join('.');
}

const exact = { alg: 'dir', enc: 'A256GCM', kid: key.kid, cty: PAYLOAD_CONTENT_TYPE };
const body = new TextEncoder().encode(plaintext);
const valid = await new CompactEncrypt(body).setProtectedHeader(exact).encrypt(secret);
const reordered = seal({ cty: PAYLOAD_CONTENT_TYPE, kid: key.kid, enc: 'A256GCM', alg: 'dir' }, body);
const tamperedParts = valid.split('.');
tamperedParts[3] = (tamperedParts[3]!.startsWith('A') ? 'B' : 'A') + tamperedParts[3]!.slice(1);

const vectors = {
  about:
    'PROTOCOL.md §1 and §3.2. `keys`: pairing string → kid. `open`: compact JWEs for the key `pairing`; an opener must return `plaintext` for the accepted ones and refuse the others with `error` (the protected header must be exactly {alg, enc, kid, cty}; zip, crit or anything else is refused before decrypting). Made by protocol/vectors/make-jwe-vectors.ts.',
  pairing,
  kid: key.kid,
  keys: [
    { pairing, kid: key.kid },
    { pairing: other.pairing, kid: other.kid },
    { pairing: ` ${pairing}\n`, kid: key.kid },
    { pairing: 'sessionscope2:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8', error: 'ERR_PAIRING_MALFORMED' },
    { pairing: 'sessionscope1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh', error: 'ERR_PAIRING_MALFORMED' },
    { pairing: 'sessionscope1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh+', error: 'ERR_PAIRING_MALFORMED' },
  ],
  open: [
    { name: 'made by jose with the exact header', jwe: valid, plaintext },
    { name: 'the same header members in another order', jwe: reordered, plaintext },
    {
      name: 'zip: DEF (a decompression bomb in waiting)',
      jwe: seal({ ...exact, zip: 'DEF' }, deflateRawSync(body)),
      error: 'ERR_DECRYPT',
    },
    { name: 'crit', jwe: seal({ ...exact, crit: ['exp'], exp: 1 }, body), error: 'ERR_DECRYPT' },
    {
      name: 'a key-fetching hint (jku)',
      jwe: seal({ ...exact, jku: 'https://evil.example/keys' }, body),
      error: 'ERR_DECRYPT',
    },
    {
      name: 'another content type',
      jwe: seal({ ...exact, cty: 'application/json' }, body),
      error: 'ERR_DECRYPT',
    },
    {
      name: 'no content type',
      jwe: seal({ alg: 'dir', enc: 'A256GCM', kid: key.kid }, body),
      error: 'ERR_DECRYPT',
    },
    {
      name: 'another content encryption',
      jwe: seal({ ...exact, enc: 'A128GCM' }, body),
      error: 'ERR_DECRYPT',
    },
    { name: 'a tampered ciphertext', jwe: tamperedParts.join('.'), error: 'ERR_DECRYPT' },
    {
      name: 'another key claiming this kid',
      jwe: seal(exact, body, Buffer.alloc(32, 9)),
      error: 'ERR_DECRYPT',
    },
    {
      name: 'encrypted to another kid',
      jwe: seal({ ...exact, kid: other.kid }, body, Buffer.alloc(32, 7)),
      error: 'ERR_KEY_UNKNOWN',
    },
    { name: 'not five parts', jwe: 'a.b.c', error: 'ERR_DECRYPT' },
  ],
};
writeFileSync(new URL('./jwe.json', import.meta.url), `${JSON.stringify(vectors, null, 2)}\n`);
console.log(`wrote jwe.json (kid ${key.kid})`);
