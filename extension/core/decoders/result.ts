/**
 * What every cookie decoder returns: a typed result or a typed failure, never a throw.
 *
 * Failures carry a stable `code` (tests and the panel switch on it) and a `message` a person can
 * read. Warnings ride along on successful results: the value decoded, but something deserves a look.
 */

export type DecodeErrorCode =
  /** The value is longer than {@link LIMITS.maxCookieChars}: not decoded at all. */
  | 'ERR_COOKIE_TOO_LARGE'
  /** The value does not have the format's outline (parts, separators, alphabet). */
  | 'ERR_COOKIE_SHAPE'
  | 'ERR_BASE64'
  | 'ERR_UTF8'
  /** zlib data that does not inflate. */
  | 'ERR_INFLATE'
  /** zlib data that inflates past {@link LIMITS.maxInflatedBytes} (a "zip bomb" or a runaway session). */
  | 'ERR_INFLATE_LIMIT'
  | 'ERR_JSON'
  /** JSON nested deeper than {@link LIMITS.maxJsonDepth}. */
  | 'ERR_JSON_TOO_DEEP'
  /** Valid JSON, but not the object the format stores. */
  | 'ERR_NOT_AN_OBJECT'
  /** A Flask tagged-JSON tag (` t`, ` b`, …) whose content the tag cannot hold. */
  | 'ERR_FLASK_TAG'
  /** A bug in a decoder, caught so that it never reaches the UI. */
  | 'ERR_DECODER_INTERNAL';

export interface DecodeFailure {
  ok: false;
  code: DecodeErrorCode;
  message: string;
}

export type DecodeWarningCode =
  | 'WARN_ALG_NONE'
  | 'WARN_EXPIRED'
  | 'WARN_NOT_YET_VALID'
  | 'WARN_ISSUED_IN_FUTURE'
  | 'WARN_SIGNED_IN_FUTURE'
  | 'WARN_TIME_CLAIM_NOT_NUMBER'
  | 'WARN_OLDER_THAN_DEFAULT_LIFETIME'
  | 'WARN_SIGNATURE_COOKIE_MISSING';

export interface DecodeWarning {
  code: DecodeWarningCode;
  message: string;
}

/** Every bound in one place: decoders do bounded work whatever they are handed. */
export const LIMITS = {
  /** Browsers keep at most 4096 bytes per cookie; we still decode oversized ones to explain them. */
  maxCookieChars: 64 * 1024,
  /** A Flask session that inflates past this is not a session anyone meant to send. */
  maxInflatedBytes: 1024 * 1024,
  /** Deep enough for any real session, shallow enough for the recursion that walks it. */
  maxJsonDepth: 128,
} as const;

export function fail(code: DecodeErrorCode, message: string): DecodeFailure {
  return { ok: false, code, message };
}

/** Runs a decoder and turns anything it throws (a bug) into a failure the panel can show. */
export function guarded<T>(decoder: () => T | DecodeFailure): T | DecodeFailure {
  try {
    return decoder();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return fail('ERR_DECODER_INTERNAL', `Decoder failed unexpectedly: ${message}`);
  }
}

export function tooLarge(value: string): DecodeFailure | undefined {
  if (value.length <= LIMITS.maxCookieChars) return undefined;
  return fail(
    'ERR_COOKIE_TOO_LARGE',
    `Cookie value is ${value.length} characters, over the decoder's limit of ${LIMITS.maxCookieChars}.`,
  );
}
