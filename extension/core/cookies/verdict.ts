import { parseLine, type ParseFailure, type ParsedLine } from './parse.js';
import type { BrowserProfile } from './profiles.js';
import { REASONS, type Reason, type ReasonCode } from './reasons.js';
import {
  defaultPath,
  domainMatch,
  isIpAddress,
  isPublicSuffix,
  isSecureOrigin,
  parseRequestUrl,
  registrableDomain,
  sameSite,
  type RequestUrl,
} from './site.js';

/**
 * RFC 6265bis §5.7 "Storage Model" for one Set-Cookie line: will the browser store it, with
 * which attributes, until when. Pure: the response's time and the jar it lands in are passed in.
 */

export type CookieExpiry =
  /** No Max-Age/Expires: dropped when the browser session ends. */
  | { kind: 'session' }
  /** Max-Age ≤ 0 or Expires in the past: this header deletes the cookie. */
  | { kind: 'delete'; source: 'max-age' | 'expires' }
  | {
      kind: 'persistent';
      /** Epoch ms the browser will drop the cookie, after the 400-day cap. */
      at: number;
      /** What the header asked for, before the cap. */
      requestedAt: number;
      source: 'max-age' | 'expires';
      capped: boolean;
    };

export type SameSiteValue = 'Strict' | 'Lax' | 'None';

/** The cookie as the browser keeps it. */
export interface EffectiveCookie {
  name: string;
  value: string;
  /** Host for a host-only cookie, else the Domain attribute (no leading dot). */
  domain: string;
  hostOnly: boolean;
  path: string;
  secure: boolean;
  httpOnly: boolean;
  /** As the header gave it (normalised), null when absent or invalid. */
  sameSite: SameSiteValue | null;
  /** What the browser enforces (Chromium: Lax when unspecified). */
  sameSiteEnforced: SameSiteValue;
  /** Kept in a partition keyed by this top-level site (CHIPS, or Firefox's Total Cookie Protection). */
  partitionKey: string | null;
  /** Chromium's Priority, normalised (invalid → Medium); null where the browser has none. */
  priority: 'Low' | 'Medium' | 'High' | null;
  expiry: CookieExpiry;
}

export type Outcome = 'stored' | 'deleted' | 'rejected';

export interface CookieVerdict {
  raw: string;
  name: string;
  /** The value as sent (not URL-decoded): what counts against the 4096-byte limit. */
  value: string;
  /** UTF-8 bytes of name + value. */
  bytes: number;
  outcome: Outcome;
  /** Why it was rejected (outcome 'rejected'). */
  reason: Reason | null;
  /** What the browser keeps (stored), removes (deleted), or would have kept (rejected after parsing). */
  cookie: EffectiveCookie | null;
  /** Attributes the browser ignored or changed, each with its citation. */
  notes: Reason[];
}

export interface SetContext {
  /** URL of the request whose response carried the header. */
  url: string;
  /** Top-level page URL when the response loaded in a frame (null or absent: top level). */
  topUrl?: string | null;
  /** Epoch ms the response arrived. */
  receivedAt: number;
  /** The response's Date header, for the server's clock (RFC 6265bis §5.6.1 leaves it to the UA). */
  serverDate?: string | null;
}

/** What a verdict needs from the cookies already stored (secure-overwrite rule). */
export interface JarView {
  hasSecureConflict(cookie: EffectiveCookie): boolean;
}

const reason = (code: ReasonCode, detail?: string): Reason => REASONS[code](detail);

/** The notes of most verdicts: none. One shared, frozen list instead of an empty array kept per header. */
const NO_NOTES = Object.freeze([]) as unknown as Reason[];

/** The expiries without a time, shared (frozen) rather than made per header. */
const SESSION: CookieExpiry = Object.freeze({ kind: 'session' });
const DELETE_BY = {
  'max-age': Object.freeze({ kind: 'delete', source: 'max-age' }),
  expires: Object.freeze({ kind: 'delete', source: 'expires' }),
} as const satisfies Record<string, CookieExpiry>;

/** An expiry the header asked for: deletes when not after `now`, else persistent under the lifetime cap. */
function requested(
  requestedAt: number,
  now: number,
  cap: number,
  source: 'max-age' | 'expires',
): CookieExpiry {
  return requestedAt <= now
    ? DELETE_BY[source]
    : {
        kind: 'persistent',
        at: Math.min(requestedAt, cap),
        requestedAt,
        source,
        capped: requestedAt > cap,
      };
}

const MAX_AGE = /^-?\d+$/;

