import type { SetCookie } from './set-cookie.js';

export type Severity = 'error' | 'warning' | 'info';

export interface CookieContext {
  cookie: SetCookie;
  /** True for the cookie that carries the session (named by server-lib or recognised by a decoder). */
  isSessionCookie: boolean;
  /** URL of the request whose response set the cookie. */
  requestUrl: string;
}

export interface CookieRule {
  id: string;
  severity: Severity;
  /** Where the rule comes from: a section of RFC 6265bis or a named browser behaviour. */
  spec: string;
  specUrl: string;
  applies(context: CookieContext): boolean;
  message(context: CookieContext): string;
}

export interface CookieFinding {
  ruleId: string;
  severity: Severity;
  cookieName: string;
  message: string;
  spec: string;
  specUrl: string;
}

const RFC = 'https://datatracker.ietf.org/doc/html/draft-ietf-httpbis-rfc6265bis';
const LIMIT = 4096;

function isSecureOrigin(url: string): boolean {
  try {
    const { protocol, hostname } = new URL(url);
    // Browsers treat loopback as a secure context and accept Secure cookies from it.
    return protocol === 'https:' || hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
  } catch {
    return false;
  }
}

function isHttps(url: string): boolean {
  return url.startsWith('https:');
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return '';
  }
}

/** RFC 6265bis §5.1.3 domain-match, for a Domain attribute with its leading dot removed. */
function domainMatches(host: string, domain: string): boolean {
  const d = domain.replace(/^\./, '').toLowerCase();
  return host === d || host.endsWith(`.${d}`);
}

const sameSiteValues = ['strict', 'lax', 'none'];

