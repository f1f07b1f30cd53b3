import { parseCookieDate } from './cookie-date.js';

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

export const CHROMIUM: BrowserProfile = {
  name: 'chromium',
  label: 'Chromium',
  maxNameValueBytes: 4096,
  allowsTabInNameValue: true,
  controlCharsAnywhere: false,
  maxAgeMs: 400 * DAY,
  maxAgeAllowsPlus: false,
  perDomainCap: 180,
  purgeTo: 150,
  maxResponseHeaderBytes: 256 * 1024,
  sameSiteNoneRequiresSecure: true,
  laxByDefault: true,
  thirdParty: 'block',
  hasPriority: true,
  usesServerDate: true,
  parseDate: parseCookieDate,
  docs: 'Chromium net/cookies (canonical_cookie.cc, cookie_monster.cc)',
};

export const FIREFOX: BrowserProfile = {
  name: 'firefox',
  label: 'Firefox',
  maxNameValueBytes: 4096,
  allowsTabInNameValue: true,
  controlCharsAnywhere: false,
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
  parseDate: parseCookieDate,
  docs: 'Firefox netwerk/cookie (CookieParser.cpp, CookieService.cpp)',
};

export const PROFILES: Record<BrowserName, BrowserProfile> = { chromium: CHROMIUM, firefox: FIREFOX };
