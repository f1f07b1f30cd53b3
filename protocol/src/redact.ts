/**
 * The redaction rule of the protocol (PROTOCOL.md §7): which names hide their value before a
 * payload is sealed. One stateless predicate, applied by every server to session keys at any
 * depth (object keys, Map keys, class fields), to query parameters of `request.url` and to the
 * values of cookies in `response.setCookie`.
 *
 * The vocabulary is learned from maintained redactors' defaults: Sentry's server-side scrubbing
 * and its Python SDK denylist, Rails' `filter_parameters`, Django's `hidden_settings`, plus the
 * names the security review found missing. `protocol/vectors/redaction.json` holds the same
 * vocabulary and the decisions every implementation must reproduce.
 */

/** Where a name is looked at, after normalising (see `joinedName` and `nameWords`). */
export interface RedactionVocabulary {
  /** Redact when the joined name contains one of these: `csrfToken`, `X-CSRF-Token`, `tokens`. */
  readonly stems: readonly string[];
  /** Redact when one word of the name is one of these: `pin`, `user_pin`; not `pinned`. */
  readonly words: readonly string[];
  /** Redact when the whole joined name is one of these: `auth`, not `authUser`. */
  readonly exact: readonly string[];
}

export const REDACTION_VOCABULARY: RedactionVocabulary = {
  stems: [
    'password',
    'passwd',
    'passphrase',
    'secret',
    'token',
    'csrf',
    'xsrf',
    'credential',
    'bearer',
    'jwt',
    'apikey',
    'privatekey',
    'privkey',
    'authorization',
    'signingkey',
    'encryptionkey',
    'accesskey',
    'masterkey',
    'codeverifier',
    'recoverycode',
    'backupcode',
    'oauthstate',
    'authcode',
    'cardnumber',
    'creditcard',
    'rememberweb',
  ],
  words: [
    'pwd',
    'pass',
    'pin',
    'otp',
    'totp',
    'hotp',
    'ssn',
    'cvv',
    'cvc',
    'cvn',
    'salt',
    'hash',
    'signature',
    'sig',
  ],
  exact: ['auth', 'cookie', 'setcookie', 'rememberme'],
};

/** The name lower-cased (ASCII A-Z only) with everything but a-z and 0-9 dropped: `X-Api_Key` → `xapikey`. */
export function joinedName(name: string): string {
  return name.replace(/[A-Z]/g, (c) => c.toLowerCase()).replace(/[^a-z0-9]/g, '');
}

/**
 * The words of a name: split at every character that is not an ASCII letter or digit, then at
 * camelCase humps (`passwordHash` → password, hash; `JSONToken` → json, token), lower-cased.
 */
export function nameWords(name: string): string[] {
  const words: string[] = [];
  for (const chunk of name.split(/[^A-Za-z0-9]+/)) {
    if (chunk === '') continue;
    const parts = chunk.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+/g) ?? [];
    for (const part of parts) words.push(part.toLowerCase());
  }
  return words;
}

/** The default rule: does this name (a session key, a query parameter, a cookie name) look secret? */
export function isSecretName(name: string, vocabulary: RedactionVocabulary = REDACTION_VOCABULARY): boolean {
  const joined = joinedName(name);
  if (joined === '') return false;
  if (vocabulary.exact.includes(joined)) return true;
  if (vocabulary.stems.some((stem) => joined.includes(stem))) return true;
  return nameWords(name).some((word) => vocabulary.words.includes(word));
}

/** A rule a server's user adds: a name (compared as `joinedName`), a RegExp, or a predicate. */
export type RedactRule = string | RegExp | ((name: string) => boolean);
/** `false` turns redaction off; a list replaces the default (`[...DEFAULT_REDACT, 'mine']` extends it). */
export type RedactOption = false | readonly RedactRule[] | ((name: string) => boolean);

export const DEFAULT_REDACT: readonly RedactRule[] = Object.freeze([(name: string) => isSecretName(name)]);

/**
 * Turns the option into one stateless predicate. A RegExp is copied without its `g` and `y`
 * flags: those make `test` resume at `lastIndex`, so the same key would match only every other
 * time. It is tried on the name as written and on its joined form.
 */
