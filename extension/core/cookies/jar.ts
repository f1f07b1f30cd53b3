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

/**
 * A stored cookie's identity (§5.7: name, domain, host-only, path; and its partition), as one
 * Map key. Lengths prefix the free-text parts, so no two identities share a key.
 */
const keyOf = (c: EffectiveCookie) =>
  `${c.name.length}:${c.name}${c.domain.length}:${c.domain}${c.hostOnly ? 'h' : 'd'}${c.path.length}:${c.path}${c.partitionKey === null ? '' : `|${c.partitionKey}`}`;

export class CookieJar implements JarView {
  /**
   * By identity, in the order they were stored (a replaced cookie moves to the end, as it gets a
   * new `seq`): one Map gives O(1) replace and delete, and its order is the `seq` order.
   */
  private cookies = new Map<string, JarCookie>();
  /** How many stored cookies each registrable domain holds, for the per-domain cap. */
  private groups = new Map<string, number>();
  private seq = 0;
  private list: JarCookie[] | null = null;

  constructor(readonly profile: BrowserProfile) {}

  clone(): CookieJar {
    const copy = new CookieJar(this.profile);
    copy.cookies = new Map(this.cookies);
    copy.groups = new Map(this.groups);
    copy.seq = this.seq;
    copy.list = this.list;
    return copy;
  }

  all(now?: number): readonly JarCookie[] {
    const list = (this.list ??= [...this.cookies.values()]);
    return now === undefined ? list : list.filter((c) => c.expiry.kind !== 'persistent' || c.expiry.at > now);
  }

  /** RFC 6265bis §5.7 step 16: a Secure cookie of this name whose domain and path cover the new one. */
  hasSecureConflict(cookie: EffectiveCookie): boolean {
    for (const c of this.cookies.values())
      if (
        c.secure &&
        c.name === cookie.name &&
        (domainMatch(c.domain, cookie.domain) || domainMatch(cookie.domain, c.domain)) &&
        pathMatch(cookie.path, c.path)
      )
        return true;
    return false;
  }

  /** Applies one verdict at `at`; returns the cookies the per-domain cap evicted. */
  apply(verdict: CookieVerdict, at: number): JarCookie[] {
    const cookie = verdict.cookie;
    if (!cookie || verdict.outcome === 'rejected') return [];
    const key = keyOf(cookie);
    const old = this.cookies.get(key);
    if (old) this.remove(key, old);
    if (verdict.outcome === 'deleted') return [];
    const group = registrableDomain(cookie.domain);
    // The property order of the former Object.assign({creation, seq, group}, cookie), without its copy loop.
    this.cookies.set(key, {
      creation: old?.creation ?? at,
      seq: this.seq++,
      group,
      name: cookie.name,
      value: cookie.value,
      domain: cookie.domain,
      hostOnly: cookie.hostOnly,
      path: cookie.path,
      secure: cookie.secure,
      httpOnly: cookie.httpOnly,
      sameSite: cookie.sameSite,
      sameSiteEnforced: cookie.sameSiteEnforced,
      partitionKey: cookie.partitionKey,
      priority: cookie.priority,
      expiry: cookie.expiry,
    });
    this.list = null;
    const count = (this.groups.get(group) ?? 0) + 1;
    this.groups.set(group, count);
    return count > this.profile.perDomainCap ? this.evict(group, count) : [];
  }

  private remove(key: string, cookie: JarCookie): void {
    this.cookies.delete(key);
    this.groups.set(cookie.group, this.groups.get(cookie.group)! - 1);
    this.list = null;
  }

  /** Per-domain cap: past `perDomainCap` cookies under one registrable domain, the oldest (lowest seq) go until `purgeTo` remain. */
  private evict(group: string, count: number): JarCookie[] {
    const victims: JarCookie[] = [];
    for (const [key, c] of this.cookies) {
      if (victims.length === count - this.profile.purgeTo) break;
      if (c.group !== group) continue;
      victims.push(c);
      this.remove(key, c);
    }
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
