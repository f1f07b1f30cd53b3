/**
 * Origins the key id may go to. An origin here is exact: scheme, host and port, as
 * `URL.origin` writes it (lower-case host, punycode, default port left out), because the
 * DNR filter built from it compares the request URL's text (see kid-rule.ts).
 */

/** The app origin plus API origins the developer adds; one DNR rule each. */
export const MAX_ORIGINS = 16;

/**
 * Host characters that may reach a DNR urlFilter: DNS names and IPv4 (IDNs arrive as punycode)
 * and bracketed IPv6. `*`, `^` and `|` mean something to urlFilter, and URL() lets `*` through.
 */
const HOST = /^(?:[a-z0-9_-]+(?:\.[a-z0-9_-]+)*\.?|\[[0-9a-f:.]+\])$/;

/** The http(s) origin of a page or request URL; null for anything else (about:blank, file:, data:…). */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  return HOST.test(parsed.hostname) ? parsed.origin : null;
}

/**
 * Reads what a developer typed as an API origin: an origin or any URL on it
 * (`http://localhost:4000`, `https://api.example.com/v1`). Throws a TypeError saying what to type.
 */
export function readOrigin(text: string): string {
  const trimmed = text.trim();
  if (!/^https?:\/\//i.test(trimmed)) {
    throw new TypeError(
      `"${trimmed}" is not an origin: type it with http:// or https://, e.g. http://localhost:4000.`,
    );
  }
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    throw new TypeError(`"${trimmed}" is not a URL: type an origin such as http://localhost:4000.`);
  }
  if (parsed.username !== '' || parsed.password !== '') {
    throw new TypeError('An origin has no user name or password: type only scheme, host and port.');
  }
  const origin = originOf(parsed.href);
  if (origin === null)
    throw new TypeError(`"${parsed.hostname}" is not a host name the key id can be limited to.`);
  return origin;
}

/** True when `value` is an origin exactly as originOf writes it (what the background accepts). */
export function isCanonicalOrigin(value: unknown): value is string {
  return typeof value === 'string' && originOf(value) === value;
}

/** Whether a request to `url` carries the key id under these origins. */
export function isCovered(url: string, origins: readonly string[]): boolean {
  const origin = originOf(url);
  return origin !== null && origins.includes(origin);
}

/** `origins` plus `origin` (once, at the end), or a TypeError when the list is full. */
export function withOrigin(origins: readonly string[], origin: string): string[] {
  if (origins.includes(origin)) return [...origins];
  if (origins.length >= MAX_ORIGINS) {
    throw new TypeError(`At most ${MAX_ORIGINS} origins per pairing: remove one first.`);
  }
  return [...origins, origin];
}