function expiryOf(
  line: ParsedLine,
  context: SetContext,
  profile: BrowserProfile,
  notes: Reason[],
): CookieExpiry {
  const now = context.receivedAt;
  const cap = now + profile.maxAgeMs;
  const maxAge = line.last['max-age'];
  if (maxAge !== null) {
    const text = profile.maxAgeAllowsPlus && maxAge.charCodeAt(0) === 0x2b ? maxAge.slice(1) : maxAge;
    // §5.6.2: a first character other than a digit or "-", or any later non-digit, ignores the attribute.
    if (MAX_AGE.test(text)) {
      const seconds = Number(text);
      if (seconds <= 0) return DELETE_BY['max-age'];
      return requested(now + Math.min(seconds, 1e13) * 1000, now, cap, 'max-age');
    }
    notes.push(reason('max-age-invalid', maxAge));
  }
  const expires = line.last.expires;
  if (expires !== null) {
    const at = profile.parseDate(expires);
    if (at === null) {
      notes.push(reason('expires-invalid', expires));
      return SESSION;
    }
    const server =
      profile.usesServerDate && context.serverDate ? profile.parseDate(context.serverDate) : null;
    if (server !== null && server !== now && Math.abs(server - now) >= 1000) {
      notes.push(reason('server-clock', `${Math.round((server - now) / 1000)} s`));
      return requested(now + (at - server), now, cap, 'expires');
    }
    return requested(at, now, cap, 'expires');
  }
  return SESSION;
}

function sameSiteOf(line: ParsedLine, notes: Reason[]): SameSiteValue | null {
  const attr = line.last.samesite;
  if (attr === null) return null;
  const v = attr.toLowerCase();
  if (v === 'strict') return 'Strict';
  if (v === 'lax') return 'Lax';
  if (v === 'none') return 'None';
  notes.push(reason('samesite-invalid', attr));
  return null;
}

function priorityOf(line: ParsedLine, profile: BrowserProfile, notes: Reason[]): EffectiveCookie['priority'] {
  if (!profile.hasPriority) return null;
  const attr = line.last.priority;
  if (attr === null) return 'Medium';
  const v = attr.toLowerCase();
  if (v === 'low') return 'Low';
  if (v === 'high') return 'High';
  if (v !== 'medium') notes.push(reason('priority-invalid', attr));
  return 'Medium';
}

/** Domain attribute → [domain, hostOnly] or a rejection (§5.7 steps 5–6). */
function domainOf(
  line: ParsedLine,
  host: string,
  notes: Reason[],
): { domain: string; hostOnly: boolean } | ReasonCode {
  const attr = line.last.domain;
  if (attr === null) return { domain: host, hostOnly: true };
  // Oracle, both browsers: "Domain=." and a trailing dot ("example.com.") are invalid, not ignored.
  if (attr === '.' || attr.endsWith('.')) return 'domain-invalid';
  const value = (attr.charCodeAt(0) === 0x2e ? attr.slice(1) : attr).toLowerCase();
  if (value === '') {
    notes.push(reason('domain-empty'));
    return { domain: host, hostOnly: true };
  }
  if (isIpAddress(host)) {
    if (value !== host) return 'domain-mismatch';
    notes.push(reason('domain-equals-host', attr));
    return { domain: host, hostOnly: true };
  }
  if (isPublicSuffix(value)) {
    if (value !== host) return 'domain-public-suffix';
    notes.push(reason('domain-equals-host', attr));
    return { domain: host, hostOnly: true };
  }
  if (!domainMatch(host, value)) return 'domain-mismatch';
  return { domain: value, hostOnly: false };
}

function pathOf(line: ParsedLine, requestPath: string, notes: Reason[]): string {
  const attr = line.last.path;
  if (attr !== null && attr.charCodeAt(0) === 0x2f) return attr;
  if (attr !== null) notes.push(reason('path-not-absolute', attr));
  return defaultPath(requestPath);
}

function notesForIgnored(line: ParsedLine, notes: Reason[]): void {
  if (line.ignored !== null) for (const name of line.ignored) notes.push(reason('attribute-too-long', name));
}

/** A verdict object: a plain literal, one shape (no spread: V8 clones a spread object slowly). */
function verdictOf(
  line: ParsedLine,
  outcome: Outcome,
  why: Reason | null,
  cookie: EffectiveCookie | null,
  notes: Reason[],
): CookieVerdict {
  return {
    raw: line.raw,
    name: line.name,
    value: line.value,
    bytes: line.bytes,
    outcome,
    reason: why,
    cookie,
    notes: notes.length === 0 ? NO_NOTES : notes,
  };
}

/** A line the parser threw away (§5.6): rejected before any attribute counts. */
function parseRejection(line: ParsedLine, failure: ParseFailure): CookieVerdict {
  const why =
    failure.code === 'too-big'
      ? reason('too-big', String(failure.bytes))
      : failure.code === 'control-char'
        ? reason('control-char', `0x${failure.char.toString(16).padStart(2, '0')} in the ${failure.where}`)
        : reason(failure.code);
  return verdictOf(line, 'rejected', why, null, NO_NOTES);
}

