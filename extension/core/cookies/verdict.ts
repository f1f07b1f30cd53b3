import { lastAttribute, parseLine, type ParsedLine } from './parse.js';
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

function expiryOf(
  line: ParsedLine,
  context: SetContext,
  profile: BrowserProfile,
  notes: Reason[],
): CookieExpiry {
  const now = context.receivedAt;
  const cap = now + profile.maxAgeMs;
  const persistent = (requestedAt: number, source: 'max-age' | 'expires'): CookieExpiry =>
    requestedAt <= now
      ? { kind: 'delete', source }
      : {
          kind: 'persistent',
          at: Math.min(requestedAt, cap),
          requestedAt,
          source,
          capped: requestedAt > cap,
        };
  const maxAge = lastAttribute(line, 'max-age');
  if (maxAge) {
    const text = profile.maxAgeAllowsPlus ? maxAge.value.replace(/^\+/, '') : maxAge.value;
    // §5.6.2: a first character other than a digit or "-", or any later non-digit, ignores the attribute.
    if (/^-?\d+$/.test(text)) {
      const seconds = Number(text);
      if (seconds <= 0) return { kind: 'delete', source: 'max-age' };
      return persistent(now + Math.min(seconds, 1e13) * 1000, 'max-age');
    }
    notes.push(reason('max-age-invalid', maxAge.value));
  }
  const expires = lastAttribute(line, 'expires');
  if (expires) {
    const at = profile.parseDate(expires.value);
    if (at === null) {
      notes.push(reason('expires-invalid', expires.value));
      return { kind: 'session' };
    }
    const server =
      profile.usesServerDate && context.serverDate ? profile.parseDate(context.serverDate) : null;
    if (server !== null && server !== now && Math.abs(server - now) >= 1000) {
      notes.push(reason('server-clock', `${Math.round((server - now) / 1000)} s`));
      return persistent(now + (at - server), 'expires');
    }
    return persistent(at, 'expires');
  }
  return { kind: 'session' };
}

function sameSiteOf(line: ParsedLine, notes: Reason[]): SameSiteValue | null {
  const attr = lastAttribute(line, 'samesite');
  if (!attr) return null;
  const v = attr.value.toLowerCase();
  if (v === 'strict') return 'Strict';
  if (v === 'lax') return 'Lax';
  if (v === 'none') return 'None';
  notes.push(reason('samesite-invalid', attr.value));
  return null;
}

function priorityOf(line: ParsedLine, profile: BrowserProfile, notes: Reason[]): EffectiveCookie['priority'] {
  if (!profile.hasPriority) return null;
  const attr = lastAttribute(line, 'priority');
  if (!attr) return 'Medium';
  const v = attr.value.toLowerCase();
  if (v === 'low') return 'Low';
  if (v === 'high') return 'High';
  if (v !== 'medium') notes.push(reason('priority-invalid', attr.value));
  return 'Medium';
}

/** Domain attribute → [domain, hostOnly] or a rejection (§5.7 steps 5–6). */
function domainOf(
  line: ParsedLine,
  host: string,
  notes: Reason[],
): { domain: string; hostOnly: boolean } | ReasonCode {
  const attr = lastAttribute(line, 'domain');
  if (!attr) return { domain: host, hostOnly: true };
  // Oracle, both browsers: "Domain=." and a trailing dot ("example.com.") are invalid, not ignored.
  if (attr.value === '.' || attr.value.endsWith('.')) return 'domain-invalid';
  const value = attr.value.replace(/^\./, '').toLowerCase();
  if (value === '') {
    notes.push(reason('domain-empty'));
    return { domain: host, hostOnly: true };
  }
  if (isIpAddress(host)) {
    if (value !== host) return 'domain-mismatch';
    notes.push(reason('domain-equals-host', attr.value));
    return { domain: host, hostOnly: true };
  }
  if (isPublicSuffix(value)) {
    if (value !== host) return 'domain-public-suffix';
    notes.push(reason('domain-equals-host', attr.value));
    return { domain: host, hostOnly: true };
  }
  if (!domainMatch(host, value)) return 'domain-mismatch';
  return { domain: value, hostOnly: false };
}

function pathOf(line: ParsedLine, requestPath: string, notes: Reason[]): string {
  const attr = lastAttribute(line, 'path');
  if (attr && attr.value.startsWith('/')) return attr.value;
  if (attr) notes.push(reason('path-not-absolute', attr.value));
  return defaultPath(requestPath);
}

function notesForIgnored(line: ParsedLine, notes: Reason[]): void {
  for (const a of line.attributes)
    if (a.ignored === 'too-long' && a.key) notes.push(reason('attribute-too-long', a.name));
}

