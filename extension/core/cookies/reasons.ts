/**
 * Why the engine says what it says: one entry per rule, each citing the RFC 6265bis section
 * or the named browser behaviour it applies. Verdicts carry these; views print them.
 */

const RFC = 'https://datatracker.ietf.org/doc/html/draft-ietf-httpbis-rfc6265bis';

export interface Reason {
  code: ReasonCode;
  message: string;
  /** "RFC 6265bis §5.7 step 5", "Chromium: third-party cookies blocked", … */
  cite: string;
  citeUrl: string;
}

interface Rule {
  cite: string;
  citeUrl: string;
  message(detail: string): string;
}

const rules = {
  empty: {
    cite: 'RFC 6265bis §5.6 step 6',
    citeUrl: `${RFC}#section-5.6`,
    message: () => 'Neither a name nor a value: the header is ignored.',
  },
  'too-big': {
    cite: 'RFC 6265bis §5.6 step 5 (name + value ≤ 4096 octets)',
    citeUrl: `${RFC}#section-5.6`,
    message: (d) =>
      `Name and value are ${d} bytes, over 4096: the browser ignores the whole header and keeps the old value, if any.`,
  },
  'control-char': {
    cite: 'RFC 6265bis §5.6 step 1 (control characters)',
    citeUrl: `${RFC}#section-5.6`,
    message: (d) => `A control character (${d}) makes the browser ignore the whole header.`,
  },
  'empty-name': {
    cite: 'Firefox: a cookie with an empty name ("=value") is rejected (RFC 6265bis §5.6 would keep it)',
    citeUrl: `${RFC}#section-5.6`,
    message: () =>
      'The name before "=" is empty: Firefox ignores the header (Chromium keeps a nameless cookie).',
  },
  'domain-invalid': {
    cite: 'RFC 6265bis §5.6.3; Chromium and Firefox reject "Domain=." and a trailing dot',
    citeUrl: `${RFC}#section-5.6.3`,
    message: (d) =>
      `Domain=${d} is not a valid domain (a lone or trailing dot): the browser ignores the cookie.`,
  },
  'prefix-http': {
    cite: 'Cookie prefixes __Http- and __Host-Http- (RFC 6265bis drafts; Chromium and Firefox)',
    citeUrl: `${RFC}#section-4.1.3`,
    message: () =>
      'The __Http- and __Host-Http- prefixes require HttpOnly and Secure: the browser ignores the cookie.',
  },
  'not-http': {
    cite: 'RFC 6265bis §5.7',
    citeUrl: `${RFC}#section-5.7`,
    message: () => 'Not an http(s) request: no cookie is stored from it.',
  },
  'domain-mismatch': {
    cite: 'RFC 6265bis §5.7 step 6 (Domain must domain-match the host)',
    citeUrl: `${RFC}#section-5.7`,
    message: (d) => `Domain=${d} does not match the host that set it: the browser ignores the cookie.`,
  },
  'domain-public-suffix': {
    cite: 'RFC 6265bis §5.7 step 5 (public suffix); Public Suffix List',
    citeUrl: `${RFC}#section-5.7`,
    message: (d) =>
      `Domain=${d} is a public suffix (anyone can register under it): the browser ignores the cookie.`,
  },
  'secure-from-insecure': {
    cite: 'RFC 6265bis §5.7 step 9 (Secure only from a secure origin)',
    citeUrl: `${RFC}#section-5.7`,
    message: () =>
      'Secure cookie set over plain http: the browser ignores it (https, localhost and 127.0.0.1 may set Secure cookies).',
  },
  'prefix-secure': {
    cite: 'RFC 6265bis §4.1.3.1 (__Secure- prefix)',
    citeUrl: `${RFC}#section-4.1.3.1`,
    message: () => 'The __Secure- prefix requires the Secure attribute: the browser ignores the cookie.',
  },
  'prefix-host': {
    cite: 'RFC 6265bis §4.1.3.2 (__Host- prefix)',
    citeUrl: `${RFC}#section-4.1.3.2`,
    message: () =>
      'The __Host- prefix requires Secure, Path=/ and no Domain: the browser ignores the cookie.',
  },
  'nameless-prefix': {
    cite: 'RFC 6265bis §5.7 (nameless cookie whose value starts with __Secure- or __Host-)',
    citeUrl: `${RFC}#section-5.7`,
    message: () =>
      'A nameless cookie whose value starts with __Secure- or __Host- would look like a prefixed cookie in the Cookie header: the browser ignores it.',
  },
  'samesite-none-insecure': {
    cite: 'RFC 6265bis §5.7 (SameSite=None requires Secure); Chromium 80+, Firefox',
    citeUrl: `${RFC}#section-5.7`,
    message: () => 'SameSite=None without Secure: the browser ignores the cookie.',
  },
  'partitioned-insecure': {
    cite: 'CHIPS (Partitioned requires Secure)',
    citeUrl:
      'https://developer.mozilla.org/en-US/docs/Web/Privacy/Guides/Privacy_sandbox/Partitioned_cookies',
    message: () => 'Partitioned without Secure: the browser ignores the cookie.',
  },
  'cross-site-samesite': {
    cite: 'RFC 6265bis §5.7 (same-site-flag from a cross-site request)',
    citeUrl: `${RFC}#section-5.7`,
    message: () =>
      'Set from a cross-site frame with SameSite Lax or Strict (or no SameSite, which Chromium treats as Lax): the browser ignores it.',
  },
  'third-party-blocked': {
    cite: 'Chromium: third-party cookies blocked (cookie settings); only Partitioned (CHIPS) cookies are kept',
    citeUrl: 'https://developers.google.com/privacy-sandbox/cookies/chips',
    message: () =>
      'Set from a cross-site frame: Chromium blocks third-party cookies unless they are Partitioned.',
  },
  'secure-overwrite': {
    cite: 'RFC 6265bis §5.7 step 16 (leave secure cookies alone)',
    citeUrl: `${RFC}#section-5.7`,
    message: () =>
      'A Secure cookie with this name already exists: plain http may not overwrite or delete it.',
  },
  'header-block-too-big': {
    cite: 'Chromium: response headers over 256 KiB fail the response (ERR_RESPONSE_HEADERS_TOO_BIG)',
    citeUrl: 'https://source.chromium.org/chromium/chromium/src/+/main:net/http/http_stream_parser.cc',
    message: (d) =>
      `The response's headers are ${d} bytes, more than the browser accepts: the response fails and no cookie is stored.`,
  },
  evicted: {
    cite: 'RFC 6265bis §5.7.1 (cookie limits): per-domain cap',
    citeUrl: `${RFC}#section-5.7`,
    message: (d) => `Evicted: more than ${d} cookies for this domain, the browser removed the oldest.`,
  },
  // Notes: attributes ignored or changed, the cookie itself is kept.
  'max-age-invalid': {
    cite: 'RFC 6265bis §5.6.2 (Max-Age must be -?DIGITs)',
    citeUrl: `${RFC}#section-5.6.2`,
    message: (d) => `Max-Age=${d} is not a number the browser reads: the attribute is ignored.`,
  },
  'expires-invalid': {
    cite: 'RFC 6265bis §5.1.1 (cookie-date)',
    citeUrl: `${RFC}#section-5.1.1`,
    message: (d) =>
      `Expires=${d} is not a cookie-date: the attribute is ignored (a browser-session cookie unless Max-Age says otherwise).`,
  },
  'server-clock': {
    cite: 'RFC 6265bis §5.6.1; Chromium and Firefox read Expires relative to the response Date header',
    citeUrl: `${RFC}#section-5.6.1`,
    message: (d) =>
      `The server's clock (Date header) is ${d} off: the browser shifts Expires by the same amount.`,
  },
  'samesite-invalid': {
    cite: 'RFC 6265bis §5.6.7 (SameSite: Strict, Lax or None)',
    citeUrl: `${RFC}#section-5.6.7`,
    message: (d) => `SameSite=${d} is not Strict, Lax or None: ignored, the browser's default applies.`,
  },
  'priority-invalid': {
    cite: 'Chromium: Priority is Low, Medium or High (else Medium)',
    citeUrl: 'https://source.chromium.org/chromium/chromium/src/+/main:net/cookies/cookie_constants.cc',
    message: (d) => `Priority=${d} is not Low, Medium or High: Chromium uses Medium.`,
  },
  'domain-empty': {
    cite: 'RFC 6265bis §5.6.3 (empty Domain)',
    citeUrl: `${RFC}#section-5.6.3`,
    message: () => 'Domain= is empty: ignored, the cookie is host-only.',
  },
  'domain-equals-host': {
    cite: 'RFC 6265bis §5.7 step 5 (Domain equal to a host that is a public suffix or an IP address)',
    citeUrl: `${RFC}#section-5.7`,
    message: (d) =>
      `Domain=${d} names the host itself, which has no parent domain (localhost, an IP address): the cookie is host-only.`,
  },
  'path-not-absolute': {
    cite: 'RFC 6265bis §5.6.4 (Path must start with "/")',
    citeUrl: `${RFC}#section-5.6.4`,
    message: (d) => `Path=${d} does not start with "/": ignored, the default path applies.`,
  },
  'attribute-too-long': {
    cite: 'RFC 6265bis §5.6 (attribute values over 1024 octets are ignored)',
    citeUrl: `${RFC}#section-5.6`,
    message: (d) => `The ${d} value is over 1024 bytes: the browser ignores that attribute.`,
  },
} satisfies Record<string, Rule>;

export type ReasonCode = keyof typeof rules;

/**
 * One Reason object per (code, detail), frozen and shared: a history repeats the same few
 * (a public-suffix Domain, an oversized value), and building the sentence each time was a
 * measurable share of judging 10,000 headers.
 */
const made = new Map<string, Reason>();

function reasonFor(code: ReasonCode, detail: string): Reason {
  const key = `${code}\n${detail}`;
  let reason = made.get(key);
  if (reason === undefined) {
    const rule: Rule = rules[code];
    reason = Object.freeze({ code, message: rule.message(detail), cite: rule.cite, citeUrl: rule.citeUrl });
    if (made.size >= 4096) made.clear();
    made.set(key, reason);
  }
  return reason;
}

export const REASONS = Object.fromEntries(
  Object.keys(rules).map((code) => [code, (detail = ''): Reason => reasonFor(code as ReasonCode, detail)]),
) as Record<ReasonCode, (detail?: string) => Reason>;
