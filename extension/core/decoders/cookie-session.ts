/**
 * Express cookie-session cookies: the whole session, client-side, as base64 JSON
 * (`Buffer.from(JSON.stringify(session)).toString('base64')`, cookie-session/index.js `encode`).
 *
 * Signing lives in a second cookie, `<name>.sig` (the `cookies` package + keygrip): an HMAC-SHA1 of
 * `<name>=<value>`, URL-safe base64. The data is readable by anyone holding the cookie; the
 * signature only stops edits, and it cannot be checked here without the app's `keys`.
 */

import type { TypedValue } from '../../../protocol/src/typed-value.js';
import { decodeBase64, decodeUtf8 } from './base64.js';
import { isJsonObject, parseJson } from './json.js';
import { fail, guarded, tooLarge, type DecodeFailure, type DecodeWarning } from './result.js';
import { HMAC_BY_BASE64_LENGTH, type SignatureInfo } from './signature.js';
import { toTyped } from './to-typed.js';

/** A cookie as the browser or a HAR entry lists it. */
export interface CookiePair {
  name: string;
  value: string;
}

export interface CompanionInfo {
  /** `<name>.sig` for a session cookie; the session cookie's name for a `.sig` cookie. */
  cookieName: string;
  /** Whether that cookie is among `allCookies`; null when the caller gave no `allCookies`. */
  present: boolean | null;
}

export interface CookieSessionData {
  ok: true;
  format: 'cookie-session';
  data: TypedValue;
  jsonBytes: number;
  /** The signature lives in the companion cookie, not in this value. */
  signature: SignatureInfo;
  companion: CompanionInfo;
  warnings: DecodeWarning[];
}

export interface CookieSessionSignature {
  ok: true;
  format: 'cookie-session-signature';
  /** The session cookie this one signs. */
  companion: CompanionInfo;
  signature: SignatureInfo;
  warnings: DecodeWarning[];
}

export interface CookieSessionOptions {
  allCookies?: readonly CookiePair[] | undefined;
}

const SIGNATURE_NOTE =
  "HMAC of '<name>=<value>' with the app's first key (keygrip); it cannot be checked without the keys.";

function companion(cookieName: string, allCookies: readonly CookiePair[] | undefined): CompanionInfo {
  return { cookieName, present: allCookies ? allCookies.some((c) => c.name === cookieName) : null };
}

export function decodeCookieSession(
  name: string,
  value: string,
  options: CookieSessionOptions = {},
): CookieSessionData | DecodeFailure {
  return guarded(() => {
    const large = tooLarge(value);
    if (large) return large;
    // Browsers keep the value as sent; a proxy or a hand-made cookie may have percent-encoded it.
    const text = /%[0-9A-Fa-f]{2}/.test(value) ? safeDecodeUri(value) : value;
    if (text === undefined || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) {
      return fail('ERR_COOKIE_SHAPE', 'Not a cookie-session cookie: the value is not base64.');
    }
    const bytes = decodeBase64(text, 'either');
    if (!bytes) return fail('ERR_BASE64', 'cookie-session value is not valid base64.');
    const json = decodeUtf8(bytes);
    if (json === undefined) return fail('ERR_UTF8', 'cookie-session value does not decode to UTF-8 text.');
    const parsed = parseJson(json, { allowNonFinite: false });
    if (!parsed.ok) {
      return fail(
        parsed.tooDeep ? 'ERR_JSON_TOO_DEEP' : 'ERR_JSON',
        `cookie-session value: ${parsed.message}`,
      );
    }
    if (!isJsonObject(parsed.value)) {
      return fail('ERR_NOT_AN_OBJECT', 'cookie-session value is JSON but not an object.');
    }
    const sig = companion(`${name}.sig`, options.allCookies);
    const warnings: DecodeWarning[] = [];
    if (sig.present === false) {
      warnings.push({
        code: 'WARN_SIGNATURE_COOKIE_MISSING',
        message: `No ${sig.cookieName} cookie: the session is unsigned (signed: false) or its signature was not sent.`,
      });
    }
    return {
      ok: true,
      format: 'cookie-session',
      data: toTyped(parsed.value, { bigIntegers: 'number' }),
      jsonBytes: bytes.length,
      signature: {
        present: sig.present !== false,
        verified: false,
        algorithm: 'HMAC-SHA1',
        note: SIGNATURE_NOTE,
      },
      companion: sig,
      warnings,
    };
  });
}

/** A `<name>.sig` cookie: keygrip's URL-safe base64 HMAC, SHA-1 unless the app chose another. */
export function decodeCookieSessionSignature(
  name: string,
  value: string,
  options: CookieSessionOptions = {},
): CookieSessionSignature | DecodeFailure {
  return guarded(() => {
    const algorithm = HMAC_BY_BASE64_LENGTH[value.length];
    if (!name.endsWith('.sig') || name.length === 4 || !algorithm || !/^[A-Za-z0-9_-]+$/.test(value)) {
      return fail('ERR_COOKIE_SHAPE', 'Not a cookie-session signature: expected <name>.sig holding an HMAC.');
    }
    const signs = companion(name.slice(0, -4), options.allCookies);
    const warnings: DecodeWarning[] = [];
    if (signs.present === false) {
      warnings.push({
        code: 'WARN_SIGNATURE_COOKIE_MISSING',
        message: `A signature for ${signs.cookieName}, but no ${signs.cookieName} cookie was sent with it.`,
      });
    }
    return {
      ok: true,
      format: 'cookie-session-signature',
      companion: signs,
      signature: { present: true, verified: false, algorithm, note: SIGNATURE_NOTE },
      warnings,
    };
  });
}

function safeDecodeUri(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}
