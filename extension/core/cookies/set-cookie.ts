import { parseSetCookie } from 'set-cookie-parser';

/** The 400-day cap browsers put on cookie lifetime (RFC 6265bis §5.6.1, §5.6.2). */
export const MAX_COOKIE_AGE_MS = 400 * 24 * 60 * 60 * 1000;

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

/** One Set-Cookie header, parsed, with what a browser will make of it. */
export interface SetCookie {
  raw: string;
  name: string;
  /** The value as sent (not URL-decoded): what counts against the 4096-byte limit. */
  value: string;
  path: string | null;
  domain: string | null;
  secure: boolean;
  httpOnly: boolean;
  /** As written (`Lax`, `strict`, …), or null when absent. */
  sameSite: string | null;
  partitioned: boolean;
  priority: string | null;
  /** Max-Age in seconds as written, or null. */
  maxAge: number | null;
  expiresHeader: string | null;
  expiry: CookieExpiry;
  /** UTF-8 bytes of name + value. */
  bytes: number;
}

const encoder = new TextEncoder();

export function utf8Length(text: string): number {
  return encoder.encode(text).length;
}

function attribute(raw: string, name: string): string | null {
  const re = new RegExp(`;\\s*${name}\\s*=\\s*([^;]*)`, 'i');
  const match = re.exec(raw);
  return match ? (match[1] ?? '').trim() : null;
}

/**
 * Parses Set-Cookie headers as a browser would read them at `receivedAt`
 * (epoch ms): Max-Age wins over Expires, lifetime capped at 400 days.
 * A header without a name=value pair is skipped, never thrown on.
 */
export function parseSetCookies(headers: readonly string[], receivedAt: number): SetCookie[] {
  const out: SetCookie[] = [];
  for (const raw of headers) {
    const [parsed] = parseSetCookie(raw, { decodeValues: false, silent: true, split: false });
    if (!parsed || parsed.name === '' && parsed.value === '') continue;
    const maxAgeText = attribute(raw, 'max-age');
    const maxAge = maxAgeText !== null && /^-?\d+$/.test(maxAgeText) ? Number(maxAgeText) : null;
    const expiresHeader = attribute(raw, 'expires');
    out.push({
      raw,
      name: parsed.name,
      value: parsed.value,
      path: parsed.path ?? null,
      domain: parsed.domain ?? null,
      secure: parsed.secure === true,
      httpOnly: parsed.httpOnly === true,
      sameSite: parsed.sameSite ?? null,
      partitioned: parsed.partitioned === true,
      priority: attribute(raw, 'priority'),
      maxAge,
      expiresHeader,
      expiry: expiryOf(maxAge, expiresHeader, receivedAt),
      bytes: utf8Length(parsed.name) + utf8Length(parsed.value),
    });
  }
  return out;
}

export function expiryOf(maxAge: number | null, expiresHeader: string | null, receivedAt: number): CookieExpiry {
  let requestedAt: number;
  let source: 'max-age' | 'expires';
  if (maxAge !== null) {
    if (maxAge <= 0) return { kind: 'delete', source: 'max-age' };
    requestedAt = receivedAt + maxAge * 1000;
    source = 'max-age';
  } else if (expiresHeader !== null && !Number.isNaN(Date.parse(expiresHeader))) {
    requestedAt = Date.parse(expiresHeader);
    if (requestedAt <= receivedAt) return { kind: 'delete', source: 'expires' };
    source = 'expires';
  } else {
    return { kind: 'session' };
  }
  const cap = receivedAt + MAX_COOKIE_AGE_MS;
  return { kind: 'persistent', at: Math.min(requestedAt, cap), requestedAt, source, capped: requestedAt > cap };
}

/** Parses a Cookie request header into name/value pairs, in order, values as sent. */
export function parseCookieHeader(header: string): { name: string; value: string }[] {
  const out: { name: string; value: string }[] = [];
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    const name = part.slice(0, eq).trim();
    if (name !== '') out.push({ name, value: part.slice(eq + 1).trim() });
  }
  return out;
}
