import { parseCookieDateChromium } from './cookie-date.js';
import { parseCookieDateFirefox } from './nspr-date.js';
import type { AttributeKey } from './parse.js';

/**
 * What differs between the browsers the panel runs in. Every value is checked against the
 * oracle recorded from the real browser (fixtures/cookies/oracle-<browser>.json) and says
 * where it comes from.
 */
export type BrowserName = 'chromium' | 'firefox';

export interface BrowserProfile {
  name: BrowserName;
  /** How the panel names it in a sentence. */
  label: string;
  /** RFC 6265bis §5.6 step 5: name + value octets. */
  maxNameValueBytes: number;
  /** Is HTAB allowed inside a name or value (RFC 6265bis §5.6 step 1 allows it)? */
  allowsTabInNameValue: boolean;
  /** A control character anywhere in the line (an attribute too) drops the cookie. */
  controlCharsAnywhere: boolean;
  /** A pair without "=": RFC 6265bis makes it a nameless cookie with that value; Firefox makes it a name with an empty value. */
  pairWithoutEquals: 'value' | 'name';
  /** "=value" (an empty name) is stored (RFC 6265bis, Chromium) or dropped (Firefox). */
  allowsEmptyName: boolean;
  /** Attributes to which the 1024-octet limit (RFC 6265bis §5.6) does not apply in this browser. */
  attributeLimitExempt: readonly AttributeKey[];
  /** Lifetime cap, RFC 6265bis §5.6.1–2 (400 days). */
  maxAgeMs: number;
  /** Max-Age accepts a leading "+" (the RFC says ignore the attribute). */
  maxAgeAllowsPlus: boolean;
  /** Per-domain cookie cap and the count it purges down to. */
  perDomainCap: number;
  purgeTo: number;
  /** Response header block the browser accepts at all, in bytes (null: no limit seen). */
  maxResponseHeaderBytes: number | null;
  /** RFC 6265bis §5.7: SameSite=None without Secure is rejected. */
  sameSiteNoneRequiresSecure: boolean;
  /** A cookie without SameSite is treated as Lax (Chromium's "Lax by default"). */
  laxByDefault: boolean;
  /** In a cross-site frame: 'block' unpartitioned cookies, or keep them in a per-top-site 'partition'. */
  thirdParty: 'block' | 'partition';
  /** Has the non-standard Priority attribute. */
  hasPriority: boolean;
  /** Expires is moved by the server's clock: expiry = received + (Expires − Date header). */
  usesServerDate: boolean;
  parseDate(text: string): number | null;
  /** Where the browser's behaviour is documented, for citations. */
  docs: string;
}

const DAY = 24 * 60 * 60 * 1000;

/** A history repeats its Expires strings (fixed dates, the 1970 deletions): read each once. */
function remembered(parse: (text: string) => number | null): (text: string) => number | null {
  const cache = new Map<string, number | null>();
  return (text) => {
    let at = cache.get(text);
    if (at === undefined) {
      at = parse(text);
      if (cache.size >= 512) cache.clear();
      cache.set(text, at);
    }
    return at;
  };
}

export const CHROMIUM: BrowserProfile = {
  name: 'chromium',
  label: 'Chromium',
  maxNameValueBytes: 4096,
  // Oracle: "a\tb" is blocked (DisallowedCharacter), as is a control character in an attribute.
  allowsTabInNameValue: false,
  controlCharsAnywhere: true,
  pairWithoutEquals: 'value',
  allowsEmptyName: true,
  attributeLimitExempt: [],
  maxAgeMs: 400 * DAY,
  // Oracle: Max-Age=+3600 gives a persistent cookie (base::StringToInt64 takes the sign).
  maxAgeAllowsPlus: true,
  perDomainCap: 180,
  purgeTo: 150,
  maxResponseHeaderBytes: 256 * 1024,
  sameSiteNoneRequiresSecure: true,
  laxByDefault: true,
  thirdParty: 'block',
  hasPriority: true,
  usesServerDate: true,
  parseDate: remembered(parseCookieDateChromium),
  docs: 'Chromium net/cookies (canonical_cookie.cc, cookie_monster.cc)',
};

export const FIREFOX: BrowserProfile = {
  name: 'firefox',
  label: 'Firefox',
  maxNameValueBytes: 4096,
  allowsTabInNameValue: true,
  controlCharsAnywhere: true,
  // Oracle: "abc" is stored as abc= and "=abc" is not stored.
  pairWithoutEquals: 'name',
  allowsEmptyName: false,
  // Oracle: SameSite=Strict; SameSite=<1025 octets> ends with no SameSite.
  attributeLimitExempt: ['samesite'],
  maxAgeMs: 400 * DAY,
  maxAgeAllowsPlus: false,
  perDomainCap: 180,
  purgeTo: 150,
  maxResponseHeaderBytes: null,
  sameSiteNoneRequiresSecure: true,
  laxByDefault: false,
  thirdParty: 'partition',
  hasPriority: false,
  usesServerDate: true,
  parseDate: remembered(parseCookieDateFirefox),
  docs: 'Firefox netwerk/cookie (CookieParser.cpp, CookieService.cpp)',
};

export const PROFILES: Record<BrowserName, BrowserProfile> = { chromium: CHROMIUM, firefox: FIREFOX };
