/**
 * Flask session cookies: itsdangerous `URLSafeTimedSerializer` over Flask's tagged JSON.
 *
 *   [.]<payload>.<timestamp>.<signature>
 *
 * - `.` prefix: the payload is zlib-compressed (itsdangerous/url_safe.py compresses when that saves
 *   more than a byte).
 * - payload: URL-safe base64 without padding of the (inflated) JSON, tagged as in flask/json/tag.py.
 * - timestamp: URL-safe base64 of the signing time in epoch seconds as a big-endian integer with its
 *   leading zero bytes stripped (itsdangerous/timed.py + encoding.int_to_bytes), not base62.
 * - signature: HMAC (SHA-1 by default) over `[.]payload.timestamp` with a key derived from
 *   SECRET_KEY and the salt "cookie-session". Not checkable here: the panel has no secret.
 */

import type { TypedValue } from '../../../protocol/src/typed-value.js';
import { decodeBase64, decodeUtf8 } from './base64.js';
import { flaskObjectHook, FlaskTagError } from './flask-tags.js';
import { inflateZlib } from './inflate.js';
import { isJsonObject, parseJson } from './json.js';
import { fail, guarded, tooLarge, type DecodeFailure, type DecodeWarning } from './result.js';
import { HMAC_BY_BASE64_LENGTH, type SignatureInfo } from './signature.js';
import { timePoint, type Now, type TimePoint } from './time.js';
import { toTyped } from './to-typed.js';

/** Flask's PERMANENT_SESSION_LIFETIME default (31 days): the server refuses older signatures. */
export const FLASK_DEFAULT_LIFETIME_SECONDS = 31 * 24 * 60 * 60;

export interface FlaskSession {
  ok: true;
  format: 'flask';
  /** The session dict, tags resolved (see flask-tags.ts for the mapping). */
  data: TypedValue;
  /** True when the cookie had the `.` prefix (zlib-compressed payload). */
  compressed: boolean;
  /** Size of the session JSON after inflating: what the server serialized. */
  jsonBytes: number;
  /** When the server signed (= last wrote) the cookie. */
  signedAt: TimePoint;
  /** Seconds between signing and `now` (negative if the server's clock is ahead). */
  ageSeconds: number;
  /**
   * When Flask would start refusing this cookie *if* the app keeps the default 31-day
   * PERMANENT_SESSION_LIFETIME (Flask checks it for every session cookie, permanent or not).
   */
  defaultLifetimeEndsAt: TimePoint;
  /** `session.permanent`, stored by Flask as the `_permanent` key. */
  permanent: boolean;
  signature: SignatureInfo;
  warnings: DecodeWarning[];
}

// The timestamp may be empty: int_to_bytes(0) strips every byte (signed at the epoch).
const SHAPE = /^(\.?)([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{0,11})\.([A-Za-z0-9_-]+)$/;

export function decodeFlaskSession(value: string, options: { now: Now }): FlaskSession | DecodeFailure {
  return guarded(() => decode(value, options.now));
}

function decode(value: string, now: Now): FlaskSession | DecodeFailure {
  const large = tooLarge(value);
  if (large) return large;
  const shape = SHAPE.exec(value);
  const algorithm = shape ? HMAC_BY_BASE64_LENGTH[shape[4]!.length] : undefined;
  if (!shape || !algorithm) {
    return fail('ERR_COOKIE_SHAPE', 'Not a Flask session cookie: expected [.]payload.timestamp.signature.');
  }
  const [, dot, payloadText, timestampText] = shape as unknown as [string, string, string, string];
  const compressed = dot === '.';

  const stamp = decodeBase64(timestampText, 'url');
  if (!stamp || stamp.length > 8) {
    return fail(
      'ERR_COOKIE_SHAPE',
      'Not a Flask session cookie: the timestamp part is not a 0-8 byte integer.',
    );
  }
  let raw = decodeBase64(payloadText, 'url');
  if (!raw) return fail('ERR_BASE64', 'Flask payload is not URL-safe base64.');
  if (compressed) {
    const inflated = inflateZlib(raw);
    if (!inflated.ok) return inflated;
    raw = inflated.bytes;
  }
  const text = decodeUtf8(raw);
  if (text === undefined) return fail('ERR_UTF8', 'Flask payload is not UTF-8 text.');
  const parsed = parseJson(text, { allowNonFinite: true });
  if (!parsed.ok)
    return fail(parsed.tooDeep ? 'ERR_JSON_TOO_DEEP' : 'ERR_JSON', `Flask payload: ${parsed.message}`);
  if (!isJsonObject(parsed.value))
    return fail('ERR_NOT_AN_OBJECT', 'Flask payload is JSON but not an object.');

  let data: TypedValue;
  try {
    data = toTyped(parsed.value, { bigIntegers: 'bigint', objectHook: flaskObjectHook });
  } catch (error) {
    if (error instanceof FlaskTagError) return fail('ERR_FLASK_TAG', error.message);
    throw error;
  }

  const signedSeconds = Number(stamp.reduce((sum, byte) => (sum << 8n) | BigInt(byte), 0n));
  const signedAt = timePoint(signedSeconds, now);
  const ageSeconds = -signedAt.secondsFromNow;
  const warnings: DecodeWarning[] = [];
  if (ageSeconds < 0) {
    warnings.push({
      code: 'WARN_SIGNED_IN_FUTURE',
      message: `Signed ${Math.round(-ageSeconds)} s in the future: the server's clock is ahead of this one.`,
    });
  }
  if (ageSeconds > FLASK_DEFAULT_LIFETIME_SECONDS) {
    warnings.push({
      code: 'WARN_OLDER_THAN_DEFAULT_LIFETIME',
      message:
        "Signed more than 31 days ago: with Flask's default PERMANENT_SESSION_LIFETIME the server ignores it.",
    });
  }
  return {
    ok: true,
    format: 'flask',
    data,
    compressed,
    jsonBytes: raw.length,
    signedAt,
    ageSeconds,
    defaultLifetimeEndsAt: timePoint(signedSeconds + FLASK_DEFAULT_LIFETIME_SECONDS, now),
    permanent: parsed.value.get('_permanent') === true,
    signature: {
      present: true,
      verified: false,
      algorithm,
      note: "Signed with the app's SECRET_KEY (salt 'cookie-session'); it cannot be checked without that secret.",
    },
    warnings,
  };
}
