import type { Reason, ReasonCode } from './reasons.js';
import type { SetCookie } from './set-cookie.js';

export type Severity = 'error' | 'warning' | 'info';

export interface CookieContext {
  cookie: SetCookie;
  /** True for the cookie that carries the session (named by server-lib or recognised by a decoder). */
  isSessionCookie: boolean;
  /** URL of the request whose response set the cookie. */
  requestUrl: string;
}

/** Advice on a cookie the browser keeps: it works, but it is risky or about to break. */
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

const kept = (c: SetCookie) => c.outcome === 'stored';

/** The advice rules, in the order their findings are shown. Add a rule here; nowhere else. */
export const COOKIE_RULES: readonly CookieRule[] = [
  {
    id: 'size-near-limit',
    severity: 'warning',
    spec: 'RFC 6265bis §5.6 (name + value over 4096 octets)',
    specUrl: `${RFC}#section-5.6`,
    applies: ({ cookie }) => kept(cookie) && cookie.bytes > LIMIT * 0.8,
    message: ({ cookie }) =>
      `${cookie.name} uses ${cookie.bytes} of ${LIMIT} bytes (${Math.round((cookie.bytes / LIMIT) * 100)} %); past the limit the browser drops it without a word.`,
  },
  {
    id: 'session-without-httponly',
    severity: 'warning',
    spec: 'RFC 6265bis §4.1.2.6 (HttpOnly)',
    specUrl: `${RFC}#section-4.1.2.6`,
    applies: ({ cookie, isSessionCookie }) => isSessionCookie && kept(cookie) && !cookie.httpOnly,
    message: ({ cookie }) =>
      `Session cookie ${cookie.name} lacks HttpOnly: any script on the page (an XSS) can read and steal the session.`,
  },
  {
    id: 'session-without-secure-on-https',
    severity: 'error',
    spec: 'RFC 6265bis §4.1.2.5 (Secure)',
    specUrl: `${RFC}#section-4.1.2.5`,
    applies: ({ cookie, isSessionCookie, requestUrl }) =>
      isSessionCookie && requestUrl.startsWith('https:') && kept(cookie) && !cookie.secure,
    message: ({ cookie }) =>
      `Session cookie ${cookie.name} is set over https without Secure: it will also travel over plain http, where anyone on the network can read it.`,
  },
  {
    id: 'session-samesite-missing',
    severity: 'info',
    spec: 'RFC 6265bis §5.6.7 (SameSite attribute); Chrome defaults to Lax',
    specUrl: `${RFC}#section-5.6.7`,
    applies: ({ cookie, isSessionCookie }) => isSessionCookie && kept(cookie) && cookie.sameSite === null,
    message: ({ cookie }) =>
      `Session cookie ${cookie.name} has no SameSite: Chrome treats it as Lax, Firefox sends it cross-site. Say what you mean.`,
  },
  {
    id: 'expiry-over-400-days',
    severity: 'warning',
    spec: 'RFC 6265bis §5.6.1–5.6.2 (lifetime capped at 400 days)',
    specUrl: `${RFC}#section-5.6.1`,
    applies: ({ cookie }) => kept(cookie) && cookie.expiry.kind === 'persistent' && cookie.expiry.capped,
    message: ({ cookie }) =>
      `${cookie.name} asks to live longer than 400 days; browsers cap it at 400 days from now.`,
  },
];

/** Notes that change nothing a developer must fix: shown as info, not warnings. */
const INFO_NOTES: readonly ReasonCode[] = ['server-clock', 'domain-equals-host'];

const fromReason = (cookie: SetCookie, reason: Reason, severity: Severity): CookieFinding => ({
  ruleId: reason.code,
  severity,
  cookieName: cookie.name,
  message: `${cookie.name === '' ? '(nameless)' : cookie.name}: ${reason.message}`,
  spec: reason.cite,
  specUrl: reason.citeUrl,
});

/**
 * Findings for one cookie: the engine's verdict first (rejected → error; ignored or changed
 * attributes → warning or info), then the advice rules. Nothing here re-parses the header.
 */
export function checkCookie(
  context: CookieContext,
  rules: readonly CookieRule[] = COOKIE_RULES,
): CookieFinding[] {
  const { cookie } = context;
  const out: CookieFinding[] = [];
  if (cookie.reason) out.push(fromReason(cookie, cookie.reason, 'error'));
  for (const note of cookie.notes)
    out.push(fromReason(cookie, note, INFO_NOTES.includes(note.code) ? 'info' : 'warning'));
  for (const rule of rules) {
    if (!rule.applies(context)) continue;
    out.push({
      ruleId: rule.id,
      severity: rule.severity,
      cookieName: cookie.name,
      message: rule.message(context),
      spec: rule.spec,
      specUrl: rule.specUrl,
    });
  }
  return out;
}
