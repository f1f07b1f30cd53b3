import { createDecipheriv } from 'node:crypto';
import { IV_BYTES, TAG_BYTES } from './seal.js';

const B64URL = /^[A-Za-z0-9_-]*$/;

/** Decodes base64url only in its one canonical spelling (no stray padding bits), as jose does. */
function strictBase64url(text: string): Buffer | undefined {
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : undefined;
}

/**
 * Opens a compact `dir` + `A256GCM` JWE with `secret`: the plaintext, or undefined for
 * anything that is not exactly such a token under that key. The server never needs it;
 * it is the other half of the format proof (and a second opinion next to jose).
 */
export function openCompactJwe(jwe: string, secret: Uint8Array): Uint8Array | undefined {
  const parts = jwe.split('.');
  if (parts.length !== 5 || !parts.every((p) => B64URL.test(p))) return undefined;
  const [encodedHeader, encryptedKey, ivText, ciphertextText, tagText] = parts as [
    string,
    string,
    string,
    string,
    string,
  ];
  if (encryptedKey !== '') return undefined;
  let header: unknown;
  try {
    header = JSON.parse(Buffer.from(encodedHeader, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const h = header as { alg?: unknown; enc?: unknown; zip?: unknown; crit?: unknown };
  if (h.alg !== 'dir' || h.enc !== 'A256GCM' || h.zip !== undefined || h.crit !== undefined) return undefined;
  const iv = strictBase64url(ivText);
  const tag = strictBase64url(tagText);
  const ciphertext = strictBase64url(ciphertextText);
  if (!iv || !tag || !ciphertext || strictBase64url(encodedHeader) === undefined) return undefined;
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES || secret.length !== 32) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', secret, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(encodedHeader, 'ascii'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    return undefined;
  }
}
