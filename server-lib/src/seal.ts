import { createCipheriv } from 'node:crypto';
import { PAYLOAD_CONTENT_TYPE } from '../../protocol/src/index.js';
import { randomBytesNow } from './random-ids.js';

/**
 * Compact JWE (RFC 7516 §7.1) with `alg: dir` and `enc: A256GCM`, made synchronously with
 * node:crypto so that the debug header is set inside the innermost writeHead and the
 * response is never held. The format is small and fixed:
 *
 *   BASE64URL(protected header) . (empty: dir has no encrypted key) . BASE64URL(96-bit IV)
 *     . BASE64URL(ciphertext) . BASE64URL(128-bit tag)
 *
 * with AAD = ASCII(BASE64URL(protected header)) (RFC 7516 §5.1 step 14). The panel opens
 * it with `jose`; test/seal.property.test.ts proves jose opens every token made here and
 * that openCompactJwe (open-jwe.ts) opens every token jose makes.
 */
export interface SealingKey {
  readonly kid: string;
  readonly secret: Uint8Array;
}

export type Seal = (plaintext: string) => string;

export const IV_BYTES = 12;
export const TAG_BYTES = 16;

/** The protected header of every debug payload, exactly as PROTOCOL.md §3 spells it. */
export function protectedHeaderOf(kid: string): string {
  return JSON.stringify({ alg: 'dir', enc: 'A256GCM', kid, cty: PAYLOAD_CONTENT_TYPE });
}

/** A sealer for one developer key: the header, its AAD and the key object are made once. */
export function sealerFor(key: SealingKey): Seal {
  if (key.secret.length !== 32) throw new TypeError('A256GCM with dir needs a 256-bit key.');
  const encodedHeader = Buffer.from(protectedHeaderOf(key.kid), 'utf8').toString('base64url');
  const aad = Buffer.from(encodedHeader, 'ascii');
  // A Buffer key, not a KeyObject: createCipheriv takes a Buffer ~1 µs faster per message
  // (measured on Node 20), and the secret is in this process's memory either way (key.secret).
  const secret = Buffer.from(key.secret);
  const prefix = `${encodedHeader}..`;
  return function seal(plaintext: string): string {
    // A fresh random 96-bit IV per message: GCM's security rests on never repeating one under a key.
    // From the CSPRNG pool (random-ids.ts): the same OpenSSL bytes as randomBytes, never handed out twice.
    const iv = randomBytesNow(IV_BYTES);
    // No options object: GCM's tag is 16 bytes (TAG_BYTES) unless told otherwise, and
    // test/seal.property.test.ts checks every tag's length.
    const cipher = createCipheriv('aes-256-gcm', secret, iv);
    cipher.setAAD(aad);
    const head = cipher.update(plaintext, 'utf8');
    // GCM is a stream mode: update returns every byte and final() none; concatenate only if it ever does.
    const tail = cipher.final();
    const ciphertext = tail.length === 0 ? head : Buffer.concat([head, tail]);
    return `${prefix}${iv.toString('base64url')}.${ciphertext.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}`;
  };
}
