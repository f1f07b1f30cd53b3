/**
 * Which format is this cookie in? `decodeCookie` tries each decoder, strictest outline first, and
 * takes the first that decodes. Recognition needs a decoded structure, not a look-alike: a Flask
 * cookie must have a 1-8 byte timestamp, an HMAC-sized signature and a payload that inflates/parses
 * to a JSON object; a JWT needs a JSON header with `alg` and JSON claims; a dotted random string is
 * none of these and comes back `unknown`.
 *
 * When a value has a format's outline but fails inside it (a `.`-prefixed Flask cookie whose zlib
 * data is corrupt), the result is `unknown` with a `nearMisses` entry saying what failed, so the
 * panel can say "looks like Flask, but …" instead of guessing.
 */

import { decodeCookieSession, decodeCookieSessionSignature, type CookiePair } from './cookie-session.js';
import type { CookieSessionData, CookieSessionSignature } from './cookie-session.js';
import { decodeExpressSession, type ExpressSessionId } from './express-session.js';
import { decodeFlaskSession, type FlaskSession } from './flask.js';
import { decodeJwt, type JwtDecoding } from './jwt.js';
import { guarded, tooLarge, type DecodeErrorCode, type DecodeFailure } from './result.js';
import type { Now } from './time.js';

export type CookieFormat = Exclude<CookieDecoding['format'], 'unknown'>;

export interface NearMiss {
  format: CookieFormat;
  code: DecodeErrorCode;
  message: string;
}

export interface UnknownCookie {
  ok: true;
  format: 'unknown';
  nearMisses: NearMiss[];
}

export type CookieDecoding =
  FlaskSession | CookieSessionData | CookieSessionSignature | ExpressSessionId | JwtDecoding | UnknownCookie;

export interface DecodeCookieOptions {
  now: Now;
  /** The other cookies sent or set alongside, to pair `<name>` with `<name>.sig`. */
  allCookies?: readonly CookiePair[];
}

type Attempt = {
  format: CookieFormat;
  run: (
    name: string,
    value: string,
    options: DecodeCookieOptions,
  ) => Exclude<CookieDecoding, UnknownCookie> | DecodeFailure;
  /** Whether a failure still means "this looked like the format" (reported as a near miss). */
  nearMiss: (failure: DecodeFailure, name: string, value: string, options: DecodeCookieOptions) => boolean;
};

const ATTEMPTS: readonly Attempt[] = [
  {
    format: 'cookie-session-signature',
    run: (name, value, options) => decodeCookieSessionSignature(name, value, options),
    nearMiss: () => false,
  },
  {
    format: 'express-session',
    run: (_name, value) => decodeExpressSession(value),
    nearMiss: (_failure, _name, value) => /^s(:|%3A)/i.test(value),
  },
  {
    format: 'jwt',
    run: (_name, value, options) => decodeJwt(value, options),
    nearMiss: (failure) => failure.code !== 'ERR_COOKIE_SHAPE',
  },
  {
    format: 'flask',
    run: (_name, value, options) => decodeFlaskSession(value, options),
    // The outline alone (three dotted base64url parts) is too common; it takes the `.` zlib marker
    // or a payload that starts as base64 of `{"` to call a failure Flask-like.
    nearMiss: (failure, _name, value) => failure.code !== 'ERR_COOKIE_SHAPE' && /^\.|^eyJ/.test(value),
  },
  {
    format: 'cookie-session',
    run: (name, value, options) => decodeCookieSession(name, value, options),
    // Base64 that is not JSON is common; it is a near miss only when the .sig cookie vouches for it.
    nearMiss: (failure, name, _value, options) =>
      failure.code !== 'ERR_COOKIE_SHAPE' && (options.allCookies ?? []).some((c) => c.name === `${name}.sig`),
  },
];

/** RFC 6265 §4.1.1 allows a cookie-value in double quotes; the quotes are not part of the data. */
function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}

export function decodeCookie(
  name: string,
  value: string,
  options: DecodeCookieOptions,
): CookieDecoding | DecodeFailure {
  return guarded(() => {
    const large = tooLarge(value);
    if (large) return large;
    const text = unquote(value);
    const nearMisses: NearMiss[] = [];
    for (const attempt of ATTEMPTS) {
      const result = attempt.run(name, text, options);
      if (result.ok) return result;
      if (attempt.nearMiss(result, name, text, options)) {
        nearMisses.push({ format: attempt.format, code: result.code, message: result.message });
      }
    }
    return { ok: true, format: 'unknown', nearMisses };
  });
}