export function judgeSetCookie(
  raw: string,
  context: SetContext,
  profile: BrowserProfile,
  jar?: JarView,
): CookieVerdict {
  const line = parseLine(raw, profile);
  // Plain literals, no spread: V8 clones a spread object slowly, and the bench judges 10,000 of these.
  const verdict = (
    outcome: Outcome,
    why: Reason | null,
    cookie: EffectiveCookie | null,
    notes: Reason[],
  ): CookieVerdict => ({
    raw,
    name: line.name,
    value: line.value,
    bytes: line.bytes,
    outcome,
    reason: why,
    cookie,
    notes,
  });
  const rejected = (
    code: ReasonCode,
    cookie: EffectiveCookie | null,
    notes: Reason[],
    detail?: string,
  ): CookieVerdict => verdict('rejected', reason(code, detail), cookie, notes);
  if (line.failure) {
    const f = line.failure;
    if (f.code === 'empty') return rejected('empty', null, []);
    if (f.code === 'empty-name') return rejected('empty-name', null, []);
    if (f.code === 'too-big') return rejected('too-big', null, [], String(f.bytes));
    return rejected('control-char', null, [], `0x${f.char.toString(16).padStart(2, '0')} in the ${f.where}`);
  }
  const url = parseRequestUrl(context.url);
  if (!url || url.scheme === 'other') return rejected('not-http', null, []);
  const notes: Reason[] = [];
  notesForIgnored(line, notes);
  const expiry = expiryOf(line, context, profile, notes);
  const sameSiteAttr = sameSiteOf(line, notes);
  const priority = priorityOf(line, profile, notes);
  const secure = lastAttribute(line, 'secure') !== null;
  const partitionedAttr = lastAttribute(line, 'partitioned') !== null;
  const path = pathOf(line, url.path, notes);
  const domain = domainOf(line, url.host, notes);
  const top = context.topUrl ? parseRequestUrl(context.topUrl) : null;
  const crossSite = top !== null && !sameSite(url, top);
  const topSite = top ?? url;
  const cookie: EffectiveCookie = {
    name: line.name,
    value: line.value,
    domain: typeof domain === 'string' ? url.host : domain.domain,
    hostOnly: typeof domain === 'string' ? true : domain.hostOnly,
    path,
    secure,
    httpOnly: lastAttribute(line, 'httponly') !== null,
    sameSite: sameSiteAttr,
    sameSiteEnforced: sameSiteAttr ?? (profile.laxByDefault ? 'Lax' : 'None'),
    partitionKey: partitionedAttr && secure ? siteKey(topSite) : null,
    priority,
    expiry,
  };
  if (typeof domain === 'string')
    return rejected(domain, cookie, notes, lastAttribute(line, 'domain')?.value);
  const code = storageRejection(line, cookie, url, profile);
  if (code) return rejected(code, cookie, notes);
  if (crossSite) {
    // §5.7: a same-site-flag other than None is not set from a cross-site subresource.
    if (cookie.sameSiteEnforced !== 'None' || (cookie.sameSite === null && profile.laxByDefault))
      return rejected('cross-site-samesite', cookie, notes);
    if (profile.thirdParty === 'block' && cookie.partitionKey === null)
      return rejected('third-party-blocked', cookie, notes);
    if (profile.thirdParty === 'partition') cookie.partitionKey = siteKey(top);
  }
  if (!secure && !isSecureOrigin(url) && jar?.hasSecureConflict(cookie))
    return rejected('secure-overwrite', cookie, notes);
  return verdict(expiry.kind === 'delete' ? 'deleted' : 'stored', null, cookie, notes);
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
  const lower = cookie.name.toLowerCase();
  if (lower.startsWith('__secure-') && !cookie.secure) return 'prefix-secure';
  if (lower.startsWith('__host-')) {
    const pathAttr = lastAttribute(line, 'path');
    if (
      !cookie.secure ||
      !cookie.hostOnly ||
      (lastAttribute(line, 'domain') !== null && !cookie.hostOnly) ||
      pathAttr?.value !== '/'
    )
      return 'prefix-host';
  }
  // The HttpOnly prefixes (Chromium and Firefox implement them; oracle prefix/013–016).
  if (
    (lower.startsWith('__http-') || lower.startsWith('__host-http-')) &&
    (!cookie.httpOnly || !cookie.secure)
  )
    return 'prefix-http';
  if (cookie.name === '') {
    const v = cookie.value.toLowerCase();
    if (v.startsWith('__secure-') || v.startsWith('__host-')) return 'nameless-prefix';
  }
  if (cookie.sameSite === 'None' && !cookie.secure && profile.sameSiteNoneRequiresSecure)
    return 'samesite-none-insecure';
  if (lastAttribute(line, 'partitioned') !== null && !cookie.secure) return 'partitioned-insecure';
  return null;
}

/** A partition key in the browsers' own shape: scheme and registrable domain of the top-level site. */
function siteKey(url: RequestUrl): string {
  return `${url.scheme}://${registrableDomain(url.host)}`;
}