/** The rules, in the order their findings are shown. Add a rule here; nowhere else. */
export const COOKIE_RULES: readonly CookieRule[] = [
  {
    id: 'size-over-limit',
    severity: 'error',
    spec: 'RFC 6265bis §5.6 (name + value over 4096 octets)',
    specUrl: `${RFC}#section-5.6`,
    applies: ({ cookie }) => cookie.bytes > LIMIT,
    message: ({ cookie }) =>
      `${cookie.name} is ${cookie.bytes} bytes; browsers silently ignore a cookie whose name and value exceed ${LIMIT} bytes, so the previous value stays (or none).`,
  },
  {
    id: 'size-near-limit',
    severity: 'warning',
    spec: 'RFC 6265bis §5.6 (name + value over 4096 octets)',
    specUrl: `${RFC}#section-5.6`,
    applies: ({ cookie }) => cookie.bytes > LIMIT * 0.8 && cookie.bytes <= LIMIT,
    message: ({ cookie }) =>
      `${cookie.name} uses ${cookie.bytes} of ${LIMIT} bytes (${Math.round((cookie.bytes / LIMIT) * 100)} %); past the limit the browser drops it without a word.`,
  },
  {
    id: 'session-without-httponly',
    severity: 'warning',
    spec: 'RFC 6265bis §4.1.2.6 (HttpOnly)',
    specUrl: `${RFC}#section-4.1.2.6`,
    applies: ({ cookie, isSessionCookie }) => isSessionCookie && !cookie.httpOnly && cookie.expiry.kind !== 'delete',
    message: ({ cookie }) =>
      `Session cookie ${cookie.name} lacks HttpOnly: any script on the page (an XSS) can read and steal the session.`,
  },
  {
    id: 'session-without-secure-on-https',
    severity: 'error',
    spec: 'RFC 6265bis §4.1.2.5 (Secure)',
    specUrl: `${RFC}#section-4.1.2.5`,
    applies: ({ cookie, isSessionCookie, requestUrl }) =>
      isSessionCookie && isHttps(requestUrl) && !cookie.secure && cookie.expiry.kind !== 'delete',
    message: ({ cookie }) =>
      `Session cookie ${cookie.name} is set over https without Secure: it will also travel over plain http, where anyone on the network can read it.`,
  },
  {
    id: 'samesite-none-without-secure',
    severity: 'error',
    spec: 'RFC 6265bis §5.7 (SameSite=None requires Secure); Chrome 80+, Firefox 69+',
    specUrl: `${RFC}#section-5.7`,
    applies: ({ cookie }) => cookie.sameSite?.toLowerCase() === 'none' && !cookie.secure,
    message: ({ cookie }) => `${cookie.name} has SameSite=None without Secure: browsers reject the whole cookie.`,
  },
  {
    id: 'samesite-invalid',
    severity: 'warning',
    spec: 'RFC 6265bis §5.6.7 (SameSite attribute)',
    specUrl: `${RFC}#section-5.6.7`,
    applies: ({ cookie }) => cookie.sameSite !== null && !sameSiteValues.includes(cookie.sameSite.toLowerCase()),
    message: ({ cookie }) =>
      `${cookie.name} has SameSite=${cookie.sameSite ?? ''}, which is not Strict, Lax or None; browsers ignore it and apply their default (Lax in Chrome).`,
  },
  {
    id: 'session-samesite-missing',
    severity: 'info',
    spec: 'RFC 6265bis §5.6.7 (SameSite attribute); Chrome defaults to Lax',
    specUrl: `${RFC}#section-5.6.7`,
    applies: ({ cookie, isSessionCookie }) => isSessionCookie && cookie.sameSite === null && cookie.expiry.kind !== 'delete',
    message: ({ cookie }) =>
      `Session cookie ${cookie.name} has no SameSite: Chrome treats it as Lax, Firefox and Safari may send it cross-site. Say what you mean.`,
  },
  {
    id: 'prefix-secure',
    severity: 'error',
    spec: 'RFC 6265bis §4.1.3.1 (__Secure- prefix)',
    specUrl: `${RFC}#section-4.1.3.1`,
    applies: ({ cookie, requestUrl }) =>
      cookie.name.toLowerCase().startsWith('__secure-') && (!cookie.secure || !isSecureOrigin(requestUrl)),
    message: ({ cookie }) =>
      `${cookie.name} uses the __Secure- prefix but is not Secure or not set from a secure origin: browsers reject it.`,
  },
  {
    id: 'prefix-host',
    severity: 'error',
    spec: 'RFC 6265bis §4.1.3.2 (__Host- prefix)',
    specUrl: `${RFC}#section-4.1.3.2`,
    applies: ({ cookie, requestUrl }) =>
      cookie.name.toLowerCase().startsWith('__host-') &&
      (!cookie.secure || !isSecureOrigin(requestUrl) || cookie.domain !== null || cookie.path !== '/'),
    message: ({ cookie }) =>
      `${cookie.name} uses the __Host- prefix, which requires Secure, Path=/ and no Domain: browsers reject it as sent.`,
  },
  {
    id: 'secure-from-insecure-origin',
    severity: 'error',
    spec: 'RFC 6265bis §5.7 (Secure cookie from a non-secure origin)',
    specUrl: `${RFC}#section-5.7`,
    applies: ({ cookie, requestUrl }) => cookie.secure && !isSecureOrigin(requestUrl),
    message: ({ cookie }) =>
      `${cookie.name} is Secure but was set over plain http: browsers ignore it, so the session will not stick.`,
  },
  {
    id: 'partitioned-without-secure',
    severity: 'error',
    spec: 'CHIPS: Partitioned requires Secure (Chrome 114+)',
    specUrl: 'https://developer.mozilla.org/en-US/docs/Web/Privacy/Guides/Privacy_sandbox/Partitioned_cookies',
    applies: ({ cookie }) => cookie.partitioned && !cookie.secure,
    message: ({ cookie }) => `${cookie.name} is Partitioned without Secure: browsers reject it.`,
  },
  {
    id: 'domain-mismatch',
    severity: 'error',
    spec: 'RFC 6265bis §5.7 step 6 (Domain must domain-match the request host)',
    specUrl: `${RFC}#section-5.7`,
    applies: ({ cookie, requestUrl }) => {
      const host = hostOf(requestUrl);
      return cookie.domain !== null && host !== '' && !domainMatches(host, cookie.domain);
    },
    message: ({ cookie, requestUrl }) =>
      `${cookie.name} has Domain=${cookie.domain ?? ''}, which does not match ${hostOf(requestUrl)}: browsers reject it.`,
  },
  {
    id: 'expiry-over-400-days',
    severity: 'warning',
    spec: 'RFC 6265bis §5.6.1–5.6.2 (lifetime capped at 400 days)',
    specUrl: `${RFC}#section-5.6.1`,
    applies: ({ cookie }) => cookie.expiry.kind === 'persistent' && cookie.expiry.capped,
    message: ({ cookie }) =>
      `${cookie.name} asks to live longer than 400 days; browsers cap it at 400 days from now.`,
  },
  {
    id: 'attribute-too-long',
    severity: 'warning',
    spec: 'RFC 6265bis §5.6 (attribute values over 1024 octets are ignored)',
    specUrl: `${RFC}#section-5.6`,
    applies: ({ cookie }) => (cookie.path?.length ?? 0) > 1024 || (cookie.domain?.length ?? 0) > 1024,
    message: ({ cookie }) => `${cookie.name} has a Path or Domain over 1024 bytes; browsers ignore that attribute.`,
  },
];

export function checkCookie(context: CookieContext, rules: readonly CookieRule[] = COOKIE_RULES): CookieFinding[] {
  return rules
    .filter((rule) => rule.applies(context))
    .map((rule) => ({
      ruleId: rule.id,
      severity: rule.severity,
      cookieName: context.cookie.name,
      message: rule.message(context),
      spec: rule.spec,
      specUrl: rule.specUrl,
    }));
}
