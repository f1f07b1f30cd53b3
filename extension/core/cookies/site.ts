import { getDomain, getPublicSuffix } from 'tldts';

/**
 * Hosts, sites and the matching rules of RFC 6265bis §5.1.2–§5.1.4. The public suffix list
 * (ICANN and private sections, as both browsers use it) comes from tldts.
 */

export interface RequestUrl {
  scheme: 'http' | 'https' | 'other';
  /** Canonicalized host (§5.1.2): lower case, no trailing dot, IPv6 in brackets. */
  host: string;
  path: string;
}

/** Small caches: a response's headers share one URL, a history few hosts (the 10,000-header bench). */
function memo<T>(limit: number, compute: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined && !cache.has(key)) {
      value = compute(key);
      if (cache.size >= limit) cache.clear();
      cache.set(key, value);
    }
    return value as T;
  };
}

/**
 * A plain request URL, read without the URL parser: `new URL` was the costliest single step of
 * judging a history in the panel (≈ 10 µs per URL in Chromium, one per request). Plain means:
 * http(s); a host of letter-digit-hyphen labels (no leading, trailing or double hyphen, so no
 * IDNA question; the last label starts with a letter, so it is not an IPv4 address), optionally
 * a trailing dot and a port ≤ 65535; a path of characters every URL parser keeps as they are
 * (no "%", no dot segments); then any printable query or fragment. Everything else goes to
 * `new URL`, so the answer is always the platform's own.
 */
const PLAIN_URL =
  /^(https?):\/\/((?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.?)(?::(\d{1,5}))?(\/[A-Za-z0-9\-._~!$&'()*+,;=:@/]*)?(?:[?#][\x21-\x7e]*)?$/;
const DOT_SEGMENT = /\/\.\.?(?:\/|$)/;

export function plainUrl(url: string): RequestUrl | null {
  const m = PLAIN_URL.exec(url);
  if (!m) return null;
  const [, scheme, host, port, path] = m;
  if (host!.length > 253 || host!.includes('--')) return null;
  if (port !== undefined && Number(port) > 65535) return null;
  if (path !== undefined && DOT_SEGMENT.test(path)) return null;
  return { scheme: scheme as 'http' | 'https', host: canonicalHost(host!), path: path ?? '/' };
}

function parsedUrl(url: string): RequestUrl | null {
  try {
    const u = new URL(url);
    const scheme = u.protocol === 'https:' ? 'https' : u.protocol === 'http:' ? 'http' : 'other';
    return { scheme, host: canonicalHost(u.hostname), path: u.pathname || '/' };
  } catch {
    return null;
  }
}

const parseWithoutQuery = memo(256, (url) => plainUrl(url) ?? parsedUrl(url));

/**
 * Scheme, host and path end at the first "?" or "#" (the URL parser's authority and path states
 * stop there), so the cache is keyed without query and fragment: a history of 100,000 requests
 * with unique query strings (`?page=…`, cache busters) hits it instead of parsing each URL, and
 * an IP host, which the plain reader leaves to `new URL`, is parsed once per path.
 */
export function parseRequestUrl(url: string): RequestUrl | null {
  const query = url.indexOf('?');
  const fragment = url.indexOf('#');
  const end = query === -1 ? fragment : fragment === -1 ? query : Math.min(query, fragment);
  // The parser trims trailing spaces and controls off the whole URL, not off the part before "?"
  // ("http://h/ ?q" has the path "/%20"): such a URL is read whole.
  return parseWithoutQuery(end === -1 || url.charCodeAt(end - 1) <= 0x20 ? url : url.slice(0, end));
}

/** `parseRequestUrl` through the URL parser only: what the plain reader must always agree with (tests). */
export { parsedUrl as parseRequestUrlByParser };

export function canonicalHost(host: string): string {
  // Lower case, one trailing dot dropped (what replace(/\.$/, '') did, without a regex per URL).
  const lower = host.toLowerCase();
  return lower.charCodeAt(lower.length - 1) === 0x2e ? lower.slice(0, -1) : lower;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function isIpAddress(host: string): boolean {
  // A dotted quad starts with a digit: most hosts are answered without running the regex.
  const first = host.charCodeAt(0);
  return (first >= 0x30 && first <= 0x39 && IPV4.test(host)) || first === 0x5b || host.includes(':');
}

/**
 * "Potentially trustworthy" origins count as secure for cookies (RFC 6265bis §5.7 step 9 lets
 * the user agent decide; Chromium and Firefox both accept https, localhost and loopback addresses).
 */
export function isSecureOrigin(url: RequestUrl): boolean {
  if (url.scheme === 'https') return true;
  const h = url.host;
  return h === 'localhost' || h.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(h) || h === '[::1]';
}

/**
 * Is `domain` a public suffix (RFC 6265bis §5.7 step 5)? A single label that the list does not
 * name ("localhost", "internal") is one too: the list's implicit "*" rule.
 */
export const isPublicSuffix: (domain: string) => boolean = memo(1024, (domain) => {
  if (domain === '' || isIpAddress(domain)) return false;
  return getPublicSuffix(domain, { allowPrivateDomains: true }) === domain;
});

/** The registrable domain (eTLD+1), or the host itself when it has none (IP, localhost). */
export const registrableDomain: (host: string) => string = memo(1024, (host) => {
  if (isIpAddress(host)) return host;
  return getDomain(host, { allowPrivateDomains: true }) ?? host;
});

/** §5.1.3 domain-match. */
export function domainMatch(host: string, domain: string): boolean {
  if (host === domain) return true;
  // host ends with "." + domain, tested without building that string.
  const dot = host.length - domain.length - 1;
  return dot >= 0 && host.charCodeAt(dot) === 0x2e && host.endsWith(domain) && !isIpAddress(host);
}

/** §5.1.4 default-path of a request path. */
export function defaultPath(path: string): string {
  if (!path.startsWith('/')) return '/';
  const last = path.lastIndexOf('/');
  return last === 0 ? '/' : path.slice(0, last);
}

/** §5.1.4 path-match. */
export function pathMatch(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/';
}

/** Schemeful same-site (RFC 6265bis §5.2): same scheme and the same registrable domain. */
export function sameSite(a: RequestUrl, b: RequestUrl): boolean {
  return a.scheme === b.scheme && registrableDomain(a.host) === registrableDomain(b.host);
}