export function redactPredicate(option: RedactOption): (name: string) => boolean {
  if (option === false) return () => false;
  if (typeof option === 'function') return (name) => option(name) === true;
  const exact = new Set<string>();
  const patterns: RegExp[] = [];
  const predicates: ((name: string) => boolean)[] = [];
  for (const rule of option) {
    if (typeof rule === 'string') exact.add(joinedName(rule));
    else if (rule instanceof RegExp) patterns.push(new RegExp(rule.source, rule.flags.replace(/[gy]/g, '')));
    else if (typeof rule === 'function') predicates.push(rule);
  }
  const decide = (name: string): boolean => {
    const joined = joinedName(name);
    return (
      exact.has(joined) ||
      patterns.some((p) => p.test(name) || p.test(joined)) ||
      predicates.some((p) => p(name) === true)
    );
  };
  // A user's own predicate may answer differently each time: ask it every time.
  if (!predicates.every((p) => p === DEFAULT_REDACT[0])) return decide;
  // Names, RegExps (flags g and y dropped above) and the vocabulary answer the same for a name
  // every time, and a server asks about the same few session keys on every request: remember
  // the answers (the word split allocated ~2 KB per paired request). Bounded, and only short
  // names, so that hostile key names cannot grow it.
  const answers = new Map<string, boolean>();
  return (name) => {
    let answer = answers.get(name);
    if (answer === undefined) {
      answer = decide(name);
      if (name.length <= MEMO_NAME_CHARS) {
        if (answers.size >= MEMO_NAMES) answers.clear();
        answers.set(name, answer);
      }
    }
    return answer;
  };
}

const MEMO_NAMES = 1024;
const MEMO_NAME_CHARS = 256;

/** What replaces a redacted query-parameter or cookie value: valid in a URL and as a cookie-octet. */
export const REDACTED_TEXT = '[redacted]';

function decodeComponent(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/**
 * `request.url` with the value of every secret-looking query parameter replaced by
 * `[redacted]` (`/reset?reset_token=abc&x=1` → `/reset?reset_token=[redacted]&x=1`). Names are
 * compared decoded; everything else (order, encoding, the fragment) is kept as sent.
 */
export function redactUrl(url: string, redact: (name: string) => boolean): string {
  const q = url.indexOf('?');
  if (q === -1) return url;
  const hash = url.indexOf('#', q);
  const query = hash === -1 ? url.slice(q + 1) : url.slice(q + 1, hash);
  const rest = hash === -1 ? '' : url.slice(hash);
  const parts = query.split('&').map((part) => {
    const eq = part.indexOf('=');
    const name = eq === -1 ? part : part.slice(0, eq);
    if (eq === -1 || !redact(decodeComponent(name))) return part;
    return `${name}=${REDACTED_TEXT}`;
  });
  return `${url.slice(0, q + 1)}${parts.join('&')}${rest}`;
}

/**
 * A Set-Cookie line with its value replaced by `[redacted]` when the cookie's name looks secret
 * (`remember_token`, `XSRF-TOKEN`) or is in `alsoNames`; attributes are kept as sent.
 */
export function redactSetCookie(
  line: string,
  redact: (name: string) => boolean,
  alsoNames: readonly string[] = [],
): string {
  const semi = line.indexOf(';');
  const pair = semi === -1 ? line : line.slice(0, semi);
  const eq = pair.indexOf('=');
  if (eq === -1) return line;
  const name = pair.slice(0, eq).trim();
  if (!redact(name) && !alsoNames.includes(name)) return line;
  return `${pair.slice(0, eq)}=${REDACTED_TEXT}${semi === -1 ? '' : line.slice(semi)}`;
}

/** A request Cookie header with the value of each secret-looking cookie replaced by `[redacted]`. */
export function redactCookieHeader(header: string, redact: (name: string) => boolean): string {
  return header
    .split(';')
    .map((part) => {
      const eq = part.indexOf('=');
      if (eq === -1 || !redact(part.slice(0, eq).trim())) return part;
      return `${part.slice(0, eq)}=${REDACTED_TEXT}`;
    })
    .join(';');
}
