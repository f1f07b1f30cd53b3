/**
 * Which session keys are redacted before encryption. The payload is only
 * readable by a paired developer, but it still ends up in exported histories
 * and screenshots, so secret-looking values never leave the server by default.
 */

export type RedactRule = string | RegExp;
export type RedactOption = false | readonly RedactRule[] | ((key: string) => boolean);

/** Keys compared after lower-casing and dropping `_`, `-` and spaces: `api_key` = `apiKey` = `API-KEY`. */
const EXACT = [
  'password',
  'passwd',
  'pwd',
  'secret',
  'token',
  'csrf',
  'xsrf',
  'apikey',
  'authorization',
  'privatekey',
  'clientsecret',
  'otp',
  'totp',
  'cvv',
  'cvc',
  'cardnumber',
  'creditcard',
  'ssn',
  'pin',
  'passphrase',
  'sessionsecret',
  'refreshtoken',
  'accesstoken',
];

/** Suffixes that mark a secret whatever the prefix (`csrfToken`, `oauth_secret`); `authenticated` stays visible. */
const SUFFIXES = /(token|secret|password|passwd|apikey|privatekey)$/;

export const DEFAULT_REDACT: readonly RedactRule[] = [...EXACT, SUFFIXES];

function normalise(key: string): string {
  return key.toLowerCase().replace(/[-_\s]/g, '');
}

/** Turns the `redact` option into the predicate `encodeTyped` wants. */
export function redactPredicate(option: RedactOption): (key: string) => boolean {
  if (option === false) return () => false;
  if (typeof option === 'function') return option;
  const exact = new Set(option.filter((r): r is string => typeof r === 'string').map(normalise));
  const patterns = option.filter((r): r is RegExp => r instanceof RegExp);
  return (key) => {
    const n = normalise(key);
    return exact.has(n) || patterns.some((p) => p.test(n) || p.test(key));
  };
}
