import type { CookieDecoding } from './decode-cookie.js';
import type { DecodeFailure } from './result.js';

/** Failures that mean "a decoder's bound stopped it", not "this is not that format". */
const LIMIT_CODES = new Set(['ERR_COOKIE_TOO_LARGE', 'ERR_INFLATE_LIMIT', 'ERR_JSON_TOO_DEEP']);

export interface DecoderLimit {
  code: string;
  /** Says the size and the bound (`Cookie value is 70000 characters, over the decoder's limit of 65536.`). */
  message: string;
  /** The format it looked like, when a decoder recognised it before its bound stopped it. */
  format: string | null;
}

/**
 * Whether a decoder stopped at one of its bounds (issue 13.6): the Session view must then say
 * "too large / too deep to decode" with the numbers, never "No session data".
 */
export function decoderLimitOf(
  decoding: CookieDecoding | DecodeFailure | { ok: false; code: string; message: string },
): DecoderLimit | null {
  if (!decoding.ok)
    return LIMIT_CODES.has(decoding.code)
      ? { code: decoding.code, message: decoding.message, format: null }
      : null;
  if (decoding.format !== 'unknown') return null;
  const miss = decoding.nearMisses.find((m) => LIMIT_CODES.has(m.code));
  return miss ? { code: miss.code, message: miss.message, format: miss.format } : null;
}
