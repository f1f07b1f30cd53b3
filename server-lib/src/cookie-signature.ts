import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Verifies a cookie-session `.sig` the way keygrip does (HMAC-SHA1, base64
 * with `/+=` mapped to `_-` and dropped). We verify ourselves because reading
 * `req.session` early would let the `cookies` module clear or re-sign the
 * `.sig` cookie, a Set-Cookie the app would not have sent.
 */
function sign(data: string, key: unknown): string {
  return createHmac('sha1', key as string | Buffer)
    .update(data)
    .digest('base64')
    .replace(/\/|\+|=/g, (x) => ({ '/': '_', '+': '-', '=': '' })[x] ?? '');
}

function same(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

/** True if `signature` signs `data` with one of `keys` (an array of secrets or a Keygrip-like object). */
export function verifyCookieSignature(data: string, signature: string, keys: unknown): boolean {
  if (keys && typeof (keys as { index?: unknown }).index === 'function') {
    return (keys as { index(d: string, s: string): number }).index(data, signature) >= 0;
  }
  if (!Array.isArray(keys)) return false;
  return keys.some((key) => same(signature, sign(data, key)));
}