export function judgeSetCookie(
  raw: string,
  context: SetContext,
  profile: BrowserProfile,
  jar?: JarView,
): CookieVerdict {
  const line = parseLine(raw, profile);
  if (line.failure) return parseRejection(line, line.failure);
  const url = parseRequestUrl(context.url);
  if (!url || url.scheme === 'other') return verdictOf(line, 'rejected', reason('not-http'), null, NO_NOTES);
  const notes: Reason[] = [];
  notesForIgnored(line, notes);
  const expiry = expiryOf(line, context, profile, notes);
  const sameSiteAttr = sameSiteOf(line, notes);
  const priority = priorityOf(line, profile, notes);
  const secure = line.last.secure !== null;
  const path = pathOf(line, url.path, notes);
  const domain = domainOf(line, url.host, notes);
  const top = context.topUrl ? parseRequestUrl(context.topUrl) : null;
  const crossSite = top !== null && !sameSite(url, top);
  const cookie: EffectiveCookie = {
    name: line.name,
    value: line.value,
    domain: typeof domain === 'string' ? url.host : domain.domain,
    hostOnly: typeof domain === 'string' ? true : domain.hostOnly,
    path,
    secure,
    httpOnly: line.last.httponly !== null,
    sameSite: sameSiteAttr,
    sameSiteEnforced: sameSiteAttr ?? (profile.laxByDefault ? 'Lax' : 'None'),
    partitionKey: line.last.partitioned !== null && secure ? siteKey(top ?? url) : null,
    priority,
    expiry,
  };
  if (typeof domain === 'string')
    return verdictOf(line, 'rejected', reason(domain, line.last.domain ?? undefined), cookie, notes);
  const code = storageRejection(line, cookie, url, profile);
  if (code) return verdictOf(line, 'rejected', reason(code), cookie, notes);
  if (crossSite) {
    // §5.7: a same-site-flag other than None is not set from a cross-site subresource.
    if (cookie.sameSiteEnforced !== 'None' || (cookie.sameSite === null && profile.laxByDefault))
      return verdictOf(line, 'rejected', reason('cross-site-samesite'), cookie, notes);
    if (profile.thirdParty === 'block' && cookie.partitionKey === null)
      return verdictOf(line, 'rejected', reason('third-party-blocked'), cookie, notes);
    if (profile.thirdParty === 'partition') cookie.partitionKey = siteKey(top);
  }
  if (!secure && !isSecureOrigin(url) && jar?.hasSecureConflict(cookie))
    return verdictOf(line, 'rejected', reason('secure-overwrite'), cookie, notes);
  return verdictOf(line, expiry.kind === 'delete' ? 'deleted' : 'stored', null, cookie, notes);
}

/** §5.7 rules that do not depend on the jar or the frame. */
function storageRejection(
  line: ParsedLine,
  cookie: EffectiveCookie,
  url: RequestUrl,
  profile: BrowserProfile,
): ReasonCode | null {
  const secureOrigin = isSecureOrigin(url);
  if (cookie.secure && !secureOrigin) return 'secure-from-insecure';
  // The prefixes all start with "__": lower-case only a short head of such names (a value can be 4 KB).
  const lower = cookie.name.charCodeAt(0) === 0x5f ? lowerHead(cookie.name) : '';
  if (lower.startsWith('__secure-') && !cookie.secure) return 'prefix-secure';
  if (lower.startsWith('__host-')) {
    if (!cookie.secure || !cookie.hostOnly || line.last.path !== '/') return 'prefix-host';
  }
  // The HttpOnly prefixes (Chromium and Firefox implement them; oracle prefix/013–016).
  if (
    (lower.startsWith('__http-') || lower.startsWith('__host-http-')) &&
    (!cookie.httpOnly || !cookie.secure)
  )
    return 'prefix-http';
  if (cookie.name === '' && cookie.value.charCodeAt(0) === 0x5f) {
    const v = lowerHead(cookie.value);
    if (v.startsWith('__secure-') || v.startsWith('__host-')) return 'nameless-prefix';
  }
  if (cookie.sameSite === 'None' && !cookie.secure && profile.sameSiteNoneRequiresSecure)
    return 'samesite-none-insecure';
  if (line.last.partitioned !== null && !cookie.secure) return 'partitioned-insecure';
  return null;
}

/**
 * The lower-cased start of `text`, long enough to test the longest prefix ("__host-http-", 12):
 * lower-casing maps each character to one or more, so the first 12 of the result come from the
 * first 12 of `text` at most.
 */
function lowerHead(text: string): string {
  return text.slice(0, 16).toLowerCase();
}

/** A partition key in the browsers' own shape: scheme and registrable domain of the top-level site. */
function siteKey(url: RequestUrl): string {
  return `${url.scheme}://${registrableDomain(url.host)}`;
}
