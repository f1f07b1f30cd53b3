/**
 * JSON Web Tokens (RFC 7519) in a cookie: `<header>.<claims>.<signature>`, each URL-safe base64.
 *
 * Header and claims are readable by anyone; the signature cannot be checked without the key.
 * `exp`, `iat` and `nbf` are NumericDates (seconds) and come back as times for the expiry timeline,
 * judged against `now` as jose judges them (expired when exp <= now, not yet valid when nbf > now).
 * `alg: "none"` (any case) is flagged: such a token is unsigned and anyone can forge it.
 */

import type { TypedValue } from '../../../protocol/src/typed-value.js';
import { decodeBase64, decodeUtf8 } from './base64.js';
import { isJsonObject, parseJson, type JsonObject } from './json.js';
import {
  fail,
  guarded,
  tooLarge,
  type DecodeErrorCode,
  type DecodeFailure,
  type DecodeWarning,
} from './result.js';
import type { SignatureInfo } from './signature.js';
import { timePoint, type Now, type TimePoint } from './time.js';
import { toTyped } from './to-typed.js';

export interface JwtDecoding {
  ok: true;
  format: 'jwt';
  header: TypedValue;
  claims: TypedValue;
  /** The header's `alg`. */
  algorithm: string;
  /** `alg: none`: no signature protects the claims. */
  unsecured: boolean;
  times: { exp?: TimePoint; iat?: TimePoint; nbf?: TimePoint };
  /** exp <= now; null when there is no usable `exp` (the token never expires by itself). */
  expired: boolean | null;
  /** nbf > now. */
  notYetValid: boolean;
  signature: SignatureInfo;
  warnings: DecodeWarning[];
}

type Part = { ok: true; object: JsonObject } | { ok: false; code: DecodeErrorCode; why: string };

function decodePart(text: string): Part {
  const bytes = decodeBase64(text, 'url');
  if (!bytes) return { ok: false, code: 'ERR_BASE64', why: 'is not URL-safe base64' };
  const json = decodeUtf8(bytes);
  if (json === undefined) return { ok: false, code: 'ERR_UTF8', why: 'is not UTF-8' };
  const parsed = parseJson(json, { allowNonFinite: false });
  if (!parsed.ok) {
    return {
      ok: false,
      code: parsed.tooDeep ? 'ERR_JSON_TOO_DEEP' : 'ERR_JSON',
      why: `is not JSON (${parsed.message})`,
    };
  }
  if (!isJsonObject(parsed.value))
    return { ok: false, code: 'ERR_NOT_AN_OBJECT', why: 'is JSON but not an object' };
  return { ok: true, object: parsed.value };
}

const TIME_CLAIMS = ['exp', 'iat', 'nbf'] as const;

export function decodeJwt(value: string, options: { now: Now }): JwtDecoding | DecodeFailure {
  return guarded(() => {
    const large = tooLarge(value);
    if (large) return large;
    const parts = value.split('.');
    if (parts.length !== 3) {
      return fail('ERR_COOKIE_SHAPE', `Not a JWT: ${parts.length} dot-separated parts, a JWT has 3.`);
    }
    const [headerText, claimsText, signatureText] = parts as [string, string, string];
    const header = decodePart(headerText);
    if (!header.ok) return fail('ERR_COOKIE_SHAPE', `Not a JWT: the header ${header.why}.`);
    const alg = header.object.get('alg');
    if (typeof alg !== 'string')
      return fail('ERR_COOKIE_SHAPE', 'Not a JWT: the header has no "alg" string.');
    const claims = decodePart(claimsText);
    if (!claims.ok) return fail(claims.code, `JWT claims ${claims.why}.`);
    if (signatureText !== '' && !decodeBase64(signatureText, 'url')) {
      return fail('ERR_BASE64', 'JWT signature is not URL-safe base64.');
    }

    const warnings: DecodeWarning[] = [];
    const unsecured = alg.toLowerCase() === 'none';
    if (unsecured) {
      warnings.push({
        code: 'WARN_ALG_NONE',
        message:
          'alg is "none": the token is unsigned and anyone can forge its claims. A server must never accept it.',
      });
    }
    const times: JwtDecoding['times'] = {};
    for (const claim of TIME_CLAIMS) {
      if (!claims.object.has(claim)) continue;
      const seconds = claims.object.get(claim);
      if (typeof seconds === 'number') times[claim] = timePoint(seconds, options.now);
      else {
        warnings.push({
          code: 'WARN_TIME_CLAIM_NOT_NUMBER',
          message: `"${claim}" is not a NumericDate (a number of seconds); libraries reject such a token.`,
        });
      }
    }
    const expired = times.exp ? times.exp.secondsFromNow <= 0 : null;
    const notYetValid = times.nbf ? times.nbf.secondsFromNow > 0 : false;
    if (expired) {
      warnings.push({
        code: 'WARN_EXPIRED',
        message: `Expired at ${times.exp?.iso ?? 'an unrepresentable time'}.`,
      });
    }
    if (notYetValid) {
      warnings.push({ code: 'WARN_NOT_YET_VALID', message: `Not valid before ${times.nbf?.iso ?? '?'}.` });
    }
    if (times.iat && times.iat.secondsFromNow > 0) {
      warnings.push({
        code: 'WARN_ISSUED_IN_FUTURE',
        message: "Issued in the future: the issuer's clock is ahead.",
      });
    }
    return {
      ok: true,
      format: 'jwt',
      header: toTyped(header.object, { bigIntegers: 'number' }),
      claims: toTyped(claims.object, { bigIntegers: 'number' }),
      algorithm: alg,
      unsecured,
      times,
      expired,
      notYetValid,
      signature: {
        present: signatureText !== '',
        verified: false,
        algorithm: alg,
        note: unsecured
          ? 'Unsecured JWT: there is nothing to verify.'
          : "Signed by the issuer; checking it needs the issuer's key, which the panel does not have.",
      },
      warnings,
    };
  });
}
