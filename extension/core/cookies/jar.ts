import type { BrowserProfile } from './profiles.js';
import {
  domainMatch,
  isSecureOrigin,
  parseRequestUrl,
  pathMatch,
  registrableDomain,
  sameSite,
  type RequestUrl,
} from './site.js';
import type { CookieVerdict, EffectiveCookie, JarView } from './verdict.js';

/**
 * A model of the browser's cookie store over a recorded history: what is kept, what a later
 * Set-Cookie replaces or deletes, what the per-domain cap evicts (RFC 6265bis §5.7, §5.8),
 * and which cookies a request carries (§5.8.3).
 */
export interface JarCookie extends EffectiveCookie {
  /** Epoch ms of first creation (kept when a later header replaces it, §5.7). */
  creation: number;
  /** Insertion order, for ties within one response. */
  seq: number;
  /** The registrable domain the per-domain cap counts under. */
  group: string;
}

const sameKey = (a: EffectiveCookie, b: EffectiveCookie) =>
  a.name === b.name &&
  a.domain === b.domain &&
  a.hostOnly === b.hostOnly &&
  a.path === b.path &&
  a.partitionKey === b.partitionKey;

export class CookieJar implements JarView {
  private cookies: JarCookie[] = [];
  private seq = 0;

  constructor(readonly profile: BrowserProfile) {}

  clone(): CookieJar {
    const copy = new CookieJar(this.profile);
    copy.cookies = this.cookies.slice();
    copy.seq = this.seq;
    return copy;
  }

  all(now?: number): readonly JarCookie[] {
    return now === undefined
      ? this.cookies
      : this.cookies.filter((c) => c.expiry.kind !== 'persistent' || c.expiry.at > now);
  }

  /** RFC 6265bis §5.7 step 16: a Secure cookie of this name whose domain and path cover the new one. */
  hasSecureConflict(cookie: EffectiveCookie): boolean {
    return this.cookies.some(
      (c) =>
        c.secure &&
        c.name === cookie.name &&
        (domainMatch(c.domain, cookie.domain) || domainMatch(cookie.domain, c.domain)) &&
        pathMatch(cookie.path, c.path),
    );
  }

  /** Applies one verdict at `at`; returns the cookies the per-domain cap evicted. */
  apply(verdict: CookieVerdict, at: number): JarCookie[] {
    const cookie = verdict.cookie;
    if (!cookie || verdict.outcome === 'rejected') return [];
    const index = this.cookies.findIndex((c) => sameKey(c, cookie));
    const old = index === -1 ? undefined : this.cookies[index];
    if (index !== -1) this.cookies.splice(index, 1);
    if (verdict.outcome === 'deleted') return [];
    const group = registrableDomain(cookie.domain);
    this.cookies.push(Object.assign({ creation: old?.creation ?? at, seq: this.seq++, group }, cookie));
    return this.evict(group);
  }

  /** Per-domain cap: past `perDomainCap` cookies under one registrable domain, the oldest go until `purgeTo` remain. */
  private evict(key: string): JarCookie[] {
    let count = 0;
    for (const c of this.cookies) if (c.group === key) count++;
    if (count <= this.profile.perDomainCap) return [];
    const group = this.cookies.filter((c) => c.group === key);
    const victims = group.sort((a, b) => a.seq - b.seq).slice(0, group.length - this.profile.purgeTo);
    const gone = new Set(victims);
    this.cookies = this.cookies.filter((c) => !gone.has(c));
    return victims;
  }

  /** The cookies a request to `url` carries, in Cookie-header order (§5.8.3: longer paths first, then older). */
  cookiesFor(url: string, topUrl: string | null, now: number): JarCookie[] {
    const request = parseRequestUrl(url);
    if (!request) return [];
    const top = topUrl ? parseRequestUrl(topUrl) : null;
    const crossSite = top !== null && !sameSite(request, top);
    const topKey = partitionKeyOf(top ?? request);
    return this.all(now)
      .filter((c) => sends(c, request, crossSite, topKey))
      .sort((a, b) => b.path.length - a.path.length || a.creation - b.creation || a.seq - b.seq);
  }
}

export function partitionKeyOf(url: RequestUrl): string {
  return `${url.scheme}://${registrableDomain(url.host)}`;
}

/** Would a request to `url` (in a frame of `topUrl`, if any) carry this cookie, were it stored? */
export function wouldSend(cookie: EffectiveCookie, url: string, topUrl: string | null): boolean {
  const request = parseRequestUrl(url);
  if (!request) return false;
  const top = topUrl ? parseRequestUrl(topUrl) : null;
  return sends(cookie, request, top !== null && !sameSite(request, top), partitionKeyOf(top ?? request));
}

function sends(c: EffectiveCookie, request: RequestUrl, crossSite: boolean, topKey: string): boolean {
  if (c.hostOnly ? request.host !== c.domain : !domainMatch(request.host, c.domain)) return false;
  if (!pathMatch(request.path, c.path)) return false;
  if (c.secure && !isSecureOrigin(request)) return false;
  if (c.partitionKey !== null) return c.partitionKey === topKey;
  // Unpartitioned cookies stay out of cross-site frames: blocked (Chromium) or kept in the first-party partition (Firefox).
  if (crossSite) return false;
  return true;
}
